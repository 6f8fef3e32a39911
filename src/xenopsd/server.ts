// One xenopsd instance: its metadata, task table, UPDATES, worker pools and
// backend, and the whole xenops API as typed methods. Transports (the switch
// queue, the direct socket) only decode arguments and call these.
import { GuestEvents } from './guest-events.js';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { apiError } from '../datamodel/api-error.js';
import { fromErrorWire } from '../idl/registry-errors.js';
import type { Backend } from './backends/api.js';
import { noHooks, type HookRunner } from './hooks.js';
import { MetadataStore } from './metadata.js';
import { migrationIds } from './migration-ids.js';
import { OutgoingMigrations } from './migration-log.js';
import { OperationRunner } from './operations.js';
import { vmOfOperation, type Atom, type Operation } from './plan.js';
import { Semaphore, WorkQueues } from './queues.js';
import { noRemotes, type RemoteResolver } from './remote.js';
import { TaskTable, type Task } from './tasks.js';
import { Updates } from './updates.js';
import type { DeviceId, Disk, Metadata, QueryResult, TaskInfo, Vm } from './types.js';
import { DeviceApi, VmApi } from './server-api.js';

export interface XenopsdOptions {
  /** Unique instance name: the switch queue is `org.xen.xapi.xenops.<name>`. */
  readonly name: string;
  readonly backend: Backend;
  /** Where this instance keeps its metadata (`<stateDir>/xenopsd-<name>/`) and shares the host directory. */
  readonly stateDir: string;
  readonly workerPoolSize?: number;
  readonly hooks?: HookRunner;
  readonly remote?: RemoteResolver;
  /** The address incoming live migrations are streamed to (default 127.0.0.1). */
  readonly migrationAddress?: string;
}

export class Xenopsd {
  readonly name: string;
  readonly backend: Backend;
  readonly db: MetadataStore;
  /** Outgoing migrations in flight, persisted next to the metadata. */
  readonly outgoing: OutgoingMigrations;
  private readonly rechecks = new Map<string, NodeJS.Timeout>();
  readonly updates = new Updates();
  readonly guestEvents = new GuestEvents();
  readonly tasks: TaskTable;
  readonly queues: WorkQueues;
  readonly runner: OperationRunner;
  readonly vm: VmApi;
  readonly vbd: DeviceApi<'VBD'>;
  readonly vif: DeviceApi<'VIF'>;
  readonly pci: DeviceApi<'PCI'>;
  private readonly instanceId = randomUUID();
  private unwatch: (() => void) | undefined;
  private readonly internalDbg = 'xenopsd-internal';

  constructor(private readonly opts: XenopsdOptions) {
    this.name = opts.name;
    this.backend = opts.backend;
    this.db = new MetadataStore(join(opts.stateDir, `xenopsd-${opts.name}`));
    this.outgoing = new OutgoingMigrations(join(opts.stateDir, `xenopsd-${opts.name}`));
    this.tasks = new TaskTable(
      (t) => this.updates.add(['Task', t.id]),
      (id) => this.updates.remove(['Task', id]),
    );
    const size = opts.workerPoolSize ?? 16;
    this.queues = new WorkQueues('default', size);
    this.runner = new OperationRunner({
      backend: opts.backend,
      db: this.db,
      updates: this.updates,
      hooks: opts.hooks ?? noHooks,
      remote: opts.remote ?? noRemotes,
      parallel: new Semaphore(size * 4),
      nested: new Semaphore(size * 4),
      exportMetadata: (id) => this.vm.exportMetadataRecord(id),
      migrationAddress: opts.migrationAddress ?? '127.0.0.1',
      instanceId: this.instanceId,
      alias: (tag, alias) => this.queues.alias(tag, alias),
      outgoing: this.outgoing,
      guestEvents: this.guestEvents,
      recheck: (vm, ms) => {
        if (this.rechecks.has(vm)) return;
        const timer = setTimeout(() => {
          this.rechecks.delete(vm);
          this.internal({ op: 'VM_check_state', id: vm });
        }, ms);
        this.rechecks.set(vm, timer);
      },
    });
    this.vm = new VmApi(this);
    this.vbd = new DeviceApi(this, 'VBD');
    this.vif = new DeviceApi(this, 'VIF');
    this.pci = new DeviceApi(this, 'PCI');
  }

