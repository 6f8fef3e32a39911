// The executor: runs a plan of atoms against the backend, with a cancel point
// before every atom, progress split by atom weight, bounded parallelism and
// "something changed" signals on UPDATES after every change.
import { apiError } from '../datamodel/api-error.js';
import { notSupported, requireCapability, type TaskHandle } from './backends/api.js';
import { switchDisk } from './disk-snapshot.js';
import { dynamicTag, signalDevice, type ExecContext } from './exec-context.js';
import { weightOf, type Atom, type DeviceKind } from './plan.js';
import { MigrationSteps } from './migrate-exec.js';
import { sleep } from './sleep.js';
import type { Task } from './tasks.js';
import type { DeviceId } from './types.js';

/** A task handle that reports progress within a slice of its parent's bar. */
export interface ProgressTask extends TaskHandle {
  section(start: number, width: number): void;
}

export class Executor {
  readonly migration: MigrationSteps;

  constructor(private readonly ctx: ExecContext) {
    this.migration = new MigrationSteps(ctx);
  }

  /** Run atoms in order, the whole plan filling [start, start + width] of the task's progress. */
  async run(atoms: readonly Atom[], task: Task | ProgressTask, start = 0, width = 1): Promise<void> {
    const total = atoms.reduce((s, a) => s + weightOf(a), 0) || 1;
    let done = 0;
    for (const a of atoms) {
      const w = (weightOf(a) / total) * width;
      await this.perform(a, task, start + done, w);
      done += w;
    }
    task.section(start + width, 0);
  }

  private async perform(atom: Atom, task: Task | ProgressTask, start: number, width: number): Promise<void> {
    switch (atom.op) {
      case 'serial':
        return this.run(atom.atoms, task, start, width);
      case 'parallel':
      case 'nested_parallel': {
        const pool = atom.op === 'parallel' ? this.ctx.parallel : this.ctx.nested;
        // Children share the task; the bar moves as a whole once all are done.
        const results = await Promise.allSettled(
          atom.atoms.map((a) => pool.with(() => this.perform(a, quiet(task), start, 0))),
        );
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
        task.section(start + width, 0);
        return;
      }
      case 'best_effort':
        try {
          await this.perform(atom.atom, task, start, width);
        } catch {
          // best effort: the plan carries on regardless
        }
        return;
      default:
        task.cancelPoint();
        task.section(start, width);
        await this.leaf(atom, task);
    }
  }

