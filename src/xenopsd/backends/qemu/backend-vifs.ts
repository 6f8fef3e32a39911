// The VIFs of the QEMU backend: a virtio NIC in QEMU on the host side a tap on a
// Linux bridge or QEMU's user-mode network (net.ts decides), on the command line
// when plugged before the device model starts, hot-plugged on a spare PCIe root
// port after. Carrier and locking mode Disabled drive the guest's link and the tap;
// the locking mode is enforced on the tap by the packet filter (vif-filter.ts).
import { apiError } from '../../../datamodel/api-error.js';
import type { TaskHandle, VifBackend } from '../api.js';
import type { LockingMode, Vif, Vm } from '../../types.js';
import type { DomainRecord, VifRecord } from './domains.js';
import { nicPlug, nicUnplug, type QmpCall, type Unplug } from './hotplug.js';
import type { QmpClient } from './qmp.js';
import { nicOf } from './net.js';
import { macFor } from './vm-config.js';
import type { QemuContext } from './backend-context.js';

/** What the VIFs share with the other devices of backend-devices.ts. */
export interface DeviceHelpers {
  freePort(d: DomainRecord): string;
  plugged(vm: Vm, kind: 'VBD' | 'VIF', name: string): DomainRecord;
  run(vm: string, qmp: QmpClient, calls: readonly QmpCall[]): Promise<void>;
  unplugDevice(vm: string, qmp: QmpClient, u: Unplug, task: TaskHandle): Promise<void>;
  guestAnswers(d: DomainRecord, qmp: QmpClient, force: boolean): Promise<boolean>;
}

/** Traffic flows when the VIF has carrier and is not Disabled (locking mode). */
const linkUp = (v: { carrier: boolean; locking_mode: LockingMode }): boolean =>
  v.carrier && v.locking_mode !== 'Disabled';

/** The XenAPI bridge a VIF joins ('' when it names none this backend can serve). */
function networkOf(v: Vif): string {
  const [kind, where] = v.backend;
  if (kind === 'Local') return where;
  if (kind === 'Remote') return where[1];
  return '';
}

