// Running one queued operation: precondition checks from the power-state
// table, planning, execution, and — after any failure or cancellation — the
// clean-up and check-state pass that leaves the VM manageable. Check-state also
// applies the VM's on_crash / on_shutdown / on_reboot actions to
// guest-initiated events.
import { apiError } from '../datamodel/api-error.js';
import { requireCapability, type TaskHandle } from './backends/api.js';
import { signalDevice, type ExecContext } from './exec-context.js';
import { Executor, type ProgressTask } from './executor.js';
import {
  allowedPowerStates,
  type Atom,
  type DeviceKind,
  type Operation,
  type VmOperationKind,
} from './plan.js';
import { planOperation, type PlanContext } from './planner.js';
import type { DeviceId, DomainActionRequest, PowerState, Vm, VmAction } from './types.js';
import type { Json } from '../idl/index.js';
import { migrationIds } from './migration-ids.js';
import { awaitRemoteTask } from './remote.js';
import type { MigrationSession } from './migrate-exec.js';
import { recoverOutgoing } from './migrate-recover.js';

/** How often a held migration asks its destination again. */
const heldRetryMs = 5000;

/** Crash-loop suppression: a guest that crashes this soon after starting is not restarted. */
const minimumUptimeForRestartS = 120;

const kindOfAtom: Partial<Record<Atom['op'], VmOperationKind>> = {
  VM_pause: 'pause',
  VM_unpause: 'unpause',
  VM_set_vcpus: 'set_vcpus',
  VM_set_scheduler_params: 'set_scheduler_params',
  VM_set_memory_dynamic_range: 'set_memory_dynamic_range',
  VM_send_sysrq: 'send_sysrq',
  VM_send_trigger: 'send_trigger',
  VM_set_shadow_multiplier: 'set_shadow_multiplier',
  VM_remove: 'remove',
  VBD_insert: 'device_media',
  VBD_eject: 'device_media',
  VBD_resize: 'device_media',
};

function kindOf(op: Operation): VmOperationKind | undefined {
  switch (op.op) {
    case 'VM_start':
      return 'start';
    case 'VM_poweroff':
    case 'VM_shutdown':
      return 'shutdown';
    case 'VM_reboot':
      return 'reboot';
    case 'VM_suspend':
      return 'suspend';
    case 'VM_resume':
      return 'resume';
    case 'VM_migrate':
      return 'migrate';
    case 'Device_hotplug':
    case 'Device_hotunplug':
      return 'device_hotplug';
    case 'Atomic':
      return kindOfAtom[op.atom.op];
    default:
      return undefined;
  }
}

/** A handle for clean-up work: it runs to the end even if the task was cancelled. */
function uncancellable(task: TaskHandle): ProgressTask {
  const signal = new AbortController().signal;
  return {
    id: task.id,
    signal,
    progress: () => undefined,
    section: () => undefined,
    cancelPoint: () => undefined,
    prohibitCancellation: () => undefined,
  };
}

export class OperationRunner {
  readonly executor: Executor;

  constructor(private readonly ctx: ExecContext) {
    this.executor = new Executor(ctx);
  }

  planContext(vmId: string): PlanContext {
    const { db } = this.ctx;
    return {
      vm: db.vm(vmId),
      vbds: db.devices('VBD', vmId).map((d) => d.config),
      vifs: db.devices('VIF', vmId).map((d) => d.config),
      pcis: db.devices('PCI', vmId).map((d) => d.config),
    };
  }

  private async powerState(vm: Vm): Promise<PowerState> {
    return (await this.ctx.backend.vm.getState(vm)).power_state;
  }

  /** Run an operation; what it returns is its task's result (a migration's endpoint or figures). */
  async run(op: Operation, task: ProgressTask): Promise<Json | undefined> {
    if (op.op === 'VM_check_state') return void (await this.checkVm(op.id, task));
    if (op.op === 'Device_check_state') return void (await this.checkDevice(op.kind, op.id, task));
    const vmId = 'kind' in op ? op.id[0] : op.id;
    const vm = this.ctx.db.vm(vmId);
    const kind = kindOf(op);
    if (kind !== undefined) {
      const actual = await this.powerState(vm);
      const allowed: readonly PowerState[] = allowedPowerStates[kind];
      if (!allowed.includes(actual)) {
        throw apiError('XENOPS_BAD_POWER_STATE', { actual, expected: allowed.join(', ') });
      }
    }
    if (op.op === 'VM_suspend' || op.op === 'VM_resume') {
      requireCapability(this.ctx.backend, 'suspend', op.op.replace('_', '.').toLowerCase());
    }
    if (op.op === 'VM_migrate' || op.op === 'VM_receive_memory') {
      // the final stop-and-copy saves the guest's state, as a suspend does (assert_can_save)
      requireCapability(this.ctx.backend, 'suspend', 'VM.migrate');
      requireCapability(this.ctx.backend, 'liveMigration', 'VM.migrate');
    }
    this.checkDeviceOp(op);
    const planned = op.op === 'VM_migrate' ? { ...op, local: await this.isLocal(op.target.url, task) } : op;
    const atoms = planOperation(planned, this.planContext(vmId));
    try {
      await this.executor.run(atoms, task);
    } catch (e) {
      await this.recover(op, task);
      throw e;
    }
    return op.op === 'VM_migrate' || op.op === 'VM_receive_memory'
      ? this.executor.migration.takeResult(op.op, op.id)
      : undefined;
  }

