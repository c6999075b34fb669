// An upstream that crashes, hangs, prints garbage or sends an oversized message: the host gets a clear JSON-RPC
// error, the child is restarted with back-off, and neither the other server nor another session is disturbed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeToken } from '../../src/rules/fake.js';
import { parseGatewayConfig } from '../../src/gateway/config.js';
import { Gateway } from '../../src/gateway/gateway.js';
import type { HttpFront } from '../../src/gateway/transports/http.js';
import { CRASHY, EVERYTHING, MemoryStore, connectHttp, textOf, type Connected } from './helpers.js';

const TOKEN = fakeToken('', 40, 5);
const FIXTURE_SECRET = fakeToken('fixture_', 30, 8);

const yaml = `
maxMessageBytes: 100000
servers:
  crashy:
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(CRASHY)}]
    timeoutMs: 800
    secrets:
      FIXTURE_TOKEN: fixture/token
  everything:
    command: ${JSON.stringify(EVERYTHING)}
`;

async function until<T>(f: () => Promise<T>, ms = 8_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await f();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

describe('gateway robustness', () => {
  let gw: Gateway;
  let front: HttpFront;
  let a: Connected;
  let b: Connected;
  const reports: string[] = [];
  beforeAll(async () => {
    const parsed = parseGatewayConfig(yaml, 'robust.yaml');
    if ('errors' in parsed) throw new Error(parsed.errors.join('\n'));
    gw = new Gateway({ config: parsed.config, store: new MemoryStore({ 'fixture/token': FIXTURE_SECRET }), report: (l) => void reports.push(l) });
    front = await gw.serveHttp(0, TOKEN);
    a = await connectHttp(front.url, TOKEN);
    b = await connectHttp(front.url, TOKEN);
  }, 60_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await gw?.close();
  });

  const call = (c: Connected, name: string) => c.client.callTool({ name, arguments: {} });

  it('turns a crash into a clear error, restarts the child and tells the host its tools changed', async () => {
    const before = textOf(await call(a, 'crashy__ok'));
    await expect(call(a, 'crashy__crash')).rejects.toThrow(/crashy exited; restarting it/);
    // Session b has its own child: untouched by a's crash.
    expect(textOf(await call(b, 'crashy__ok'))).toMatch(/^ok from pid/);
    // The other server of session a keeps working while crashy restarts.
    expect(textOf(await a.client.callTool({ name: 'everything__echo', arguments: { message: 'x' } }))).toBe('Echo: x');
    const after = await until(async () => textOf(await call(a, 'crashy__ok')));
    expect(after).toMatch(/^ok from pid/);
    expect(after).not.toBe(before);
    await until(async () => {
      if (!a.notifications.some((n) => n.method === 'notifications/tools/list_changed')) throw new Error('no list_changed yet');
    });
  });

  it('times out a hanging call with a clear error', async () => {
    await until(async () => call(a, 'crashy__ok'));
    const t0 = Date.now();
    await expect(call(a, 'crashy__hang')).rejects.toThrow(/did not answer tools\/call within 800 ms/);
    expect(Date.now() - t0).toBeLessThan(3_000);
  });

  it('fails in-flight calls when the child prints malformed JSON-RPC, then recovers', async () => {
    await until(async () => call(a, 'crashy__ok'));
    await expect(call(a, 'crashy__garbage')).rejects.toThrow(/sent malformed JSON-RPC/);
    expect(textOf(await until(async () => call(a, 'crashy__ok')))).toMatch(/^ok/);
  });

  it('refuses an oversized message with a clear error, then recovers', async () => {
    await until(async () => call(a, 'crashy__ok'));
    await expect(call(a, 'crashy__huge')).rejects.toThrow(/larger than 100000 bytes/);
    expect(textOf(await until(async () => call(a, 'crashy__ok')))).toMatch(/^ok/);
  });

  it('masks the injected secret in tool output and in the child stderr it relays', async () => {
    const out = textOf(await until(async () => call(a, 'crashy__echo-env')));
    expect(out).toContain('[REDACTED:injected:FIXTURE_TOKEN]');
    expect(out).not.toContain(FIXTURE_SECRET);
    await until(async () => {
      if (!reports.some((r) => r.includes('debug: token is'))) throw new Error('stderr line not relayed yet');
    });
    const relayed = reports.find((r) => r.includes('debug: token is'))!;
    expect(relayed).toContain('[REDACTED:injected:FIXTURE_TOKEN]');
    expect(reports.join('\n')).not.toContain(FIXTURE_SECRET);
  });
});
