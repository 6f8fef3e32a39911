// A real guest under the QEMU backend survives live migration: two xenopsd
// instances on one host, the test guest booted and idle (qemu.md §6: under TCG a
// guest busy in its kernel may come back corrupted), a file written in its tmpfs;
// after each migration (to the other xenopsd, then to the same one) the serial
// console answers, the file is intact and the guest's reported addresses are known at
// once (the guest does not announce them again). Migration figures go to the test log.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { createQemuBackend } from '../../src/xenopsd/backends/qemu/backend.js';
import { localRemote } from '../../src/xenopsd/remote-local.js';
import { Xenopsd } from '../../src/xenopsd/server.js';
import { ok, shell } from './qemu-guest-shell.js';
import { untilVmState } from './support.js';
import type { VmState } from '../../src/xenopsd/types.js';
import { instanceTagOf, killQemus, needGuestImage } from '../support/qemu.js';

const { image, skip } = await needGuestImage();

test('a booted guest stays alive across live migrations between and within xenopsds', { skip }, async (t) => {
  if (!image) return;
  const dir = mkdtempSync(join(tmpdir(), 'qemu-migrate-'));
  const make = () =>
    createQemuBackend({
      directBoot: { kernel: image.vmlinux, initrd: image.initrd, cmdline: 'console=ttyS0 quiet' },
      priority: 15,
    });
  const a: Xenopsd = new Xenopsd({
    name: 'qa',
    backend: make(),
    stateDir: dir,
    remote: async (u) => localRemote(u === 'a' ? a : b),
  });
  const b: Xenopsd = new Xenopsd({
    name: 'qb',
    backend: make(),
    stateDir: dir,
    remote: async (u) => localRemote(u === 'a' ? a : b),
  });
  try {
    await a.start();
    await b.start();
    a.vm.add({ id: 'guest1', memory_static_max: 256 * 2 ** 20, vcpu_max: 1, vcpus: 1 });
    a.vif.add({ id: ['guest1', '0'], position: 0, mac: '52:54:00:12:34:56' });
    await ok(a, a.vm.start('t', 'guest1'));
    await ok(a, a.vm.unpause('t', 'guest1'));
    await shell(a, 'guest1', 'echo alive-$((40+2)) > /tmp/marker; cat /tmp/marker', 'alive-42');
    // the guest's DHCP lease, reported once on its console: it must survive the moves
    const agent = async (x: Xenopsd) => (await x.vm.stat('guest1'))[1].guest_agent;
    const hasAddress = (st: VmState) => Object.keys(st.guest_agent).some((k) => k.includes('ipv4'));
    await untilVmState(a, 'guest1', hasAddress, 'the guest address').catch(async () => {
      const serial = (await a.vm.stat('guest1'))[1].consoles.find((c) => c.protocol === 'Vt100')?.path ?? '';
      const log = readFileSync(join(dirname(serial), 'serial.log'), 'latin1');
      assert.fail(
        `the guest reports no address: ${log
          .split('\n')
          .filter((l) => l.includes('GUEST-IP'))
          .join('|')}`,
      );
    });
    const addresses = await agent(a);
    const hops: [Xenopsd, string, Xenopsd][] = [
      [a, 'b', b],
      [b, 'b', b],
      [b, 'a', a],
    ];
    for (const [from, url, to] of hops) {
      const stats = await ok(
        from,
        from.vm.migrate('t', 'guest1', { url, vdiMap: {}, vifMap: {}, pciMap: {} }),
      );
      t.diagnostic(`${from.name} -> ${to.name}: ${JSON.stringify(stats)}`);
      assert.equal((await to.vm.stat('guest1'))[1].power_state, 'Running');
      assert.deepEqual(await agent(to), addresses, 'the guest addresses came along');
      await shell(to, 'guest1', 'cat /tmp/marker; echo after-$((1+1))', 'after-2');
      await shell(to, 'guest1', 'cat /tmp/marker', 'alive-42');
    }
    await ok(a, a.vm.shutdown('t', 'guest1'));
  } finally {
    await a.close().catch(() => {});
    await b.close().catch(() => {});
    await killQemus(['qa', 'qb'].map((name) => instanceTagOf(name, dir)));
    rmSync(dir, { recursive: true, force: true });
  }
});