  /** Whether a migration's destination is this very xenopsd. */
  private async isLocal(url: string, task: TaskHandle): Promise<boolean> {
    task.cancelPoint();
    const remote = await this.ctx.remote(url);
    return (await remote.instanceId(`migrate ${url}`)) === this.ctx.instanceId;
  }

  private checkDeviceOp(op: Operation): void {
    if (op.op !== 'Device_hotplug' && op.op !== 'Device_hotunplug') return;
    this.ctx.db.device(op.kind, op.id);
    if (op.kind === 'PCI')
      requireCapability(
        this.ctx.backend,
        'pciPassthrough',
        `PCI.${op.op === 'Device_hotplug' ? 'plug' : 'unplug'}`,
      );
  }

  /** Converge to a valid state after a failure: undo half-done work, then check-state. */
  private async recover(op: Operation, task: TaskHandle): Promise<void> {
    const h = uncancellable(task);
    const vmId = 'kind' in op ? op.id[0] : op.id;
    if (!this.ctx.db.has(vmId)) return;
    try {
      if (op.op === 'VM_start') {
        // Like the original: a start that did not finish is shut down again. (A
        // reboot needs nothing here: its markers make check-state finish it.)
        await this.executor.run(planOperation({ op: 'VM_poweroff', id: vmId }, this.planContext(vmId)), h);
      } else if (op.op === 'VM_migrate') {
        await this.abandonMigration(vmId, op.target.url, h);
      } else if (op.op === 'VM_receive_memory' || op.op === 'VM_receive_complete') {
        // the receiving domain goes; the sender removes the VM itself
        this.executor.migration.takeResult('VM_receive_memory', vmId);
        await this.executor.run(planOperation({ op: 'VM_poweroff', id: vmId }, this.planContext(vmId)), h);
      }
    } catch {
      // check-state below gets another go
    }
    if ('kind' in op) await this.checkDevice(op.kind, op.id, h).catch(() => undefined);
    else await this.checkVm(vmId, h).catch(() => undefined);
  }

  /**
   * A migration failed or was cancelled. Before the point of no return: tear the
   * destination's copy down and let the guest run on here. After it: the VM runs at
   * the destination, so finish removing the source domain.
   */
  private async abandonMigration(vmId: string, url: string, h: ProgressTask): Promise<void> {
    const session = this.executor.migration.sessions.get(vmId);
    this.executor.migration.sessions.delete(vmId);
    try {
      await this.abandon(vmId, url, session, h);
    } finally {
      this.ctx.outgoing.clear(vmId);
    }
  }

  private async abandon(
    vmId: string,
    url: string,
    session: MigrationSession | undefined,
    h: ProgressTask,
  ): Promise<void> {
    const { db, backend } = this.ctx;
    const ids = migrationIds(vmId);
    if (session?.committed) {
      const old = db.has(ids.src) ? ids.src : vmId;
      await this.executor.run(planOperation({ op: 'VM_poweroff', id: old }, this.planContext(old)), h);
      await this.executor.run([{ op: 'VM_remove', vm: old }], h);
      return;
    }
    if (session) {
      try {
        const remote = await this.ctx.remote(url);
        const dbg = `migrate-abort ${vmId}`;
        const t = await remote.shutdown(dbg, session.tmp).catch(() => undefined);
        if (t !== undefined) await awaitRemoteTask(remote, dbg, t, h).catch(() => undefined);
        await remote.remove(dbg, session.tmp).catch(() => undefined);
      } catch {
        // the destination is unreachable: nothing of the VM can be running there
      }
    }
    if (db.has(vmId)) await backend.migration.abortOutgoing(h, db.vm(vmId));
  }

  /** Resolve VM `vmId`'s interrupted outgoing migration; false while it must be held. */
  private async recoverMigration(vmId: string, task: ProgressTask): Promise<boolean> {
    const m = this.ctx.outgoing.get(vmId);
    if (!m) return true;
    const deps = { ctx: this.ctx, executor: this.executor, plan: (id: string) => this.planContext(id) };
    if (!(await recoverOutgoing(deps, m, uncancellable(task)))) {
      process.stderr.write(
        `xenopsd: migration of VM ${vmId} to ${m.url} was interrupted after its commit was sent and ` +
          `the destination does not answer: the VM stays stopped here until it does (retrying)\n`,
      );
      this.ctx.recheck(vmId, heldRetryMs);
      return false;
    }
    this.ctx.outgoing.clear(vmId);
    // the temporary ids of a migration to this same xenopsd were left for this check
    if (m.local) for (const id of Object.values(migrationIds(vmId))) await this.checkVm(id, task);
    return true;
  }

