// migrate_send of a VM whose disk is a qcow2 overlay on a base (a file SR after a
// snapshot): what moves is the disk's guest-visible contents, base and overlay
// together, and the destination's image stands alone (no backing file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { XapiClient } from '../src/client/generated.js';
import type { Xenopsd } from '../src/xenopsd/server.js';
import { startPeer } from './support/migration-peers.js';
import { addDisk, makeVm } from './support/vm-builder.js';
import { skipWithout } from './support/qemu.js';

const MiB = 2 ** 20;

async function defaults(c: XapiClient) {
  const pool = (await c.pool.get_all())[0] as string;
  const sr = await c.pool.get_default_SR(pool);
  const host = (await c.host.get_all())[0] as string;
  const network = Object.entries(await c.network.get_all_records()).find(
    ([, n]) => n.bridge === 'xapi-ts0',
  )?.[0] as string;
  return { sr, host, network };
}

/** The image file xenopsd was given for the VBD of `vm` whose path ends with `location`. */
function imageOf(x: Xenopsd, vm: string, location: string): string {
  for (const d of x.db.devices('VBD', vm)) {
    const b = d.config.backend;
    if (b?.[0] === 'Local' && b[1].endsWith(`/${location}`)) return b[1];
  }
  throw new Error(`no VBD of ${vm} on ${location}`);
}

const io = (path: string, cmd: string) => execFileSync('qemu-io', ['-f', 'qcow2', '-c', cmd, path]);
const info = (path: string) =>
  JSON.parse(execFileSync('qemu-img', ['info', '-U', '--output=json', path]).toString()) as {
    format: string;
    'backing-filename'?: string;
    'virtual-size': number;
  };

/** The disk's guest-visible contents, read through its backing chain. */
function contents(path: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'overlay-test-'));
  try {
    execFileSync('qemu-img', ['convert', '-U', '-O', 'raw', path, join(dir, 'c.raw')]);
    return readFileSync(join(dir, 'c.raw'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test(
  'migrate_send of a qcow2 overlay carries base and overlay into a standalone image',
  { skip: skipWithout('qemu-img', 'qemu-io') },
  async () => {
    await using a = await startPeer('a');
    await using b = await startPeer('b');
    const ca = await a.client();
    const cb = await b.client();
    const here = await defaults(ca);
    const there = await defaults(cb);
    assert.equal(await ca.SR.get_type(here.sr), 'file', 'with qemu-img the default SR is a file SR');
    assert.equal(await cb.SR.get_type(there.sr), 'file', 'with qemu-img the default SR is a file SR');
    const { vm, vdi, vif } = await makeVm(ca, 'layered');
    const { vdi: data } = await addDisk(ca, vm, {
      sr: here.sr,
      size: 16 * MiB,
      userdevice: '1',
      name: 'data',
      smConfig: { 'image-format': 'qcow2' },
    });
    // what the base holds, then a snapshot: the VDI becomes an overlay on that base
    const first = await ca.VDI.get_location(data);
    await ca.VM.start(vm, false, false);
    const uuid = await ca.VM.get_uuid(vm);
    const source0 = imageOf(a.xenopsd, uuid, first);
    await ca.VM.hard_shutdown(vm);
    io(source0, 'write -P 0x61 0 1M');
    io(source0, 'write -P 0x62 8M 64k');
    await ca.VDI.snapshot(data, {});
    await ca.VM.start(vm, false, false);
    const source = imageOf(a.xenopsd, uuid, await ca.VDI.get_location(data));
    assert.ok(info(source)['backing-filename'], 'the VDI is an overlay now');
    await ca.VM.hard_shutdown(vm);
    io(source, 'write -P 0x63 512k 64k');
    io(source, 'write -P 0x64 15M 4k');
    await ca.VM.start(vm, false, false);
    const expected = contents(source);
    assert.equal(expected.length, 16 * MiB);

    const dest = await cb.host.migrate_receive(there.host, there.network, {});
    await ca.VM.migrate_send(
      vm,
      dest,
      true,
      { [vdi]: there.sr, [data]: there.sr },
      { [vif]: there.network },
      {},
      {},
    );
    const moved = await cb.VM.get_by_uuid(uuid);
    assert.equal(await cb.VM.get_power_state(moved), 'Running');
    const vbds = await Promise.all((await cb.VM.get_VBDs(moved)).map((r) => cb.VBD.get_record(r)));
    const vbd = vbds.find((v) => v.userdevice === '1');
    assert.ok(vbd);
    const target = imageOf(b.xenopsd, uuid, await cb.VDI.get_location(vbd.VDI));
    assert.notEqual(target, source);
    assert.ok(existsSync(target));
    const i = info(target);
    assert.equal(i['backing-filename'], undefined, 'the destination image has no backing file');
    assert.equal(i['virtual-size'], 16 * MiB);
    assert.ok(contents(target).equals(expected), 'base and overlay contents arrived');
    await cb.VM.clean_shutdown(moved);
  },
);
