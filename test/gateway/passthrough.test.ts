// End-to-end: the SDK's real client → keyward gateway (stdio front as the built binary, HTTP front in-process) →
// the real npm servers server-everything and server-filesystem. Tools, prompts, resources, progress and
// server→host requests pass through; injected and planted secrets come back masked; nothing leaks to the log.
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeToken } from '../../src/rules/fake.js';
import { EncryptedFileStore, parseRawKey, secretsFilePath } from '../../src/store/index.js';
import { JsonlAuditLog } from '../../src/gateway/audit-log.js';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import { Gateway } from '../../src/gateway/gateway.js';
import type { HttpFront } from '../../src/gateway/transports/http.js';
import {
  EVERYTHING, FILESYSTEM, MemoryStore, connectHttp, connectStdio, hostRoots, rootsAsked, tempDir, textOf, type Connected,
} from './helpers.js';

const INJECTED = fakeToken('kwdemo_', 32, 11);
const PLANTED = fakeToken('ghp_', 36, 7);
const PARENT_ONLY = fakeToken('parent_', 24, 5);
const STORE_KEY = 'test/demo-token';

interface Env {
  dir: string;
  filesDir: string;
  logFile: string;
  connect: () => Promise<Connected>;
  teardown: () => Promise<void>;
}

function configYaml(filesDir: string): string {
  return [
    'servers:',
    '  everything:',
    `    command: ${JSON.stringify(EVERYTHING)}`,
    '    env:',
    '      DEMO_MODE: "on"',
    '    secrets:',
    `      DEMO_TOKEN: ${STORE_KEY}`,
    '  files:',
    `    command: ${JSON.stringify(FILESYSTEM)}`,
    `    args: [${JSON.stringify(filesDir)}]`,
    '',
  ].join('\n');
}

async function prepare(): Promise<{ dir: string; filesDir: string; cleanup: () => Promise<void> }> {
  const { dir, cleanup } = await tempDir();
  const filesDir = join(dir, 'files');
  await mkdir(filesDir);
  await writeFile(join(filesDir, 'notes.txt'), `deploy notes\nGITHUB_TOKEN=${PLANTED}\n`);
  await writeFile(join(dir, 'keyward.gateway.yaml'), configYaml(filesDir));
  hostRoots.splice(0, hostRoots.length, { uri: `file://${filesDir}`, name: 'files' });
  return { dir, filesDir, cleanup };
}

async function stdioEnv(): Promise<Env> {
  const { dir, filesDir, cleanup } = await prepare();
  const home = join(dir, 'home');
  const key = fakeToken('', 64, 3, '0123456789abcdef');
  const store = new EncryptedFileStore(secretsFilePath(home), { kind: 'raw', key: parseRawKey(key) });
  await store.set(STORE_KEY, INJECTED);
  const logFile = join(dir, 'gateway.jsonl');
  const env = { KEYWARD_HOME: home, KEYWARD_STORE: 'file', KEYWARD_STORE_KEY: key, PARENT_ONLY };
  return {
    dir,
    filesDir,
    logFile,
    connect: () => connectStdio(['--config', join(dir, 'keyward.gateway.yaml'), '--log', logFile], env),
    teardown: cleanup,
  };
}

async function httpEnv(legacySse = false): Promise<Env> {
  const { dir, filesDir, cleanup } = await prepare();
  const parsed = parseGatewayConfig(configYaml(filesDir), 'test.yaml');
  if ('errors' in parsed) throw new Error(parsed.errors.join('\n'));
  const logFile = join(dir, 'gateway.jsonl');
  const reports: string[] = [];
  const gw = new Gateway({
    config: parsed.config,
    store: new MemoryStore({ [STORE_KEY]: INJECTED }),
    audit: new JsonlAuditLog(logFile),
    report: (l) => void reports.push(l),
  });
  const token = fakeToken('', 40, 21);
  let front: HttpFront | undefined;
  return {
    dir,
    filesDir,
    logFile,
    connect: async () => {
      front ??= await gw.serveHttp(0, token);
      const c = await connectHttp(front.url, token, legacySse);
      return { ...c, stderr: () => reports.join('\n') };
    },
    teardown: async () => {
      await gw.close();
      await cleanup();
    },
  };
}

