// What the xenopsd-level QEMU tests do with an in-process Xenopsd and its test guest:
// wait for a task, and type a command on the guest's serial console.
import assert from 'node:assert/strict';
import { SerialConsole } from '../../src/xenopsd/backends/qemu/serial.js';
import type { Xenopsd } from '../../src/xenopsd/server.js';

/** Wait for task `id`, destroy it, and return its result; it must have completed. */
export async function ok(x: Xenopsd, id: string): Promise<unknown> {
  const t = x.tasks.get(id);
  await t.done;
  x.tasks.destroy(id);
  assert.equal(t.state[0], 'Completed', JSON.stringify(t.state));
  return (t.state[1] as { result?: unknown }).result;
}

/**
 * Type `command` on the guest's serial console and wait for `expect` in what follows,
 * once the shell answers (within `bootMs`: the guest may still be booting).
 */
export async function shell(
  x: Xenopsd,
  vm: string,
  command: string,
  expect: string,
  bootMs = 120_000,
): Promise<void> {
  const [, state] = await x.vm.stat(vm);
  const path = state.consoles.find((c) => c.protocol === 'Vt100')?.path;
  assert.ok(path, 'a serial console');
  const con = await SerialConsole.connect(path, { timeoutMs: 5000 });
  try {
    const deadline = Date.now() + bootMs;
    for (;;) {
      const from = con.output.length;
      con.write('\n');
      if (
        await con.waitFor('guest# ', { from, timeoutMs: 2000 }).then(
          () => true,
          () => false,
        )
      )
        break;
      assert.ok(Date.now() < deadline, 'the guest shell answers');
    }
    const from = con.output.length;
    con.write(`${command}\n`);
    await con.waitFor(expect, { from, timeoutMs: 30_000 });
  } finally {
    con.close();
  }
}
