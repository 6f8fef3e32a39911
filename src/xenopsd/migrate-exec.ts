// Executing the atoms of a live migration, both halves (daemons.md §1.11). The
// sender keeps one session per migrating VM: the destination's endpoint, the
// stream's figures, and whether the point of no return has been passed (what
// recovery needs to know). The receiver keeps the endpoint its domain listens on
// until its task reports it. Renames between a VM's real and temporary ids are
// done synchronously, so a swap on one xenopsd leaves no instant without the VM.
import { apiError } from '../datamodel/api-error.js';
import type { Json } from '../idl/index.js';
import {
  requireCapability,
  type MigrationEndpoint,
  type MigrationStats,
  type TaskHandle,
} from './backends/api.js';
import type { ExecContext } from './exec-context.js';
import type { Atom } from './plan.js';
import { awaitRemoteTask } from './remote.js';
import type { Metadata } from './types.js';

export interface MigrationSession {
  readonly url: string;
  readonly tmp: string;
  endpoint?: MigrationEndpoint;
  stats?: MigrationStats;
  /** The destination has taken over (VM_remote_complete succeeded). */
  committed: boolean;
}

type MigrationAtom = Extract<
  Atom,
  {
    op:
      | 'VM_remote_import'
      | 'VM_remote_receive'
      | 'VM_remote_complete'
      | 'VM_migrate_send'
      | 'VM_receive_prepare'
      | 'VM_receive_wait'
      | 'VM_rename';
  }
>;

/** How long a receiver waits for the rest of a stream the sender says it has sent. */
const receiveTimeoutS = 600;

const dynamicTag = { VBD: 'Vbd', VIF: 'Vif', PCI: 'Pci' } as const;

/** Decode the endpoint a receiving xenopsd reported (it crossed an RPC boundary). */
export function decodeEndpoint(v: unknown): MigrationEndpoint {
  const o = v as { uri?: unknown; disks?: unknown } | null;
  const disks = Array.isArray(o?.disks) ? (o.disks as unknown[]) : undefined;
  if (
    typeof o?.uri !== 'string' ||
    !disks ||
    !disks.every(
      (d) =>
        typeof (d as { name?: unknown }).name === 'string' &&
        typeof (d as { uri?: unknown }).uri === 'string',
    )
  )
    throw apiError('INVALID_VALUE', { field: 'migration endpoint', value: JSON.stringify(v ?? null) });
  return { uri: o.uri, disks: disks as MigrationEndpoint['disks'] };
}

/** The exported metadata under another VM id (the destination's temporary id). */
export function withVmId(md: Metadata, id: string): Metadata {
  const dev = <T extends { readonly id: readonly [string, string] }>(d: T): T => ({
    ...d,
    id: [id, d.id[1]],
  });
  return {
    ...md,
    vm: { ...md.vm, id },
    vbds: md.vbds.map(dev),
    vifs: md.vifs.map(dev),
    pcis: md.pcis.map(dev),
  };
}

/** Rewrite disks and networks for the destination of a migration. */
export function remapMetadata(
  md: Metadata,
  target: { vdiMap: Readonly<Record<string, string>>; vifMap: Readonly<Record<string, string>> },
): Metadata {
  return {
    ...md,
    vbds: md.vbds.map((v) => {
      const mapped = v.backend?.[0] === 'VDI' ? target.vdiMap[v.backend[1]] : undefined;
      return mapped === undefined ? v : { ...v, backend: ['VDI', mapped] as const };
    }),
    vifs: md.vifs.map((v) => {
      const mapped = target.vifMap[v.id[1]];
      return mapped === undefined ? v : { ...v, backend: ['Local', mapped] as const };
    }),
  };
}

export class MigrationSteps {
  readonly sessions = new Map<string, MigrationSession>();
  /** Receiver: endpoint of each VM whose domain waits for a stream, until its task reports it. */
  readonly incoming = new Map<string, MigrationEndpoint>();

  constructor(private readonly ctx: ExecContext) {}

  private session(vm: string): MigrationSession {
    const s = this.sessions.get(vm);
    if (!s) throw apiError('INTERNAL_ERROR', { message: `no migration in progress for VM ${vm}` });
    return s;
  }

  /** What the operation's task reports: the receiver's endpoint, or the sender's figures. */
  takeResult(op: 'VM_receive_memory' | 'VM_migrate', vm: string): Json | undefined {
    if (op === 'VM_receive_memory') {
      const e = this.incoming.get(vm);
      this.incoming.delete(vm);
      return e === undefined ? undefined : { uri: e.uri, disks: e.disks.map((d) => ({ ...d })) };
    }
    const s = this.sessions.get(vm);
    this.sessions.delete(vm);
    this.ctx.outgoing.clear(vm);
    return s?.stats ? { ...s.stats } : undefined;
  }

