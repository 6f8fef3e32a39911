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
  const vdi = await c.VDI.create({
    SR: sr,
    virtual_size: 64 * 2 ** 20,
    type: 'user',
    sharable: false,
    read_only: false,
    other_config: {},
    name_label: `${name} disk`,
  });
  const vbd = await c.VBD.create({
    VM: vm,
    VDI: vdi,
    userdevice: '0',
    bootable: true,
    mode: 'RW',
    type: 'Disk',
    empty: false,
    other_config: {},
    qos_algorithm_type: '',
    qos_algorithm_params: {},
  });
  const network = Object.entries(await c.network.get_all_records()).find(
    ([, n]) => n.bridge === 'xapi-ts0',
  )?.[0] as string;
  const vif = await c.VIF.create({
    device: '0',
    network,
    VM: vm,
    MAC: '',
    MTU: 1500,
    other_config: {},
    qos_algorithm_type: '',
    qos_algorithm_params: {},
  });
  return { vm, vdi, vbd, vif };
}
