// xenopsd on the QEMU backend as a real daemon: SIGKILLed with three guests running,
// its QEMUs carry on; restarted, it re-adopts exactly those three (state, consoles,
// QMP and a clean shutdown all work through it again) and never touches a QEMU that
// someone started by hand, even one whose command line carries its instance tag.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Daemon } from './support/daemon.js';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { setPriority } from 'node:os';
import { test } from 'node:test';
import { Client } from '../src/idl/index.js';
import { Xenops, xenopsQueue, type XenopsInterface } from '../src/idl/xenops.js';
import { SwitchRpc } from '../src/switch/rpc.js';
import { SERIAL_PROMPT } from '../src/xenopsd/backends/qemu/guest-image/rootfs.js';
import { QmpClient } from '../src/xenopsd/backends/qemu/qmp.js';
import { findOwnQemus } from '../src/xenopsd/backends/qemu/qemu-process.js';
import { alive } from '../src/xenopsd/backends/qemu/runtime.js';
import { SerialConsole } from '../src/xenopsd/backends/qemu/serial.js';
import { startTestVm, type TestVm } from '../src/xenopsd/backends/qemu/testing.js';
import { decodeVbd, decodeVm } from '../src/xenopsd/decode.js';
import { spawnSwitch, tempDir, waitFor } from './switch/harness.js';
import { outcome, spawnXenopsd } from './xenopsd/daemon-support.js';
import { needGuestImage } from './support/qemu.js';

const { skip } = await needGuestImage();

const NAME = 'qd';
const IDS = ['g1', 'g2', 'g3'];

type Xc = Client<XenopsInterface>;

async function completed(c: Xc, task: Promise<string>): Promise<void> {
  assert.equal(await outcome(c, await task), 'Completed');
}

/** The serial console socket xenopsd reports for a running VM. */
async function serialOf(c: Xc, id: string): Promise<string> {
  const [, s] = await c.call('VM.stat', { dbg: 't', id });
  const path = s.consoles.find((k) => k.protocol === 'Vt100')?.path;
  assert.ok(path, `${id} has a serial console`);
  return path;
}

