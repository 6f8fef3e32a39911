// The VDI lock conformance suite: what every `VdiLocks` must do, written once.
// The in-memory locks of a standalone host (src/storage/vdi-locks.test.ts)
// and the etcd locks of a pool (src/db/etcd/vdi-locks.test.ts, 3 members)
// both run it. Tests that need a host lease that expires skip, with the
// reason, on a backend without leases.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { ApiError } from '../../src/datamodel/api-error.js';
import type { VdiLockHolder, VdiLocks } from '../../src/storage/vdi-locks.js';

export interface LocksInstance {
  /** At least 8 live hosts. */
  readonly hosts: readonly string[];
  /** The locks as host `hostUuid` uses them (the same object for all hosts in memory). */
  locks(hostUuid: string): VdiLocks;
  /**
   * A new live host whose lease is never renewed: it expires on its own
   * within a few seconds. Absent for a backend without leases.
   */
  readonly mortalHost?: () => Promise<string>;
  dispose(): Promise<void>;
}

export interface LocksBackend {
  readonly name: string;
  readonly skip?: string | false;
  open(): Promise<LocksInstance>;
}

function code(c: string, params?: readonly string[]) {
  return (e: unknown): boolean =>
    e instanceof ApiError &&
    e.code === c &&
    (params === undefined || JSON.stringify(e.params) === JSON.stringify(params));
}

const inUse = (vdi: string): ((e: unknown) => boolean) => code('VDI_IN_USE', [vdi, 'attach']);
const notHeld = code('OPERATION_NOT_ALLOWED');
const sorted = (hs: VdiLockHolder[]): VdiLockHolder[] =>
  [...hs].sort((a, b) => a.hostUuid.localeCompare(b.hostUuid));