  private async leaf(atom: Atom, task: TaskHandle): Promise<void> {
    const { backend: b, db, updates } = this.ctx;
    const vmOf = (id: string) => db.vm(id);
    switch (atom.op) {
      case 'serial':
      case 'parallel':
      case 'nested_parallel':
      case 'best_effort':
        return this.perform(atom, quiet(task), 0, 0);
      case 'VM_hook_script':
        return this.ctx.hooks(atom.hook, atom.vm, atom.reason, task.signal);
      case 'VM_create': {
        const vm = vmOf(atom.vm);
        requireCapability(b, vm.ty[0] === 'HVM' ? 'hvm' : 'pv', `VM.create ${vm.ty[0]}`);
        await b.vm.create(task, vm, atom.actionRequest);
        break;
      }
      case 'VM_build':
        await b.vm.build(task, vmOf(atom.vm), atom.force);
        break;
      case 'VM_create_device_model':
        await b.vm.createDeviceModel(task, vmOf(atom.vm), atom.saveState);
        break;
      case 'VM_destroy_device_model':
        await b.vm.destroyDeviceModel(task, vmOf(atom.vm));
        break;
      case 'VM_destroy':
        await b.vm.destroy(task, vmOf(atom.vm));
        break;
      case 'VM_pause':
        await b.vm.pause(task, vmOf(atom.vm));
        break;
      case 'VM_unpause':
        await b.vm.unpause(task, vmOf(atom.vm));
        break;
      case 'VM_shutdown_domain': {
        const vm = vmOf(atom.vm);
        const t0 = Date.now();
        const ackTimeout = Math.min(60, atom.timeout);
        if (!(await b.vm.requestShutdown(task, vm, atom.reason, ackTimeout))) {
          throw apiError(
            atom.reason === 'Suspend'
              ? 'XENOPS_FAILED_TO_ACKNOWLEDGE_SUSPEND_REQUEST'
              : 'XENOPS_FAILED_TO_ACKNOWLEDGE_SHUTDOWN_REQUEST',
            { vm: vm.id },
          );
        }
        const left = Math.max(0, atom.timeout - (Date.now() - t0) / 1000);
        if (!(await b.vm.waitShutdown(task, vm, atom.reason, left))) {
          throw apiError('XENOPS_FAILED_TO_SHUTDOWN', { vm: vm.id, timeout: atom.timeout });
        }
        break;
      }
      case 'VM_save':
        requireCapability(b, 'suspend', 'VM.save');
        await b.vm.save(task, vmOf(atom.vm), { live: atom.live }, atom.disk);
        break;
      case 'VM_restore':
        requireCapability(b, 'suspend', 'VM.restore');
        await b.vm.restore(task, vmOf(atom.vm), atom.disk);
        break;
      case 'VM_resume_in_place':
        await b.vm.resumeInPlace(task, vmOf(atom.vm));
        break;
      case 'VM_delay':
        await sleep(atom.seconds * 1000, task);
        return;
      case 'VM_remove': {
        const vm = vmOf(atom.vm);
        for (const kind of ['VBD', 'VIF', 'PCI'] as const) {
          for (const d of db.devices(kind, vm.id)) updates.remove([dynamicTag[kind], d.config.id]);
        }
        await b.vm.remove(vm);
        db.removeVm(vm.id);
        updates.remove(['Vm', vm.id]);
        return;
      }
      case 'VM_set_domain_action_request':
        await b.vm.setDomainActionRequest(vmOf(atom.vm), atom.request);
        return;
      case 'VM_set_vcpus': {
        const vm = vmOf(atom.vm);
        requireCapability(b, 'vcpuHotplug', 'VM.set_vcpus');
        if (!Number.isInteger(atom.n) || atom.n < 1 || atom.n > vm.vcpu_max) {
          throw apiError('XENOPS_INVALID_VCPUS', { vcpu_max: vm.vcpu_max });
        }
        await b.vm.setVcpus(task, vm, atom.n);
        break;
      }
      case 'VM_set_scheduler_params': {
        const vm = vmOf(atom.vm);
        if (!b.vm.setSchedulerParams) throw notSupported(b.name, 'VM.set_scheduler_params');
        const priority: [number, number] = [atom.weight, atom.cap];
        await b.vm.setSchedulerParams(task, vm, priority);
        // kept for the next start too
        db.putVm({ ...vm, scheduler_params: { ...vm.scheduler_params, priority } });
        break;
      }
      case 'VM_send_sysrq': {
        const vm = vmOf(atom.vm);
        if (!b.vm.sendSysrq) throw notSupported(b.name, 'VM.send_sysrq');
        await b.vm.sendSysrq(task, vm, atom.key);
        break;
      }
      case 'VM_send_trigger': {
        const vm = vmOf(atom.vm);
        if (!b.vm.sendTrigger) throw notSupported(b.name, 'VM.send_trigger');
        await b.vm.sendTrigger(task, vm, atom.trigger);
        break;
      }
      case 'VM_set_shadow_multiplier': {
        const vm = vmOf(atom.vm);
        if (!b.vm.setShadowMultiplier) throw notSupported(b.name, 'VM.set_shadow_multiplier');
        if (vm.ty[0] !== 'HVM') throw notSupported(b.name, 'VM.set_shadow_multiplier (PV domain)');
        await b.vm.setShadowMultiplier(task, vm, atom.multiplier);
        break;
      }
      case 'VM_set_memory_dynamic_range': {
        const vm = vmOf(atom.vm);
        requireCapability(b, 'memoryBallooning', 'VM.set_memory_dynamic_range');
        if (!(atom.min >= 0 && atom.min <= atom.max && atom.max <= vm.memory_static_max)) {
          throw apiError('XENOPS_INVALID_MEMORY', { min: atom.min, max: atom.max });
        }
        await b.vm.setMemoryDynamicRange(task, vm, atom.min, atom.max);
        break;
      }
      case 'VM_remote_import':
      case 'VM_remote_receive':
      case 'VM_remote_complete':
      case 'VM_migrate_send':
      case 'VM_receive_prepare':
      case 'VM_receive_wait':
      case 'VM_rename':
        return this.migration.perform(atom, task);
      case 'VBD_set_active':
      case 'VIF_set_active': {
        const kind = atom.op === 'VBD_set_active' ? 'VBD' : 'VIF';
        db.setActive(kind, atom.id, atom.active);
        signalDevice(updates, kind, atom.id);
        return;
      }
      case 'VBD_plug':
      case 'VIF_plug':
      case 'PCI_plug':
        await this.plug(atom.op.slice(0, 3) as DeviceKind, atom.id, task);
        return;
      case 'VBD_unplug':
      case 'VIF_unplug':
      case 'PCI_unplug':
        await this.unplug(atom.op.slice(0, 3) as DeviceKind, atom.id, atom.force, task);
        return;
      case 'VBD_insert':
      case 'VBD_eject': {
        requireCapability(b, 'cdromMedia', atom.op === 'VBD_insert' ? 'VBD.insert' : 'VBD.eject');
        const rec = db.device('VBD', atom.id);
        const vm = vmOf(atom.id[0]);
        if (atom.op === 'VBD_insert') await b.vbd.insert(task, vm, rec.config, atom.disk);
        else await b.vbd.eject(task, vm, rec.config);
        const { backend: _old, ...rest } = rec.config;
        db.putDevice('VBD', {
          ...rec,
          config: atom.op === 'VBD_insert' ? { ...rest, backend: atom.disk } : rest,
        });
        signalDevice(updates, 'VBD', atom.id);
        return;
      }
      case 'VBD_resize': {
        requireCapability(b, 'onlineDiskResize', 'VBD.resize');
        const rec = db.device('VBD', atom.id);
        if (!b.vbd.resize) throw notSupported(b.name, 'VBD.resize');
        await b.vbd.resize(task, vmOf(atom.id[0]), rec.config, atom.size);
        signalDevice(updates, 'VBD', atom.id);
        return;
      }
      case 'VBD_snapshot':
        return switchDisk(this.ctx, atom, task);
      case 'VIF_set_carrier':
      case 'VIF_set_locking_mode': {
        const carrier = atom.op === 'VIF_set_carrier';
        requireCapability(b, carrier ? 'vifCarrier' : 'vifLockingMode', atom.op.replace('_', '.'));
        const rec = db.device('VIF', atom.id);
        const vm = vmOf(atom.id[0]);
        const plugged = (await b.vif.getState(vm, rec.config)).plugged;
        if (atom.op === 'VIF_set_carrier') {
          if (plugged) await b.vif.setCarrier(task, vm, rec.config, atom.carrier);
          db.putDevice('VIF', { ...rec, config: { ...rec.config, carrier: atom.carrier } });
        } else {
          if (plugged) await b.vif.setLockingMode(task, vm, rec.config, atom.mode);
          db.putDevice('VIF', { ...rec, config: { ...rec.config, locking_mode: atom.mode } });
        }
        signalDevice(updates, 'VIF', atom.id);
        return;
      }
      case 'VIF_move': {
        const rec = db.device('VIF', atom.id);
        const vm = vmOf(atom.id[0]);
        if ((await b.vif.getState(vm, rec.config)).plugged)
          await b.vif.move(task, vm, rec.config, atom.network);
        db.putDevice('VIF', { ...rec, config: { ...rec.config, backend: atom.network } });
        signalDevice(updates, 'VIF', atom.id);
        return;
      }
      case 'VIF_set_ip_configuration': {
        const rec = db.device('VIF', atom.id);
        const config = {
          ...rec.config,
          ...(atom.ipv4 ? { ipv4_configuration: atom.ipv4 } : {}),
          ...(atom.ipv6 ? { ipv6_configuration: atom.ipv6 } : {}),
        };
        db.putDevice('VIF', { ...rec, config });
        signalDevice(updates, 'VIF', atom.id);
        return;
      }
      case 'VBD_set_qos': {
        const rec = db.device('VBD', atom.id);
        const vm = vmOf(atom.id[0]);
        if ((await b.vbd.getState(vm, rec.config)).plugged)
          await b.vbd.setQos(task, vm, rec.config, atom.qos);
        const { qos: _old, ...rest } = rec.config;
        db.putDevice('VBD', { ...rec, config: atom.qos ? { ...rest, qos: atom.qos } : rest });
        signalDevice(updates, 'VBD', atom.id);
        return;
      }
    }
    if ('vm' in atom) updates.add(['Vm', atom.vm]);
  }

