// Build a VM with a disk and a NIC through the XenAPI, for lifecycle tests.
import type { XapiClient } from '../../src/client/generated.js';
import { VM_ARGS } from './vm-args.js';

export async function makeVm(
  c: XapiClient,
  name = 'vm',
): Promise<{ vm: string; vdi: string; vbd: string; vif: string }> {
  const pool = (await c.pool.get_all())[0] as string;
  const sr = await c.pool.get_default_SR(pool);
  const vm = await c.VM.create({ ...VM_ARGS, name_label: name });
  const { vdi, vbd } = await addDisk(c, vm, {
    sr,
    size: 64 * 2 ** 20,
    userdevice: '0',
    name: `${name} disk`,
  });
  const network = Object.entries(await c.network.get_all_records()).find(
    ([, n]) => n.bridge === 'xapi-ts0',
  )?.[0] as string;
  const vif = await addVif(c, vm, network, '0');
  return { vm, vdi, vbd, vif };
}

/** A VIF of `vm` on `network` at `device`, with a generated MAC. */
export function addVif(c: XapiClient, vm: string, network: string, device: string): Promise<string> {
  return c.VIF.create({
    device,
    network,
    VM: vm,
    MAC: '',
    MTU: 1500,
    other_config: {},
    qos_algorithm_type: '',
    qos_algorithm_params: {},
  });
}

/** A new VDI on `sr`, attached to `vm` as a read-write disk at `userdevice`. */
export async function addDisk(
  c: XapiClient,
  vm: string,
  o: {
    sr: string;
    size: number;
    userdevice: string;
    name: string;
    smConfig?: Record<string, string>;
  },
): Promise<{ vdi: string; vbd: string }> {
  const vdi = await c.VDI.create({
    SR: o.sr,
    virtual_size: o.size,
    type: 'user',
    sharable: false,
    read_only: false,
    other_config: {},
    ...(o.smConfig ? { sm_config: o.smConfig } : {}),
    name_label: o.name,
  });
  const vbd = await attachDisk(c, vm, vdi, o.userdevice);
  return { vdi, vbd };
}

/** A read-write disk VBD of `vm` for `vdi` at `userdevice`; bootable at 0 unless told otherwise. */
export function attachDisk(
  c: XapiClient,
  vm: string,
  vdi: string,
  userdevice: string,
  bootable = userdevice === '0',
): Promise<string> {
  return c.VBD.create({
    VM: vm,
    VDI: vdi,
    userdevice,
    bootable,
    mode: 'RW',
    type: 'Disk',
    empty: false,
    other_config: {},
    qos_algorithm_type: '',
    qos_algorithm_params: {},
  });
}
