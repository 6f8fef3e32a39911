// Helpers for tests that run a real switch: a temp state dir, the daemon as a
// child process (so it can be SIGKILLed) or in-process, always cleaned up.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import { READY, startDaemon, type Daemon } from '../support/daemon.js';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(root, 'bin', 'xapi-ts.mjs');

export function tempDir(t: TestContext, prefix = 'switch-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export async function waitFor(
  cond: () => boolean | Promise<boolean>,
  what: string,
  ms = 20_000,
): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Start `xapi-ts message-switch` on `stateDir`; killed when the test ends. */
export async function spawnSwitch(t: TestContext, stateDir: string, args: string[] = []): Promise<Daemon> {
  const sock = join(stateDir, 'switch.sock');
  rmSync(sock, { force: true });
  const sw = await startDaemon(['message-switch', '--state-dir', stateDir, ...args], {
    ready: READY.switch,
    t,
  });
  if (!existsSync(sock)) throw new Error(`switch did not start: ${sw.output()}`);
  return sw;
}