/** Types a sum on the guest's shell and waits for the answer: the guest itself runs. */
async function guestAnswers(serialPath: string, n: number): Promise<void> {
  const con = await SerialConsole.connect(serialPath, { timeoutMs: 10_000 });
  try {
    const from = con.output.length;
    const deadline = Date.now() + 120_000;
    // the guest may still be booting: press enter until its prompt shows up
    for (;;) {
      con.write('\n');
      try {
        await con.waitFor(SERIAL_PROMPT, { from, timeoutMs: 1000 });
        break;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
    }
    const mark = con.output.length;
    con.write(`echo answer-$((${n}*7))\n`);
    await con.waitFor(`answer-${n * 7}`, { from: mark, timeoutMs: 30_000 });
  } finally {
    con.close();
  }
}

test(
  'xenopsd on QEMU, SIGKILLed and restarted, re-adopts its guests and leaves a hand-started QEMU alone',
  { skip },
  async (t) => {
    const dir = tempDir(t, 'qemu-daemon-kill-');
    // the instance tag the backend writes on its QEMUs' command lines (backend.ts tagOf)
    const tag = `${NAME}.${createHash('sha1').update(dir).digest('hex').slice(0, 8)}`;
    let hand: TestVm | undefined;
    const rpc: SwitchRpc[] = [];
    try {
      await spawnSwitch(t, dir);
      const start = async (): Promise<{ daemon: Daemon; c: Xc }> => {
        const daemon = await spawnXenopsd(t, dir, NAME, ['--backend', 'qemu', '--qemu-test-guest']);
        // its QEMUs inherit the priority: the guests' TCG boots yield to the rest of the test run
        setPriority(daemon.pid, 15);
        const r = new SwitchRpc({ socketPath: join(dir, 'switch.sock') });
        rpc.push(r);
        return { daemon, c: new Client(Xenops, r.transport(xenopsQueue(NAME)), { timeoutMs: 120_000 }) };
      };

      const first = await start();
      let c = first.c;
      for (const id of IDS)
        await c.call('VM.add', {
          dbg: 't',
          vm: decodeVm({ id, name: id, memory_static_max: 2 ** 27, vcpu_max: 1, vcpus: 1 }),
        });
      // one guest has a disk: its hard shutdown below must not wait for the paused guest to
      // acknowledge the disk's hot-unplug
      const disk = join(dir, 'g3-disk.raw');
      writeFileSync(disk, Buffer.alloc(1 << 20));
      await c.call('VBD.add', { dbg: 't', vbd: decodeVbd({ id: ['g3', 'xvda'], backend: ['Local', disk] }) });
      await Promise.all(
        IDS.map(async (id) => {
          await completed(c, c.call('VM.start', { dbg: id, id, force: false }));
          await completed(c, c.call('VM.unpause', { dbg: id, id }));
        }),
      );
      const serials = new Map<string, string>();
      for (const id of IDS) serials.set(id, await serialOf(c, id));
      await Promise.all(IDS.map((id, i) => guestAnswers(serials.get(id) as string, i + 1)));
      const domidsBefore = new Map<string, number[]>();
      for (const id of IDS) domidsBefore.set(id, (await c.call('VM.stat', { dbg: 't', id }))[1].domids);
      const guests = await findOwnQemus(tag);
      assert.equal(guests.length, IDS.length);

      // A QEMU started by hand from the same binary, carrying xenopsd's instance tag even
      // (the strongest look-alike): no VM of xenopsd's has its uuid, so it is not xenopsd's.
      hand = await startTestVm(undefined, { instanceTag: tag });
      const handPid = hand.proc.pid;
      assert.ok((await findOwnQemus(tag)).some((q) => q.pid === handPid));

      await first.daemon.stop('SIGKILL');
      for (const g of guests) assert.ok(alive(g.pid), `QEMU ${g.pid} outlives xenopsd`);
      // nobody holds their QMP sockets now: each still answers and its guest still runs
      for (const id of IDS) {
        const qmp = await QmpClient.connect(join(dirname(serials.get(id) as string), 'qmp.sock'), {
          timeoutMs: 10_000,
        });
        try {
          assert.equal((await qmp.execute<{ status: string }>('query-status')).status, 'running');
        } finally {
          await qmp.close();
        }
      }

      c = (await start()).c;
      await waitFor(
        async () => {
          const list = await c.call('VM.list', { dbg: 't' });
          return list.length === IDS.length && list.every(([, s]) => s.power_state === 'Running');
        },
        'the restarted xenopsd to report its guests running',
        60_000,
      );
      const listed = await c.call('VM.list', { dbg: 't' });
      assert.deepEqual(listed.map(([vm]) => vm.id).sort(), IDS);
      for (const id of IDS) {
        const [, s] = await c.call('VM.stat', { dbg: 't', id });
        assert.equal(s.power_state, 'Running');
        assert.deepEqual(s.domids, domidsBefore.get(id));
        assert.equal(await serialOf(c, id), serials.get(id));
      }
      assert.deepEqual(
        (await findOwnQemus(tag)).map((q) => q.pid),
        [...guests.map((g) => g.pid), handPid].sort((a, b) => a - b),
        'the same QEMU processes, none restarted',
      );
      await Promise.all(IDS.map((id, i) => guestAnswers(serials.get(id) as string, 10 + i)));
      // QMP through the restarted xenopsd: pause and unpause one guest
      await completed(c, c.call('VM.pause', { dbg: 't', id: 'g1' }));
      assert.equal((await c.call('VM.stat', { dbg: 't', id: 'g1' }))[1].power_state, 'Paused');
      await completed(c, c.call('VM.unpause', { dbg: 't', id: 'g1' }));
      assert.equal((await c.call('VM.stat', { dbg: 't', id: 'g1' }))[1].power_state, 'Running');

      // a clean shutdown (ACPI power button, the guest powers off) through the restarted
      // xenopsd, and a hard one for the guest with a disk
      await Promise.all(
        IDS.map((id) =>
          completed(c, c.call('VM.shutdown', id === 'g3' ? { dbg: id, id } : { dbg: id, id, delay: 60 })),
        ),
      );
      for (const id of IDS)
        assert.equal((await c.call('VM.stat', { dbg: 't', id }))[1].power_state, 'Halted');
      for (const g of guests) assert.ok(!alive(g.pid), `QEMU ${g.pid} has gone with its VM`);

      // the hand-started QEMU: same process, running, answering, never listed
      assert.ok(alive(handPid));
      assert.equal((await hand.qmp.execute<{ status: string }>('query-status')).status, 'running');
      assert.deepEqual((await c.call('VM.list', { dbg: 't' })).map(([vm]) => vm.id).sort(), IDS);
      assert.deepEqual(
        (await findOwnQemus(tag)).map((q) => q.pid),
        [handPid],
      );
    } finally {
      for (const r of rpc) r.close();
      for (const q of await findOwnQemus(tag)) {
        if (q.pid === hand?.proc.pid) continue;
        try {
          process.kill(q.pid, 'SIGKILL');
        } catch {
          // gone meanwhile
        }
      }
      await hand?.cleanup();
    }
  },
);