export function runVdiLocksConformance(backend: LocksBackend): void {
  const with_ = (name: string, fn: (inst: LocksInstance) => Promise<void>): void => {
    test(`${backend.name}: ${name}`, async (t) => {
      if (backend.skip) return t.skip(backend.skip);
      const inst = await backend.open();
      try {
        await fn(inst);
      } finally {
        await inst.dispose();
      }
    });
  };
  const hostsOf = (inst: LocksInstance): [string, string, string] => {
    const [a, b, c] = inst.hosts;
    assert.ok(a && b && c);
    return [a, b, c];
  };

  with_('RW is exclusive: a second host is refused RW and RO', async (inst) => {
    const [a, b] = hostsOf(inst);
    const vdi = randomUUID();
    await inst.locks(a).acquire(vdi, a, 'RW');
    await inst.locks(a).acquire(vdi, a, 'RW');
    await assert.rejects(inst.locks(b).acquire(vdi, b, 'RW'), inUse(vdi));
    await assert.rejects(inst.locks(b).acquire(vdi, b, 'RO'), inUse(vdi));
    assert.deepEqual(await inst.locks(b).holders(vdi), [{ hostUuid: a, mode: 'RW' }]);
    await inst.locks(a).release(vdi, a);
    assert.deepEqual(await inst.locks(b).holders(vdi), []);
    await inst.locks(b).acquire(vdi, b, 'RW');
    assert.deepEqual(await inst.locks(a).holders(vdi), [{ hostUuid: b, mode: 'RW' }]);
  });

  with_('RO is shared, and keeps RW out until the last reader goes', async (inst) => {
    const [a, b, c] = hostsOf(inst);
    const vdi = randomUUID();
    await inst.locks(a).acquire(vdi, a, 'RO');
    await inst.locks(b).acquire(vdi, b, 'RO');
    assert.deepEqual(
      sorted(await inst.locks(c).holders(vdi)),
      sorted([
        { hostUuid: a, mode: 'RO' },
        { hostUuid: b, mode: 'RO' },
      ]),
    );
    await assert.rejects(inst.locks(c).acquire(vdi, c, 'RW'), inUse(vdi));
    // An upgrade of a's own hold is refused too while b reads.
    await assert.rejects(inst.locks(a).acquire(vdi, a, 'RW'), inUse(vdi));
    await inst.locks(b).release(vdi, b);
    await inst.locks(a).acquire(vdi, a, 'RW');
    assert.deepEqual(await inst.locks(c).holders(vdi), [{ hostUuid: a, mode: 'RW' }]);
    // A downgrade lets readers in again.
    await inst.locks(a).acquire(vdi, a, 'RO');
    await inst.locks(c).acquire(vdi, c, 'RO');
    assert.equal((await inst.locks(a).holders(vdi)).length, 2);
  });

  with_('a release by a host that holds nothing is refused and changes nothing', async (inst) => {
    const [a, b] = hostsOf(inst);
    const vdi = randomUUID();
    await assert.rejects(inst.locks(a).release(vdi, a), notHeld);
    await inst.locks(a).acquire(vdi, a, 'RW');
    await assert.rejects(inst.locks(b).release(vdi, b), notHeld);
    assert.deepEqual(await inst.locks(b).holders(vdi), [{ hostUuid: a, mode: 'RW' }]);
    await inst.locks(a).release(vdi, a);
    await assert.rejects(inst.locks(a).release(vdi, a), notHeld);
  });

  with_('transfer moves the hold in one step and only from its holder', async (inst) => {
    const [a, b, c] = hostsOf(inst);
    const vdi = randomUUID();
    await assert.rejects(inst.locks(a).transfer(vdi, a, b), notHeld);
    await inst.locks(a).acquire(vdi, a, 'RW');
    await inst.locks(a).transfer(vdi, a, b);
    assert.deepEqual(await inst.locks(c).holders(vdi), [{ hostUuid: b, mode: 'RW' }]);
    // The source no longer holds it: a second switchover from it is refused.
    await assert.rejects(inst.locks(a).transfer(vdi, a, c), notHeld);
    await assert.rejects(inst.locks(a).acquire(vdi, a, 'RO'), inUse(vdi));
    await inst.locks(b).release(vdi, b);

    // An RO hold moves beside the other readers.
    const ro = randomUUID();
    await inst.locks(a).acquire(ro, a, 'RO');
    await inst.locks(c).acquire(ro, c, 'RO');
    await inst.locks(a).transfer(ro, a, b);
    assert.deepEqual(
      sorted(await inst.locks(a).holders(ro)),
      sorted([
        { hostUuid: b, mode: 'RO' },
        { hostUuid: c, mode: 'RO' },
      ]),
    );
  });

  with_('watch reports the holders at once and after each change, until cancelled', async (inst) => {
    const [a, b] = hostsOf(inst);
    const vdi = randomUUID();
    await inst.locks(a).acquire(vdi, a, 'RO');
    const seen: VdiLockHolder[][] = [];
    let wake: (() => void) | undefined;
    const w = await inst.locks(b).watch(vdi, (hs) => {
      seen.push(hs);
      wake?.();
    });
    const until = async (n: number): Promise<void> => {
      while (seen.length < n) await new Promise<void>((r) => (wake = r));
    };
    try {
      await until(1);
      assert.deepEqual(seen[0], [{ hostUuid: a, mode: 'RO' }]);
      await inst.locks(b).acquire(vdi, b, 'RO');
      await until(2);
      await inst.locks(a).release(vdi, a);
      await until(3);
      await inst.locks(b).transfer(vdi, b, a);
      await until(4);
      assert.deepEqual(
        sorted(seen[1] ?? []),
        sorted([
          { hostUuid: a, mode: 'RO' },
          { hostUuid: b, mode: 'RO' },
        ]),
      );
      assert.deepEqual(seen[2], [{ hostUuid: b, mode: 'RO' }]);
      // The switchover is one change: never a moment with no holder or two.
      assert.deepEqual(seen[3], [{ hostUuid: a, mode: 'RO' }]);
    } finally {
      await w.cancel();
    }
    const count = seen.length;
    await inst.locks(a).release(vdi, a);
    // After cancel, a change that a live watch would have seen must not be reported.
    await inst.locks(a).holders(vdi);
    assert.equal(seen.length, count);
  });

  with_('concurrent acquirers: exactly one RW holder, every other refused with VDI_IN_USE', async (inst) => {
    for (let round = 0; round < 5; round++) {
      const vdi = randomUUID();
      const results = await Promise.allSettled(inst.hosts.map((h) => inst.locks(h).acquire(vdi, h, 'RW')));
      const won = inst.hosts.filter((_, i) => results[i]?.status === 'fulfilled');
      assert.equal(won.length, 1, `round ${round}: ${won.length} winners`);
      for (const r of results) if (r.status === 'rejected') assert.ok(inUse(vdi)(r.reason), String(r.reason));
      assert.deepEqual(await inst.locks(inst.hosts[0] as string).holders(vdi), [
        { hostUuid: won[0], mode: 'RW' },
      ]);
    }
  });

  with_('concurrent RO and RW acquirers: readers only, or one writer alone', async (inst) => {
    for (let round = 0; round < 5; round++) {
      const vdi = randomUUID();
      const modes = inst.hosts.map((_, i) => ((i + round) % 2 === 0 ? 'RW' : 'RO') as 'RW' | 'RO');
      const results = await Promise.allSettled(
        inst.hosts.map((h, i) => inst.locks(h).acquire(vdi, h, modes[i] as 'RW' | 'RO')),
      );
      for (const r of results) if (r.status === 'rejected') assert.ok(inUse(vdi)(r.reason), String(r.reason));
      const won = inst.hosts
        .map((h, i) => ({
          hostUuid: h,
          mode: modes[i] as 'RW' | 'RO',
          ok: results[i]?.status === 'fulfilled',
        }))
        .filter((x) => x.ok)
        .map(({ hostUuid, mode }) => ({ hostUuid, mode }));
      const writers = won.filter((w) => w.mode === 'RW');
      assert.ok(won.length >= 1, `round ${round}: nobody won`);
      if (writers.length > 0) assert.equal(won.length, 1, `round ${round}: a writer beside others`);
      assert.deepEqual(sorted(await inst.locks(inst.hosts[0] as string).holders(vdi)), sorted(won));
    }
  });

  test(`${backend.name}: a holder's lease expiring frees its locks`, async (t) => {
    if (backend.skip) return t.skip(backend.skip);
    const inst = await backend.open();
    try {
      if (!inst.mortalHost) return t.skip(`${backend.name} has no host leases`);
      const [, b] = hostsOf(inst);
      const dying = await inst.mortalHost();
      const vdi = randomUUID();
      const ro = randomUUID();
      await inst.locks(dying).acquire(vdi, dying, 'RW');
      await inst.locks(dying).acquire(ro, dying, 'RO');
      await inst.locks(b).acquire(ro, b, 'RO');
      await assert.rejects(inst.locks(b).acquire(vdi, b, 'RW'), inUse(vdi));
      let freed: () => void = () => undefined;
      const gone = new Promise<void>((resolve) => (freed = resolve));
      const w = await inst.locks(b).watch(vdi, (hs) => {
        if (hs.length === 0) freed();
      });
      await gone.finally(() => w.cancel());
      await inst.locks(b).acquire(vdi, b, 'RW');
      assert.deepEqual(await inst.locks(b).holders(vdi), [{ hostUuid: b, mode: 'RW' }]);
      // Only the dead host's hold went: b still reads `ro`.
      assert.deepEqual(await inst.locks(b).holders(ro), [{ hostUuid: b, mode: 'RO' }]);
      // And the dead host can take no new hold.
      await assert.rejects(
        inst.locks(dying).acquire(randomUUID(), dying, 'RO'),
        code('HOST_OFFLINE', [dying]),
      );
    } finally {
      await inst.dispose();
    }
  });
}
