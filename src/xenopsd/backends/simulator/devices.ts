// The simulator's devices: disks, NICs and PCI devices plugged into simulated
// domains, with Xen's numbering and position rules.
import { apiError } from '../../../datamodel/api-error.js';
import type { PciBackend, TaskHandle, VbdBackend, VifBackend } from '../api.js';
import { sleep } from '../../sleep.js';
import type { DeviceNumber, LockingMode, Pci, Vbd, Vif, Vm } from '../../types.js';
import type { Domain } from './hypervisor.js';
import type { SimulatorLatencies } from './latencies.js';

export interface SimContext {
  readonly lat: SimulatorLatencies;
  /** The VM's domain, or XENOPS_DOES_NOT_EXIST. */
  live(vm: Vm): Domain;
  record(uuid: string): Domain | undefined;
  put(d: Domain): void;
}

function nextDeviceNumber(d: Domain, vbd: Vbd): DeviceNumber {
  const used = new Set(Object.values(d.vbds).map((v) => v.device_number.join(':')));
  if (vbd.position) {
    if (used.has(vbd.position.join(':')))
      throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'VBD position', id: vbd.position.join(':') });
    return vbd.position;
  }
  for (let n = 0; ; n++) if (!used.has(`Xen:${n}:0`)) return ['Xen', n, 0];
}

