// The storage conformance suite: the same behaviour asked of every SR type
// through the StorageManager interface — volumes, chains under snapshots and
// clones, resizing, copies with progress and cancellation, datapaths with
// their superstate rules, SR lifecycle and space accounting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalStorageManager } from '../../src/storage/manager.js';
import type { SrPlugin, Volume } from '../../src/storage/types.js';
import { failure } from '../support/failure.js';

export interface SuiteOptions {
  readonly plugin: SrPlugin;
  /** Why the suite cannot run here, if it cannot. */
  readonly skip?: string | false;
  /** Make a volume hold `bytes` of data so that copies take time (file SRs). */
  readonly fill?: (path: string, format: string, bytes: number) => Promise<void>;
}

const MiB = 1024 * 1024;

interface Fixture extends AsyncDisposable {
  readonly sm: LocalStorageManager;
  readonly sr: string;
  readonly dir: string;
  readonly config: { readonly location: string };
  byUuid(uuid: string): Promise<Volume | undefined>;
}

async function fixture(plugin: SrPlugin, physicalSize = 0): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'xapi-ts-sr-'));
  const sm = new LocalStorageManager([plugin]);
  const sr = randomUUID();
  const config = { location: join(dir, 'sr') };
  await sm.srCreate(sr, plugin.type, config, physicalSize);
  await sm.srAttach(sr, plugin.type, config);
  return {
    sm,
    sr,
    dir,
    config,
    async byUuid(uuid) {
      return (await sm.srScan(sr)).find((v) => v.uuid === uuid);
    },
    async [Symbol.asyncDispose]() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function storageConformance(opts: SuiteOptions): void {
  const { plugin } = opts;
  const skip = opts.skip || false;
  const name = (s: string): string => `${plugin.type} SR: ${s}`;

  test(name('create, scan and stat'), { skip }, async () => {
    await using f = await fixture(plugin);
    assert.deepEqual(await f.sm.srScan(f.sr), []);
    const v = await f.sm.vdiCreate(f.sr, { virtualSize: 10 * MiB + 1 });
    assert.equal(v.virtualSize, 10 * MiB + 512, 'rounded up to whole sectors');
    assert.ok(v.physicalUtilisation < v.virtualSize, 'thin');
    assert.equal(v.parent, undefined);
    assert.equal(v.hidden, false);
    assert.deepEqual(await f.sm.srScan(f.sr), [v]);
    const st = await f.sm.srStat(f.sr);
    assert.ok(st.physicalSize > 0 && st.physicalUtilisation <= st.physicalSize);
    await failure(f.sm.vdiDestroy(f.sr, '00000000-0000-0000-0000-000000000000'), 'VDI_MISSING', [
      f.sr,
      '00000000-0000-0000-0000-000000000000',
    ]);
  });

  test(name('an SR directory belongs to one SR'), { skip }, async () => {
    await using f = await fixture(plugin);
    const other = new LocalStorageManager([plugin]);
    await failure(other.srAttach(randomUUID(), plugin.type, f.config), 'SR_BACKEND_FAILURE');
    await failure(other.srAttach(f.sr, 'nope', f.config), 'SR_UNKNOWN_DRIVER', ['nope']);
    await failure(other.srAttach(f.sr, plugin.type, { location: 'relative' }), 'INVALID_VALUE');
  });

  test(name('thick volumes take their space and fail with SR_FULL'), { skip }, async () => {
    await using f = await fixture(plugin, 64 * MiB);
    const thick = await f.sm.vdiCreate(f.sr, { virtualSize: 4 * MiB, provisioning: 'thick' });
    assert.ok(thick.physicalUtilisation >= 4 * MiB);
    const huge = 2 ** 50;
    const [requested] = await failure(
      f.sm.vdiCreate(f.sr, { virtualSize: huge, provisioning: 'thick' }),
      'SR_FULL',
    );
    assert.equal(requested, String(huge));
    // Thin provisioning promises more than there is.
    assert.equal((await f.sm.vdiCreate(f.sr, { virtualSize: huge })).virtualSize, huge);
  });

  test(name('resize grows only, and only while detached'), { skip }, async () => {
    await using f = await fixture(plugin);
    const v = await f.sm.vdiCreate(f.sr, { virtualSize: 8 * MiB });
    assert.equal((await f.sm.vdiResize(f.sr, v.uuid, 16 * MiB)).virtualSize, 16 * MiB);
    await failure(f.sm.vdiResize(f.sr, v.uuid, MiB), 'VALUE_NOT_SUPPORTED');
    await f.sm.attach(f.sr, v.uuid, 'vbd/1/0', true);
    await failure(f.sm.vdiResize(f.sr, v.uuid, 32 * MiB), 'VDI_IN_USE', [v.uuid, 'resize']);
    await f.sm.detach(f.sr, v.uuid, 'vbd/1/0');
    assert.equal((await f.sm.vdiResize(f.sr, v.uuid, 32 * MiB)).virtualSize, 32 * MiB);
  });

  test(
    name('snapshot: the disk stays writable over a hidden base shared with the snapshot'),
    { skip },
    async () => {
      await using f = await fixture(plugin);
      const v = await f.sm.vdiCreate(f.sr, { virtualSize: 8 * MiB });
      const s = await f.sm.vdiSnapshot(f.sr, v.uuid);
      const disk = (await f.byUuid(v.uuid)) as Volume;
      assert.ok(disk.parent, 'the disk is now an overlay');
      assert.equal(s.parent, disk.parent, 'on the same base as the snapshot');
      const base = (await f.byUuid(disk.parent)) as Volume;
      assert.equal(base.hidden, true);
      assert.equal(s.virtualSize, v.virtualSize);
      assert.equal((await f.sm.attach(f.sr, v.uuid, 'vm', true)).readWrite, true);
      await f.sm.detach(f.sr, v.uuid, 'vm');
      // A hidden base is not for clients.
      await failure(f.sm.vdiDestroy(f.sr, base.uuid), 'VDI_NOT_MANAGED', [base.uuid]);
      await failure(f.sm.attach(f.sr, base.uuid, 'x', false), 'VDI_NOT_MANAGED', [base.uuid]);
      // The base goes with its last overlay.
      await f.sm.vdiDestroy(f.sr, s.uuid);
      assert.ok(await f.byUuid(base.uuid));
      await f.sm.vdiDestroy(f.sr, v.uuid);
      assert.deepEqual(await f.sm.srScan(f.sr), []);
    },
  );

  test(
    name('clones of a snapshot are overlays on it; a destroyed snapshot stays hidden while used'),
    { skip },
    async () => {
      await using f = await fixture(plugin);
      const v = await f.sm.vdiCreate(f.sr, { virtualSize: 8 * MiB });
      const s = await f.sm.vdiSnapshot(f.sr, v.uuid);
      const c1 = await f.sm.vdiClone(f.sr, s.uuid, { sourceImmutable: true });
      const c2 = await f.sm.vdiClone(f.sr, s.uuid, { sourceImmutable: true });
      assert.equal(c1.parent, s.uuid);
      assert.equal(c2.parent, s.uuid);
      // A volume others read is never written.
      await failure(f.sm.attach(f.sr, s.uuid, 'x', true), 'VDI_READONLY', [s.uuid]);
      await failure(f.sm.vdiResize(f.sr, s.uuid, 16 * MiB), 'VDI_READONLY', [s.uuid]);
      await f.sm.attach(f.sr, s.uuid, 'x', false);
      await f.sm.detach(f.sr, s.uuid, 'x');
      await f.sm.vdiDestroy(f.sr, s.uuid);
      assert.equal((await f.byUuid(s.uuid))?.hidden, true);
      await f.sm.vdiDestroy(f.sr, c1.uuid);
      assert.ok(await f.byUuid(s.uuid));
      await f.sm.vdiDestroy(f.sr, c2.uuid);
      // The snapshot and the base under it are gone; the disk and its own base remain.
      const left = await f.sm.srScan(f.sr);
      assert.deepEqual(
        left.filter((x) => !x.hidden).map((x) => x.uuid),
        [v.uuid],
      );
      assert.equal(left.length, 2);
      // A clone of a writable disk leaves both writable.
      const c3 = await f.sm.vdiClone(f.sr, v.uuid);
      await f.sm.attach(f.sr, v.uuid, 'a', true);
      await f.sm.attach(f.sr, c3.uuid, 'b', true);
    },
  );

  test(
    name('live snapshot of an attached disk: frozen base, undone unless the hypervisor switched'),
    { skip },
    async () => {
      await using f = await fixture(plugin);
      const format = plugin.type === 'file' ? ('raw' as const) : undefined;
      const v = await f.sm.vdiCreate(f.sr, { virtualSize: 8 * MiB, ...(format ? { format } : {}) });
      const before = await f.sm.attach(f.sr, v.uuid, 'vm', true);
      await f.sm.activate(f.sr, v.uuid, 'vm');
      // The offline path refuses a disk a hypervisor has open.
      await failure(f.sm.vdiSnapshot(f.sr, v.uuid), 'VDI_IN_USE', [v.uuid, 'snapshot']);

      // Undone before the switch: everything as it was, the image at its old place.
      const l1 = await f.sm.vdiLiveSnapshot(f.sr, v.uuid);
      assert.ok(l1.base && l1.attach);
      assert.equal(l1.snapshot.parent, l1.base);
      assert.equal((await f.byUuid(v.uuid))?.parent, l1.base);
      assert.equal(l1.attach.readWrite, true);
      await f.sm.vdiLiveSnapshotAbort(f.sr, v.uuid, l1, false);
      assert.deepEqual(
        (await f.sm.srScan(f.sr)).map((x) => [x.uuid, x.parent, x.hidden]),
        [[v.uuid, undefined, false]],
      );
      assert.deepEqual(await f.sm.attach(f.sr, v.uuid, 'vm', true), before);

      // Switched: the disk is an overlay on the frozen base, beside the snapshot.
      const l2 = await f.sm.vdiLiveSnapshot(f.sr, v.uuid);
      const disk = (await f.byUuid(v.uuid)) as Volume;
      assert.equal(disk.parent, l2.base);
      assert.equal((await f.byUuid(l2.base as string))?.hidden, true);
      assert.equal(l2.attach?.format, plugin.type === 'file' ? 'qcow2' : 'sim');
      // A second live snapshot freezes the overlay in turn.
      const l3 = await f.sm.vdiLiveSnapshot(f.sr, v.uuid);
      assert.equal((await f.byUuid(l3.base as string))?.parent, l2.base);
      // Aborted after the switch: the snapshot goes, the chain stays.
      await f.sm.vdiLiveSnapshotAbort(f.sr, v.uuid, l3, true);
      assert.equal(await f.byUuid(l3.snapshot.uuid), undefined);
      assert.equal((await f.byUuid(v.uuid))?.parent, l3.base);
      assert.deepEqual(Object.keys(f.sm.datapaths(f.sr, v.uuid)), ['vm']);
      await f.sm.detach(f.sr, v.uuid, 'vm');
      await f.sm.vdiDestroy(f.sr, v.uuid);
      assert.deepEqual(
        (await f.sm.srScan(f.sr)).map((x) => x.uuid),
        [l2.snapshot.uuid, l2.base].sort(),
      );
      await f.sm.vdiDestroy(f.sr, l2.snapshot.uuid);
      assert.deepEqual(await f.sm.srScan(f.sr), []);
    },
  );

  test(name('datapaths follow the superstate rules and survive a restart'), { skip }, async () => {
    await using f = await fixture(plugin);
    const v = await f.sm.vdiCreate(f.sr, { virtualSize: MiB });
    const info = await f.sm.attach(f.sr, v.uuid, 'ro', false);
    assert.equal(info.readWrite, false);
    assert.equal(typeof info.path, 'string');
    await failure(f.sm.attach(f.sr, v.uuid, 'rw', true), 'VDI_IN_USE', [v.uuid, 'attach_rw']);
    await f.sm.activate(f.sr, v.uuid, 'ro');
    await failure(f.sm.vdiDestroy(f.sr, v.uuid), 'VDI_IN_USE', [v.uuid, 'destroy']);
    await failure(f.sm.vdiSnapshot(f.sr, v.uuid), 'VDI_IN_USE', [v.uuid, 'snapshot']);
    await failure(f.sm.srDetach(f.sr), 'VDI_IN_USE', [v.uuid, 'sr_detach']);

    // Another manager (a restarted server) finds the datapaths again.
    const again = new LocalStorageManager([plugin]);
    await again.srAttach(f.sr, plugin.type, f.config);
    assert.deepEqual(again.datapaths(f.sr, v.uuid), { ro: { kind: 'activated', readWrite: false } });
    await again.deactivate(f.sr, v.uuid, 'ro');
    await again.detach(f.sr, v.uuid, 'ro');
    await again.detach(f.sr, v.uuid, 'ro');
    assert.deepEqual(again.datapaths(f.sr, v.uuid), {});
    await again.vdiDestroy(f.sr, v.uuid);
    await failure(again.activate(f.sr, v.uuid, 'ro'), 'VDI_MISSING', [f.sr, v.uuid]);
  });

  test(name('copy: a new volume or into an existing one, with progress'), { skip }, async () => {
    await using f = await fixture(plugin);
    const v = await f.sm.vdiCreate(f.sr, { virtualSize: 4 * MiB });
    const s = await f.sm.vdiSnapshot(f.sr, v.uuid);
    const seen: number[] = [];
    const copy = await f.sm.vdiCopy(f.sr, s.uuid, f.sr, undefined, { progress: (p) => seen.push(p) });
    assert.equal(copy.parent, undefined, 'a copy is flat');
    assert.equal(copy.virtualSize, v.virtualSize);
    assert.equal(seen.at(-1), 1);
    assert.deepEqual(
      seen,
      [...seen].sort((a, b) => a - b),
    );
    const small = await f.sm.vdiCreate(f.sr, { virtualSize: MiB });
    await failure(f.sm.vdiCopy(f.sr, v.uuid, f.sr, small.uuid, {}), 'VDI_TOO_SMALL', [
      small.uuid,
      String(4 * MiB),
    ]);
    const big = await f.sm.vdiCreate(f.sr, { virtualSize: 8 * MiB });
    assert.equal((await f.sm.vdiCopy(f.sr, v.uuid, f.sr, big.uuid, {})).uuid, big.uuid);
    // A base others read is never written.
    const base = s.parent as string;
    await failure(f.sm.vdiCopy(f.sr, v.uuid, f.sr, base, {}), 'VDI_READONLY', [base]);
  });

  test(name('a copy stops when aborted and leaves nothing behind'), { skip }, async () => {
    await using f = await fixture(plugin);
    const size = 8 * MiB;
    const v = await f.sm.vdiCreate(f.sr, { virtualSize: size });
    if (opts.fill) await opts.fill((await f.sm.attach(f.sr, v.uuid, 'fill', true)).path, v.format, size);
    await f.sm.detach(f.sr, v.uuid, 'fill');
    const before = (await f.sm.srScan(f.sr)).map((x) => x.uuid);
    const files = readdirSync(f.config.location).sort();
    const ac = new AbortController();
    const reason = new Error('stop');
    let progressed = 0;
    let started: () => void = () => undefined;
    const moving = new Promise<void>((r) => (started = r));
    const copying = f.sm.vdiCopy(f.sr, v.uuid, f.sr, undefined, {
      signal: ac.signal,
      rateLimit: MiB,
      progress: (p) => {
        if (p > 0 && progressed === 0) {
          progressed = p;
          started();
        }
      },
    });
    await moving;
    // A copy in progress is not a volume yet.
    assert.deepEqual(
      (await f.sm.srScan(f.sr)).map((x) => x.uuid),
      before,
    );
    // The source is busy while it is read.
    await failure(f.sm.vdiDestroy(f.sr, v.uuid), 'VDI_IN_USE', [v.uuid, 'destroy']);
    ac.abort(reason);
    await assert.rejects(copying, (e) => e === reason);
    assert.ok(progressed > 0 && progressed < 1);
    assert.deepEqual(
      (await f.sm.srScan(f.sr)).map((x) => x.uuid),
      before,
    );
    assert.deepEqual(readdirSync(f.config.location).sort(), files, 'no partial copy left');
    await f.sm.vdiDestroy(f.sr, v.uuid);
  });

  test(name('SR destroy: only detached and empty'), { skip }, async () => {
    await using f = await fixture(plugin);
    const v = await f.sm.vdiCreate(f.sr, { virtualSize: MiB });
    await failure(f.sm.srDestroy(f.sr, plugin.type, f.config), 'SR_HAS_PBD', [f.sr]);
    await f.sm.srDetach(f.sr);
    await failure(f.sm.srDestroy(f.sr, plugin.type, f.config), 'SR_NOT_EMPTY', []);
    await f.sm.srAttach(f.sr, plugin.type, f.config);
    await f.sm.vdiDestroy(f.sr, v.uuid);
    await f.sm.srDetach(f.sr);
    await f.sm.srDestroy(f.sr, plugin.type, f.config);
    await failure(f.sm.srScan(f.sr), 'SR_NOT_ATTACHED');
  });
}