  async perform(atom: MigrationAtom, task: TaskHandle): Promise<void> {
    const { backend: b, db, updates } = this.ctx;
    const dbg = `migrate ${atom.vm}`;
    switch (atom.op) {
      case 'VM_remote_import': {
        requireCapability(b, 'liveMigration', 'VM.migrate');
        const remote = await this.ctx.remote(atom.target.url);
        const md = withVmId(remapMetadata(await this.ctx.exportMetadata(atom.vm), atom.target), atom.tmp);
        this.sessions.set(atom.vm, { url: atom.target.url, tmp: atom.tmp, committed: false });
        // persisted before the destination hears of it: a restart after a crash finds it
        this.ctx.outgoing.put({
          vm: atom.vm,
          url: atom.target.url,
          tmp: atom.tmp,
          local: atom.tmp !== atom.vm,
          phase: 'import',
        });
        await remote.importMetadata(dbg, JSON.stringify(md));
        return;
      }
      case 'VM_remote_receive': {
        const s = this.session(atom.vm);
        const remote = await this.ctx.remote(atom.url);
        s.endpoint = decodeEndpoint(
          await awaitRemoteTask(remote, dbg, await remote.receiveMemory(dbg, atom.tmp, atom.vm), task),
        );
        return;
      }
      case 'VM_migrate_send': {
        const s = this.session(atom.vm);
        if (!s.endpoint) throw apiError('INTERNAL_ERROR', { message: 'migration endpoint unknown' });
        this.ctx.outgoing.setPhase(atom.vm, 'send');
        s.stats = await b.migration.send(task, db.vm(atom.vm), s.endpoint);
        updates.add(['Vm', atom.vm]);
        return;
      }
      case 'VM_remote_complete': {
        // The point of no return: from here the guest belongs to the destination.
        task.prohibitCancellation();
        const s = this.session(atom.vm);
        this.ctx.outgoing.setPhase(atom.vm, 'commit');
        const remote = await this.ctx.remote(atom.url);
        await awaitRemoteTask(remote, dbg, await remote.receiveComplete(dbg, atom.tmp, atom.vm), task);
        s.committed = true;
        this.ctx.outgoing.setPhase(atom.vm, 'committed');
        return;
      }
      case 'VM_receive_prepare': {
        requireCapability(b, 'liveMigration', 'VM.migrate (receive)');
        const endpoint = await b.migration.prepareIncoming(task, db.vm(atom.vm), this.ctx.migrationAddress);
        this.incoming.set(atom.vm, endpoint);
        updates.add(['Vm', atom.vm]);
        return;
      }
      case 'VM_receive_wait':
        await b.migration.awaitIncoming(task, db.vm(atom.vm), receiveTimeoutS);
        updates.add(['Vm', atom.vm]);
        return;
      case 'VM_rename':
        return this.rename(atom.vm, atom.to, atom.displaced);
    }
  }

  /**
   * `vm` becomes `to`. If `to` is taken: with `displaced`, a live VM there (the source of a
   * same-host migration) becomes `displaced` in the same instant, a dead one is forgotten;
   * without, the rename has already happened (the swap did it) and there is nothing to do.
   */
  private async rename(vm: string, to: string, displaced: string | undefined): Promise<void> {
    const { backend: b, db } = this.ctx;
    if (db.has(to) && displaced === undefined) return;
    db.vm(vm);
    let swap = false;
    if (db.has(to)) {
      const power = (await b.vm.getState(db.vm(to))).power_state;
      swap = power === 'Running' || power === 'Paused';
      if (!swap) {
        this.forget(to);
        await b.vm.remove(db.vm(to));
        db.removeVm(to);
      }
    }
    // From here to the end: no await, so nobody can observe a half-done swap.
    if (swap && displaced !== undefined) {
      if (db.has(displaced)) throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'VM', id: displaced });
      this.move(to, displaced);
      // the source's clean-up (its events too) stays with the worker of the migration
      this.ctx.alias(to, displaced);
    }
    this.move(vm, to);
    if (displaced === undefined) this.ctx.alias(vm, to);
  }

  private move(from: string, to: string): void {
    const { backend: b, db, updates } = this.ctx;
    this.forget(from);
    b.migration.rename(from, to);
    db.renameVm(from, to);
    updates.add(['Vm', to]);
    for (const kind of ['VBD', 'VIF', 'PCI'] as const)
      for (const d of db.devices(kind, to)) updates.add([dynamicTag[kind], d.config.id]);
  }

  /** Drop `id` and its devices from UPDATES (it is about to be renamed or removed). */
  private forget(id: string): void {
    const { db, updates } = this.ctx;
    for (const kind of ['VBD', 'VIF', 'PCI'] as const)
      for (const d of db.devices(kind, id)) updates.remove([dynamicTag[kind], d.config.id]);
    updates.remove(['Vm', id]);
  }
}