export function simulatedDevices({ lat, live, record, put }: SimContext): {
  vbd: VbdBackend;
  vif: VifBackend;
  pci: PciBackend;
} {
  /** Unplug: the device must be there; after the unplug latency it is gone from the domain. */
  const unplugFrom =
    (kind: 'VBD' | 'VIF' | 'PCI', table: 'vbds' | 'vifs' | 'pcis') =>
    async (task: TaskHandle, vm: Vm, dev: { readonly id: readonly [string, string] }): Promise<void> => {
      const name = dev.id[1];
      if (!live(vm)[table][name]) throw apiError('XENOPS_DEVICE_NOT_CONNECTED', { kind, id: name });
      await sleep(lat.unplugMs, task);
      const cur = live(vm);
      delete cur[table][name];
      put(cur);
    };
  return {
    vbd: {
      async plug(task, vm, vbd) {
        const d = live(vm);
        const name = vbd.id[1];
        if (d.vbds[name]) throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'VBD', id: name });
        const device_number = nextDeviceNumber(d, vbd);
        await sleep(lat.plugMs, task);
        const cur = live(vm);
        cur.vbds[name] = {
          device_number,
          backend: vbd.backend,
          ty: vbd.ty,
          unplugRequested: false,
          ...(vbd.qos ? { qos: vbd.qos } : {}),
        };
        put(cur);
      },
      unplug: unplugFrom('VBD', 'vbds'),
      async getState(vm, vbd) {
        const d = record(vm.id);
        const p = d && d.domid !== null ? d.vbds[vbd.id[1]] : undefined;
        return p
          ? { plugged: true, device_number: p.device_number, backend_present: p.backend }
          : { plugged: false };
      },
      async getDeviceActionRequest(vm, vbd) {
        return record(vm.id)?.vbds[vbd.id[1]]?.unplugRequested ? 'Needs_unplug' : undefined;
      },
      async insert(_task, vm, vbd, disk) {
        const p = live(vm).vbds[vbd.id[1]];
        if (!p) throw apiError('XENOPS_DEVICE_NOT_CONNECTED', { kind: 'VBD', id: vbd.id[1] });
        if (p.ty === 'Disk') throw apiError('XENOPS_MEDIA_NOT_EJECTABLE', { vbd: vbd.id[1] });
        if (p.backend) throw apiError('XENOPS_MEDIA_PRESENT', { vbd: vbd.id[1] });
        const d = live(vm);
        d.vbds[vbd.id[1]] = { ...p, backend: disk };
        put(d);
      },
      async snapshot(task, vm, vbd, overlay) {
        const p = live(vm).vbds[vbd.id[1]];
        if (!p) throw apiError('XENOPS_DEVICE_NOT_CONNECTED', { kind: 'VBD', id: vbd.id[1] });
        if (p.ty !== 'Disk' || !p.backend)
          throw apiError('INVALID_VALUE', {
            field: 'VBD',
            value: `${vbd.id[1]} is not a disk with an image`,
          });
        // Like a device model reopening its block graph: the guest sees nothing.
        await sleep(lat.plugMs, task);
        const d = live(vm);
        d.vbds[vbd.id[1]] = { ...p, backend: overlay, snapshots: (p.snapshots ?? 0) + 1 };
        put(d);
      },
      async setQos(_task, vm, vbd, qos) {
        const d = live(vm);
        const p = d.vbds[vbd.id[1]];
        if (!p) throw apiError('XENOPS_DEVICE_NOT_CONNECTED', { kind: 'VBD', id: vbd.id[1] });
        const { qos: _old, ...rest } = p;
        d.vbds[vbd.id[1]] = qos ? { ...rest, qos } : rest;
        put(d);
      },
      async appliedQos(vm, vbd) {
        const d = record(vm.id);
        return d && d.domid !== null ? d.vbds[vbd.id[1]]?.qos : undefined;
      },
      async eject(_task, vm, vbd) {
        const p = live(vm).vbds[vbd.id[1]];
        if (!p) throw apiError('XENOPS_DEVICE_NOT_CONNECTED', { kind: 'VBD', id: vbd.id[1] });
        if (p.ty === 'Disk') throw apiError('XENOPS_MEDIA_NOT_EJECTABLE', { vbd: vbd.id[1] });
        if (!p.backend) throw apiError('XENOPS_MEDIA_NOT_PRESENT', { vbd: vbd.id[1] });
        const d = live(vm);
        d.vbds[vbd.id[1]] = { ...p, backend: undefined };
        put(d);
      },
    },
    vif: {
      async plug(task, vm, vif: Vif) {
        const d = live(vm);
        if (d.vifs[vif.id[1]]) throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'VIF', id: vif.id[1] });
        if (Object.values(d.vifs).some((v) => v.position === vif.position))
          throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'VIF position', id: vif.position });
        await sleep(lat.plugMs, task);
        const cur = live(vm);
        cur.vifs[vif.id[1]] = {
          position: vif.position,
          carrier: vif.carrier,
          locking_mode: vif.locking_mode,
          network: vif.backend,
        };
        put(cur);
      },
      unplug: unplugFrom('VIF', 'vifs'),
      async getState(vm, vif) {
        const d = record(vm.id);
        const p = d && d.domid !== null ? d.vifs[vif.id[1]] : undefined;
        return p
          ? {
              plugged: true,
              kthread_pid: 0,
              media_present: p.carrier,
              device: `vif${d?.domid}.${p.position}`,
              pvs_rules_active: false,
            }
          : { plugged: false, kthread_pid: 0, media_present: false, pvs_rules_active: false };
      },
      async getDeviceActionRequest() {
        return undefined;
      },
      async setCarrier(_task, vm, vif, carrier) {
        const d = live(vm);
        const p = d.vifs[vif.id[1]];
        if (!p) throw apiError('XENOPS_DEVICE_NOT_CONNECTED', { kind: 'VIF', id: vif.id[1] });
        p.carrier = carrier;
        put(d);
      },
      async setLockingMode(_task, vm, vif, mode: LockingMode) {
        const d = live(vm);
        const p = d.vifs[vif.id[1]];
        if (!p) throw apiError('XENOPS_DEVICE_NOT_CONNECTED', { kind: 'VIF', id: vif.id[1] });
        p.locking_mode = mode;
        put(d);
      },
      async move(task, vm, vif, network) {
        const p = live(vm).vifs[vif.id[1]];
        if (!p) throw apiError('XENOPS_DEVICE_NOT_CONNECTED', { kind: 'VIF', id: vif.id[1] });
        await sleep(lat.plugMs, task);
        const d = live(vm);
        d.vifs[vif.id[1]] = { ...p, network };
        put(d);
      },
      async applied(vm, vif) {
        const d = record(vm.id);
        const p = d && d.domid !== null ? d.vifs[vif.id[1]] : undefined;
        return p ? { locking_mode: p.locking_mode, network: p.network ?? vif.backend } : undefined;
      },
    },
    pci: {
      async plug(task, vm, pci: Pci) {
        const d = live(vm);
        if (d.pcis[pci.id[1]]) throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'PCI', id: pci.id[1] });
        if (Object.values(d.pcis).some((p) => p.position === pci.position))
          throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'PCI position', id: pci.position });
        await sleep(lat.plugMs, task);
        const cur = live(vm);
        cur.pcis[pci.id[1]] = { position: pci.position };
        put(cur);
      },
      unplug: unplugFrom('PCI', 'pcis'),
      async getState(vm, pci) {
        const d = record(vm.id);
        return { plugged: !!(d && d.domid !== null && d.pcis[pci.id[1]]) };
      },
      async getDeviceActionRequest() {
        return undefined;
      },
    },
  };
}