  /**
   * Start serving: attach the backend (which sees only our VMs), announce
   * every object on UPDATES, and check every VM we manage — this is what
   * finishes or undoes work interrupted by a crash.
   */
  async start(): Promise<void> {
    await this.backend.init({
      stateDir: join(this.opts.stateDir, `xenopsd-${this.name}`),
      hostDir: this.opts.stateDir,
      instance: this.name,
      isManaged: (id) => this.db.has(id),
    });
    this.unwatch = this.backend.updates.watch((ev) => {
      if (ev[0] === 'Vm' && this.db.has(ev[1])) this.internal({ op: 'VM_check_state', id: ev[1] });
      else if (ev[0] === 'Vbd' || ev[0] === 'Vif' || ev[0] === 'Pci') {
        const kind = ev[0] === 'Vbd' ? 'VBD' : ev[0] === 'Vif' ? 'VIF' : 'PCI';
        if (this.db.hasDevice(kind, ev[1])) this.internal({ op: 'Device_check_state', kind, id: ev[1] });
      }
    });
    // An interrupted migration is recovered by its VM's check-state, which also
    // checks the temporary ids of a migration to this same xenopsd afterwards.
    const later = new Set<string>();
    for (const m of this.outgoing.interrupted()) {
      if (m.local) for (const id of Object.values(migrationIds(m.vm))) later.add(id);
      later.delete(m.vm);
      this.internal({ op: 'VM_check_state', id: m.vm });
    }
    for (const vm of this.db.listVms()) {
      this.updates.add(['Vm', vm.id]);
      if (!later.has(vm.id) && !this.outgoing.isInterrupted(vm.id))
        this.internal({ op: 'VM_check_state', id: vm.id });
    }
  }

  async close(): Promise<void> {
    this.unwatch?.();
    for (const t of this.rechecks.values()) clearTimeout(t);
    this.rechecks.clear();
    this.updates.close();
    for (const t of this.tasks.list()) t.cancel();
    await this.queues.idle();
    await this.backend.close();
    this.outgoing.close();
  }

  /** Queue an operation on its VM's queue; returns the task. */
  queue(dbg: string, op: Operation): Task {
    const task = this.tasks.create(dbg);
    const mergeKey =
      op.op === 'VM_check_state' || op.op === 'Device_check_state' ? JSON.stringify(op) : undefined;
    const mine = {
      description: `${op.op} ${JSON.stringify(op.id)} (task ${task.id})`,
      mergeKey,
      run: async (): Promise<void> => {
        try {
          task.complete(await this.runner.run(op, task));
        } catch (e) {
          task.fail(e);
        }
      },
    };
    // Merged into identical waiting work: this task completes at once.
    if (this.queues.push(vmOfOperation(op), mine) !== mine) task.complete();
    return task;
  }

  /** Work xenopsd gives itself: its task is destroyed once it finishes. */
  private internal(op: Operation): void {
    const t = this.queue(this.internalDbg, op);
    this.tasks.destroyOnFinish(t.id);
  }

  /** Queue an operation and wait for it (VM.remove, internal calls). */
  async immediate(dbg: string, op: Operation): Promise<void> {
    const t = this.queue(dbg, op);
    await t.done;
    const state = t.state;
    this.tasks.destroy(t.id);
    if (state[0] === 'Failed') throw fromErrorWire(state[1]);
  }

  atomic(dbg: string, vmId: string, atom: Atom): string {
    this.db.vm(vmId);
    return this.queue(dbg, { op: 'Atomic', id: vmId, atom }).id;
  }

  // ---- top level, Task, HOST, UPDATES, DEBUG ----

  query(): QueryResult {
    return { name: 'xenops', vendor: 'XCP', version: '0.1', features: [], instance_id: this.instanceId };
  }

  getDiagnostics(): string {
    return JSON.stringify({
      name: this.name,
      backend: this.backend.name,
      queues: [this.queues.diagnostics()],
      tasks: this.tasks.list().map((t) => t.info()),
      updates: this.updates.diagnostics(),
      vms: this.db.listVms().map((v) => v.id),
      // interrupted ones still listed here are held: their destination has not answered
      migrations: this.outgoing.list(),
    });
  }

  taskStat(id: string): TaskInfo {
    return this.tasks.get(id).info();
  }
  taskList(): TaskInfo[] {
    return this.tasks.list().map((t) => t.info());
  }

  async debugTrigger(cmd: string, args: readonly string[]): Promise<void> {
    if (cmd === 'set-cancel-trigger') {
      const [dbg, n] = args;
      const at = Number(n);
      if (dbg === undefined || !Number.isInteger(at) || at < 1) {
        throw apiError('INVALID_VALUE', { field: 'set-cancel-trigger', value: args.join(' ') });
      }
      this.tasks.setCancelTrigger(dbg, at);
      return;
    }
    await this.backend.debug.trigger(cmd, args);
  }

  refreshVm(vmId: string): void {
    this.db.vm(vmId);
    this.updates.add(['Vm', vmId]);
    for (const kind of ['VBD', 'VIF', 'PCI'] as const) {
      const tag = kind === 'VBD' ? 'Vbd' : kind === 'VIF' ? 'Vif' : 'Pci';
      for (const d of this.db.devices(kind, vmId)) this.updates.add([tag, d.config.id]);
    }
  }

  /** Everything that is about to run or is queued is finished. */
  idle(): Promise<void> {
    return this.queues.idle();
  }
}

export type { DeviceId, Disk, Metadata, Vm };