export function vifsOf(c: QemuContext, h: DeviceHelpers): VifBackend {
  const { freePort, plugged, run, unplugDevice, guestAnswers } = h;
  const nicNamed = (d: DomainRecord, name: string) => {
    const n = d.vifs[name];
    if (!n) throw apiError('XENOPS_DEVICE_NOT_CONNECTED', { kind: 'VIF', id: name });
    return nicOf(n);
  };

  /** The guest's link (QMP set_link) and the tap follow carrier, held down while Disabled. */
  const applyLink = async (vm: Vm, p: VifRecord): Promise<void> => {
    const up = linkUp(p);
    const qmp = c.qmpOf(vm);
    if (qmp && p.inQemu)
      await run(vm.id, qmp, [{ execute: 'set_link', arguments: { name: `vif${p.position}`, up } }]);
    await c.net().setCarrier(p, up);
  };

  return {
    async plug(task, vm, v) {
      const d = c.live(vm);
      const name = v.id[1];
      if (d.vifs[name]) throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'VIF', id: name });
      if (Object.values(d.vifs).some((x) => x.position === v.position))
        throw apiError('XENOPS_ALREADY_EXISTS', { kind: 'VIF position', id: v.position });
      const mac = macFor(vm.id, v.position, v.mac);
      const qmp = c.qmpOf(vm);
      let port: string | undefined;
      task.cancelPoint();
      const up = linkUp(v);
      const network = networkOf(v);
      const net = c.net();
      // Refused before anything is made: a mode the host side of this VIF could not enforce.
      net.checkLocking(net.modeOf(network, d.domid, v.position).kind === 'bridge', v.locking_mode);
      const host = await net.connect(d, network, v.position, v.mtu, up);
      const rec: VifRecord = {
        position: v.position,
        mac,
        carrier: v.carrier,
        locking_mode: v.locking_mode,
        inQemu: false,
        network,
        ...host,
      };
      try {
        await net.applyLocking(rec, v.locking_mode);
        if (qmp) {
          port = freePort(d);
          await run(vm.id, qmp, nicPlug(nicOf(rec), port));
          if (!up)
            await run(vm.id, qmp, [
              { execute: 'set_link', arguments: { name: `vif${v.position}`, up: false } },
            ]);
        }
      } catch (e) {
        await c.net().disconnect(rec);
        throw e;
      }
      d.vifs[name] = { ...rec, inQemu: !!qmp, port };
      c.put(d);
    },
    async unplug(task, vm, v, force) {
      const name = v.id[1];
      const d = plugged(vm, 'VIF', name);
      const qmp = c.qmpOf(vm);
      const rec = d.vifs[name];
      if (qmp && rec?.inQemu && (await guestAnswers(d, qmp, force))) {
        if (await c.restartUnstarted(task, vm, d, () => delete d.vifs[name])) {
          if (rec) await c.net().disconnect(rec);
          return;
        }
        await unplugDevice(vm.id, qmp, nicUnplug(nicNamed(d, name)), task);
      }
      delete d.vifs[name];
      c.put(d);
      if (rec) await c.net().disconnect(rec);
    },
    async getState(vm, v) {
      const d = c.record(vm.id);
      const p = d?.vifs[v.id[1]];
      return p
        ? {
            plugged: true,
            kthread_pid: 0,
            media_present: p.carrier,
            device: p.tap ?? `vif${d?.domid}.${p.position}`,
            pvs_rules_active: false,
          }
        : { plugged: false, kthread_pid: 0, media_present: false, pvs_rules_active: false };
    },
    async getDeviceActionRequest() {
      return undefined;
    },
    async setCarrier(_task, vm, v, carrier) {
      const name = v.id[1];
      const d = plugged(vm, 'VIF', name);
      const p = d.vifs[name];
      if (!p) return;
      await applyLink(vm, { ...p, carrier });
      p.carrier = carrier;
      c.put(d);
    },
    async setLockingMode(_task, vm, v, mode) {
      const name = v.id[1];
      const d = plugged(vm, 'VIF', name);
      const p = d.vifs[name];
      if (!p) return;
      c.net().checkLocking(p.tap !== undefined, mode);
      // Fail closed: a tap that is to pass less is filtered before its link comes up.
      await c.net().applyLocking(p, mode);
      await applyLink(vm, { ...p, locking_mode: mode });
      p.locking_mode = mode;
      c.put(d);
    },
    async move(task, vm, v, to) {
      const name = v.id[1];
      const d = plugged(vm, 'VIF', name);
      const p = d.vifs[name];
      if (!p) return;
      const [kind, where] = to;
      const network = kind === 'Local' ? where : kind === 'Remote' ? where[1] : '';
      const moved = await c.net().move(d, p, network);
      if (moved) {
        d.vifs[name] = { ...p, ...moved, network };
        c.put(d);
        return;
      }
      // To or from user-mode networking: the NIC gets a new backend, so it is replugged.
      const qmp = c.qmpOf(vm);
      if (qmp && p.inQemu) {
        if (!(await guestAnswers(d, qmp, false)))
          throw apiError('VALUE_NOT_SUPPORTED', {
            field: 'VIF.network',
            value: network,
            reason:
              'moving between a bridged and a user-mode network replugs the NIC, and the guest is not running',
          });
        await unplugDevice(vm.id, qmp, nicUnplug(nicNamed(d, name)), task);
      }
      await c.net().disconnect(p);
      const host = await c.net().connect(d, network, p.position, v.mtu, linkUp(p));
      const rec: VifRecord = { ...p, tap: undefined, bridge: undefined, mtu: undefined, ...host, network };
      await c.net().applyLocking(rec, p.locking_mode);
      let port: string | undefined;
      if (qmp && p.inQemu) {
        port = freePort(d);
        await run(vm.id, qmp, nicPlug(nicOf(rec), port));
        if (!linkUp(p))
          await run(vm.id, qmp, [
            { execute: 'set_link', arguments: { name: `vif${p.position}`, up: false } },
          ]);
      }
      d.vifs[name] = { ...rec, port };
      c.put(d);
    },
    async applied(vm, v) {
      const p = c.record(vm.id)?.vifs[v.id[1]];
      return p ? { locking_mode: p.locking_mode, network: ['Local', p.network ?? networkOf(v)] } : undefined;
    },
  };
}