for (const [name, make] of [
  ['stdio front (built binary)', stdioEnv],
  ['streamable HTTP front', () => httpEnv(false)],
  ['legacy HTTP+SSE front', () => httpEnv(true)],
] as const) {
  describe(`gateway passthrough over ${name}`, () => {
    let env: Env;
    let c: Connected;
    beforeAll(async () => {
      env = await make();
      c = await env.connect();
    }, 60_000);
    afterAll(async () => {
      await c?.close();
      await env?.teardown();
    });

    it('lists namespaced tools, prompts and resources from both servers', async () => {
      const tools = (await c.client.listTools()).tools.map((t) => t.name);
      expect(tools).toContain('everything__echo');
      expect(tools).toContain('files__read_text_file');
      const prompts = (await c.client.listPrompts()).prompts.map((p) => p.name);
      expect(prompts).toContain('everything__simple-prompt');
      const resources = (await c.client.listResources()).resources;
      expect(resources.length).toBeGreaterThan(0);
      expect(resources.every((r) => r.uri.startsWith('everything+'))).toBe(true);
      const read = await c.client.readResource({ uri: resources[0].uri });
      expect(read.contents[0].uri).toBe(resources[0].uri);
      const prompt = await c.client.getPrompt({ name: 'everything__simple-prompt' });
      expect(prompt.messages.length).toBeGreaterThan(0);
    });

    it('calls tools through and masks the injected secret wherever it comes back', async () => {
      const plain = await c.client.callTool({ name: 'everything__echo', arguments: { message: 'hello gateway' } });
      expect(textOf(plain)).toBe('Echo: hello gateway');
      const b64 = Buffer.from(`token=${INJECTED};`).toString('base64');
      const echoed = await c.client.callTool({
        name: 'everything__echo',
        arguments: { message: `raw ${INJECTED} url ${encodeURIComponent(INJECTED)} b64 ${b64}` },
      });
      const text = textOf(echoed);
      expect(text).not.toContain(INJECTED);
      expect(text).not.toContain(Buffer.from(INJECTED).toString('base64').slice(4, 20));
      expect(text.match(/\[REDACTED:injected:DEMO_TOKEN\]/g)?.length).toBeGreaterThanOrEqual(3);
    });

    it('gives the child only its declared environment, with the secret masked in what it reports', async () => {
      const env = textOf(await c.client.callTool({ name: 'everything__get-env', arguments: {} }));
      expect(env).toContain('DEMO_MODE');
      expect(env).toContain('[REDACTED:injected:DEMO_TOKEN]');
      expect(env).not.toContain(INJECTED);
      expect(env).not.toContain('PARENT_ONLY');
      expect(env).not.toContain(PARENT_ONLY);
    });

    it('masks a secret planted in a file that server-filesystem reads', async () => {
      const r = await c.client.callTool({ name: 'files__read_text_file', arguments: { path: join(env.filesDir, 'notes.txt') } });
      const text = textOf(r);
      expect(text).toContain('deploy notes');
      expect(text).toContain('[REDACTED:github-pat]');
      expect(text).not.toContain(PLANTED);
      expect(rootsAsked.count).toBeGreaterThan(0);
    });

    it('relays progress notifications for a long-running tool', async () => {
      const progress: number[] = [];
      const r = await c.client.callTool(
        { name: 'everything__trigger-long-running-operation', arguments: { duration: 0.3, steps: 3 } },
        undefined,
        { onprogress: (p) => void progress.push(p.progress) },
      );
      expect(textOf(r)).toMatch(/completed/i);
      // The last step can race the result inside the SDK client (it drops progress that lands after the result
      // in the same tick), so only the first two are certain.
      expect(progress.slice(0, 2)).toEqual([1, 2]);
    });

    it('relays logging messages and resource update notifications (with the namespaced URI)', async () => {
      await c.client.setLoggingLevel('debug');
      const resources = (await c.client.listResources()).resources;
      await c.client.subscribeResource({ uri: resources[0].uri });
      await c.client.callTool({ name: 'everything__toggle-simulated-logging', arguments: {} });
      await c.client.callTool({ name: 'everything__toggle-subscriber-updates', arguments: {} });
      const deadline = Date.now() + 5_000;
      const has = (m: string) => c.notifications.some((n) => n.method === m);
      while (Date.now() < deadline && !(has('notifications/message') && has('notifications/resources/updated'))) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(has('notifications/message')).toBe(true);
      const updated = c.notifications.find((n) => n.method === 'notifications/resources/updated');
      expect((updated?.params as { uri: string }).uri).toBe(resources[0].uri);
      await c.client.callTool({ name: 'everything__toggle-simulated-logging', arguments: {} });
      await c.client.callTool({ name: 'everything__toggle-subscriber-updates', arguments: {} });
    });

    it('cancels an upstream call when the host aborts it', async () => {
      const ac = new AbortController();
      const call = c.client.callTool(
        { name: 'everything__trigger-long-running-operation', arguments: { duration: 5, steps: 5 } },
        undefined,
        { signal: ac.signal },
      );
      setTimeout(() => ac.abort('user gave up'), 200);
      await expect(call).rejects.toThrow();
      // The gateway keeps serving after the cancellation.
      expect(textOf(await c.client.callTool({ name: 'everything__echo', arguments: { message: 'still here' } }))).toBe('Echo: still here');
    });

    it('never writes a planted or injected secret to the audit log or stderr', async () => {
      await c.client.callTool({ name: 'everything__echo', arguments: { message: `leak ${PLANTED} ${INJECTED}` } });
      await new Promise((r) => setTimeout(r, 200));
      const log = await readFile(env.logFile, 'utf8');
      const lines = log.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.some((l) => l.method === 'tools/call' && l.tool === 'echo' && l.server === 'everything')).toBe(true);
      const call = lines.find((l) => l.tool === 'read_text_file')!;
      expect(call.args).toEqual({ type: 'object', keys: { path: { type: 'string', length: join(env.filesDir, 'notes.txt').length } } });
      for (const text of [log, c.stderr()]) {
        expect(text).not.toContain(PLANTED);
        expect(text).not.toContain(INJECTED);
      }
    });
  });
}