  private async plug(kind: DeviceKind, id: DeviceId, task: TaskHandle): Promise<void> {
    const { backend: b, db } = this.ctx;
    const vm = db.vm(id[0]);
    if (kind === 'PCI') {
      requireCapability(b, 'pciPassthrough', 'PCI.plug');
      const rec = db.device('PCI', id);
      if (!(await b.pci.getState(vm, rec.config)).plugged) await b.pci.plug(task, vm, rec.config);
    } else if (kind === 'VBD') {
      const rec = db.device('VBD', id);
      if (!(await b.vbd.getState(vm, rec.config)).plugged) await b.vbd.plug(task, vm, rec.config);
    } else {
      const rec = db.device('VIF', id);
      if (!(await b.vif.getState(vm, rec.config)).plugged) await b.vif.plug(task, vm, rec.config);
    }
    signalDevice(this.ctx.updates, kind, id);
  }

  /** Unplugging something already gone is not an error: shutdown and clean-up rely on it. */
  private async unplug(kind: DeviceKind, id: DeviceId, force: boolean, task: TaskHandle): Promise<void> {
    const { backend: b, db } = this.ctx;
    const vm = db.vm(id[0]);
    if (kind === 'PCI') {
      const rec = db.device('PCI', id);
      if ((await b.pci.getState(vm, rec.config)).plugged) await b.pci.unplug(task, vm, rec.config, force);
    } else if (kind === 'VBD') {
      const rec = db.device('VBD', id);
      if ((await b.vbd.getState(vm, rec.config)).plugged) await b.vbd.unplug(task, vm, rec.config, force);
    } else {
      const rec = db.device('VIF', id);
      if ((await b.vif.getState(vm, rec.config)).plugged) await b.vif.unplug(task, vm, rec.config, force);
    }
    signalDevice(this.ctx.updates, kind, id);
  }
}

/** The same task, with progress reporting switched off (parallel children). */
function quiet(task: TaskHandle): ProgressTask {
  return {
    id: task.id,
    signal: task.signal,
    progress: () => undefined,
    section: () => undefined,
    cancelPoint: () => task.cancelPoint(),
    prohibitCancellation: () => task.prohibitCancellation(),
  };
}

export { remapMetadata } from './migrate-exec.js';