  /** What the VM's configuration says to do about a domain's action request. */
  actionsFor(vm: Vm, request: DomainActionRequest, uptimeS: number): readonly VmAction[] {
    switch (request) {
      case 'Needs_reboot':
        return vm.on_reboot;
      case 'Needs_poweroff':
        return vm.on_shutdown;
      case 'Needs_softreset':
        return vm.on_softreboot;
      case 'Needs_suspend':
        return ['Shutdown'];
      case 'Needs_crashdump':
        return uptimeS < minimumUptimeForRestartS
          ? vm.on_crash.map((a) => (a === 'Start' ? 'Shutdown' : a))
          : vm.on_crash;
    }
  }

  /** VM_check_state: act on whatever the domain asks for, then check every device. */
  async checkVm(vmId: string, task: ProgressTask): Promise<void> {
    const { backend: b, db, updates } = this.ctx;
    // a migration an earlier run was killed in the middle of is resolved first
    if (this.ctx.outgoing.isInterrupted(vmId) && !(await this.recoverMigration(vmId, task))) return;
    if (!db.has(vmId)) return; // do no harm: not ours
    const vm = db.vm(vmId);
    const request = await b.vm.getDomainActionRequest(vm);
    if (request !== undefined) {
      this.ctx.guestEvents.record(vmId, request, Date.now() / 1000);
      const state = await b.vm.getState(vm);
      const uptimeS = state.last_start_time > 0 ? Date.now() / 1000 - state.last_start_time : 0;
      const actions = this.actionsFor(vm, request, uptimeS);
      const ctx = this.planContext(vmId);
      let handled = false;
      for (const action of actions) {
        switch (action) {
          case 'Shutdown':
            await this.executor.run(planOperation({ op: 'VM_poweroff', id: vmId }, ctx), task);
            handled = true;
            break;
          case 'Start':
          case 'Softreboot': {
            const delay = uptimeS < b.vm.minimumRebootDelayS ? 15 : 0;
            const atoms = planOperation({ op: 'VM_reboot', id: vmId }, ctx);
            await this.executor.run(
              delay ? [{ op: 'VM_delay', vm: vmId, seconds: delay }, ...atoms] : atoms,
              task,
            );
            handled = true;
            break;
          }
          case 'Pause':
            await this.executor.run([{ op: 'best_effort', atom: { op: 'VM_pause', vm: vmId } }], task);
            handled = true;
            break;
          case 'Coredump':
            break;
        }
        if (handled && !db.has(vmId)) return;
      }
      // With no action that acts, the domain is simply cleaned up.
      if (!handled) await this.executor.run(planOperation({ op: 'VM_poweroff', id: vmId }, ctx), task);
    }
    for (const kind of ['VBD', 'VIF', 'PCI'] as const) {
      for (const d of db.devices(kind, vmId)) await this.checkDevice(kind, d.config.id, task);
    }
    updates.add(['Vm', vmId]);
  }

  /** Device check-state: unplug what a dead VM still holds, honour guest unplug requests, fix "active". */
  async checkDevice(kind: DeviceKind, id: DeviceId, task: ProgressTask): Promise<void> {
    const { backend: b, db, updates } = this.ctx;
    if (!db.hasDevice(kind, id)) return;
    const vm = db.vm(id[0]);
    const power = await this.powerState(vm);
    const alive = power === 'Running' || power === 'Paused';
    const rec = db.device(kind, id);
    const dev = b[kind === 'VBD' ? 'vbd' : kind === 'VIF' ? 'vif' : 'pci'] as {
      getState(vm: Vm, d: unknown): Promise<{ plugged: boolean }>;
      getDeviceActionRequest(vm: Vm, d: unknown): Promise<string | undefined>;
    };
    let plugged = (await dev.getState(vm, rec.config)).plugged;
    const unplug =
      !alive || (plugged && (await dev.getDeviceActionRequest(vm, rec.config)) === 'Needs_unplug');
    if (plugged && unplug) {
      const op = `${kind}_unplug` as 'VBD_unplug' | 'VIF_unplug' | 'PCI_unplug';
      await this.executor.run([{ op, id, force: true }], task);
      plugged = false;
    }
    if (kind !== 'PCI' && rec.active !== plugged) db.setActive(kind, id, plugged);
    signalDevice(updates, kind, id);
  }
}
