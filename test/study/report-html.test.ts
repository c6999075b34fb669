// The HTML report in a real browser (Debian's headless Chromium via playwright-core): every chart renders
// with a size and the expected number of bars, the page makes no network request, and a screenshot is
// written for the README (docs/study-report.png when missing, or with KEYWARD_UPDATE_SCREENSHOT=1).
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/run.js';
import { createFixture, studyArgs, studyEnv, type Fixture } from './fixtures.js';

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
const DOCS_PNG = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/study-report.png');

describe.skipIf(!haveChromium)(`HTML report in headless Chromium${haveChromium ? '' : ' (skipped: /usr/bin/chromium is not installed)'}`, () => {
  let f: Fixture;
  let html: string;
  let profile: string;

  beforeAll(async () => {
    f = await createFixture();
    const res = await run(studyArgs(f, path.join(f.dir, 'study.db'), ['--out', 'out']), { env: studyEnv(), cwd: f.dir });
    expect(res.exitCode).toBe(0);
    html = path.join(f.dir, 'out', 'report.html');
    profile = await fs.mkdtemp(path.join(os.tmpdir(), 'keyward-chromium-'));
  });

  afterAll(async () => {
    await f?.close();
    if (profile) await fs.rm(profile, { recursive: true, force: true });
  });

  it('renders every chart with its bars and fetches nothing', async () => {
    const { chromium } = await import('playwright-core');
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1040, height: 900 },
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(pathToFileURL(html).href);
      expect(requests).toEqual([pathToFileURL(html).href]);

      const charts = await page.$$eval('svg.chart', (svgs) =>
        svgs.map((svg) => {
          const box = svg.getBoundingClientRect();
          const bars = [...svg.querySelectorAll('rect.bar')].map((r) => ({
            value: Number(r.getAttribute('data-value')),
            width: r.getBoundingClientRect().width,
            height: r.getBoundingClientRect().height,
          }));
          return { id: svg.getAttribute('data-chart'), width: box.width, height: box.height, bars, whiskers: svg.querySelectorAll('g.ci').length, reference: svg.querySelectorAll('line.reference').length };
        }),
      );
      expect(charts.map((c) => [c.id, c.bars.length])).toEqual([
        ['funnel', 7],
        ['share', 2],
        ['local-remote', 6],
        ['by-rule', 4],
        ['by-surface', 4],
        ['by-provider', 3],
      ]);
      for (const c of charts) {
        expect(c.width).toBeGreaterThan(300);
        expect(c.height).toBeGreaterThan(40);
        for (const b of c.bars) {
          expect(b.height).toBeGreaterThan(5);
          if (b.value > 0) expect(b.width).toBeGreaterThan(1);
        }
      }
      // Bars are drawn to scale: the funnel’s first bar (16 servers) is the widest.
      const funnel = charts[0].bars;
      expect(funnel[0].width).toBeGreaterThan(funnel[2].width);
      expect(funnel[2].width / funnel[0].width).toBeCloseTo(7 / 16, 2);
      // Intervals and the baseline line are drawn where promised.
      expect(charts[1].whiskers).toBe(2);
      expect(charts[1].reference).toBe(1);
      expect(charts[2].whiskers).toBe(6);

      const shot = path.join(f.dir, 'study-report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect((await fs.stat(shot)).size).toBeGreaterThan(20_000);
      if (!existsSync(DOCS_PNG) || process.env.KEYWARD_UPDATE_SCREENSHOT === '1') await fs.copyFile(shot, DOCS_PNG);
    } finally {
      await context.close();
    }
  });
});
