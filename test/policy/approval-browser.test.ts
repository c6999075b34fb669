// The approval page in a real browser (headless Chromium through playwright-core): the gateway holds a tool
// call, the page shows server, tool and masked arguments, a click on "Approve once" lets the call complete.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext } from 'playwright-core';
import { fakeToken } from '../../src/rules/fake.js';
import { fixtureYaml, startGateway, tempDir, textOf, type Harness } from './helpers.js';

const CHROMIUM = '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('approval page in headless Chromium', () => {
  let h: Harness;
  let browser: BrowserContext;
  let profile: Awaited<ReturnType<typeof tempDir>>;
  beforeAll(async () => {
    profile = await tempDir('keyward-chromium-');
    h = await startGateway(fixtureYaml('pin: false\napprove: { tools: [shell], timeoutSeconds: 30 }'));
    browser = await chromium.launchPersistentContext(profile.dir, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    await profile?.cleanup();
  });

  it('click approve → the tool call completes', async () => {
    const token = fakeToken('ghp_', 36, 73);
    const asked = h.nextPending();
    const call = h.client.callTool({ name: 'shell', arguments: { command: `deploy --token ${token}` } });
    const { url } = await asked;
    const page = await browser.newPage();
    await page.goto(url);
    expect(await page.locator('#server').textContent()).toBe('fx');
    expect(await page.locator('#tool').textContent()).toBe('shell');
    const args = (await page.locator('#arguments').textContent()) ?? '';
    expect(args).toContain('deploy --token');
    expect(args).not.toContain(token);
    let settled = false;
    void call.finally(() => (settled = true)).catch(() => undefined);
    expect(settled).toBe(false);
    await page.click('#approve-once');
    await page.waitForSelector('#result');
    expect(await page.locator('#result').textContent()).toBe('Approved once');
    expect(textOf(await call)).toMatch(/^ran: deploy --token /);
    // Reloading the one-time link does not show the form again.
    const again = await page.goto(url);
    expect(again?.status()).toBe(410);
    await page.close();
  }, 60_000);
});
