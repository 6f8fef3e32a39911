// Device and storage commands: VBDs, VIFs, VDIs and SRs.
import type { Command, Ctx } from '../command.js';
import { CliFailure } from '../errors.js';
import { invoke, uuidOf } from '../invoke.js';
import { cliClassByName, type CliClass } from '../model.js';
import { fetchOne } from '../records.js';
import { parseBool, parseSize } from '../values.js';

async function refOf(ctx: Ctx, xeClass: string, uuid: string): Promise<string> {
  return (await fetchOne(ctx.api, ctx.refs, cliClassByName.get(xeClass) as CliClass, uuid)).ref;
}

/** `<class>-<verb> uuid=...` calling one message on the object. */
function byUuid(xeClass: string, verb: string, wire: string, help: string, self = 'self'): Command {
  return {
    name: `${xeClass}-${verb}`,
    reqd: ['uuid'],
    optn: [],
    help,
    uses: [wire],
    async run(ctx) {
      await invoke(ctx, wire, { [self]: await refOf(ctx, xeClass, ctx.params.get('uuid') as string) });
    },
  };
}

function optBool(ctx: Ctx, key: string, dflt: boolean): boolean {
  const v = ctx.params.get(key);
  return v === undefined ? dflt : parseBool(v, key);
}

async function vbdCreate(ctx: Ctx): Promise<void> {
  const vm = await refOf(ctx, 'vm', ctx.params.get('vm-uuid') as string);
  const vdiUuid = ctx.params.get('vdi-uuid');
  const vdi = vdiUuid === undefined ? 'OpaqueRef:NULL' : await refOf(ctx, 'vdi', vdiUuid);
  const type = ctx.params.get('type') ?? 'Disk';
  if (!['Disk', 'CD', 'Floppy'].includes(type)) throw new CliFailure("Type must be 'Disk', 'CD' or 'Floppy'");
  const mode = (ctx.params.get('mode') ?? 'RW').toUpperCase();
  if (mode !== 'RW' && mode !== 'RO') throw new CliFailure("Mode must be 'RW' or 'RO'");
  const ref = await invoke(ctx, 'VBD.create', {
    args: {
      VM: vm,
      VDI: vdi,
      userdevice: ctx.params.get('device'),
      bootable: optBool(ctx, 'bootable', false),
      mode,
      type,
      unpluggable: optBool(ctx, 'unpluggable', true),
      empty: vdi === 'OpaqueRef:NULL',
      other_config: ctx.params.mapOf('other-config'),
      qos_algorithm_type: '',
      qos_algorithm_params: {},
    },
  });
  ctx.out.list([await uuidOf(ctx, 'VBD', ref)]);
}

async function vifCreate(ctx: Ctx): Promise<void> {
  const vm = await refOf(ctx, 'vm', ctx.params.get('vm-uuid') as string);
  const network = await refOf(ctx, 'network', ctx.params.get('network-uuid') as string);
  const mtu = ctx.params.get('mtu');
  const ref = await invoke(ctx, 'VIF.create', {
    args: {
      device: ctx.params.get('device'),
      network,
      VM: vm,
      MAC: ctx.params.get('mac') ?? '',
      MTU: mtu === undefined ? 1500 : parseSize(mtu, 'mtu'),
      other_config: ctx.params.mapOf('other-config'),
      qos_algorithm_type: '',
      qos_algorithm_params: {},
    },
  });
  ctx.out.list([await uuidOf(ctx, 'VIF', ref)]);
}

async function vdiCreate(ctx: Ctx): Promise<void> {
  const sr = await refOf(ctx, 'sr', ctx.params.get('sr-uuid') as string);
  const size = ctx.params.get('virtual-size') as string;
  const ref = await invoke(ctx, 'VDI.create', {
    args: {
      name_label: ctx.params.get('name-label'),
      name_description: ctx.params.get('name-description') ?? '',
      SR: sr,
      virtual_size: parseSize(size, 'virtual-size'),
      type: ctx.params.get('type') ?? 'user',
      sharable: optBool(ctx, 'sharable', false),
      read_only: optBool(ctx, 'read-only', false),
      other_config: ctx.params.mapOf('other-config'),
      sm_config: ctx.params.mapOf('sm-config'),
      xenstore_data: {},
      tags: [],
    },
  });
  ctx.out.list([await uuidOf(ctx, 'VDI', ref)]);
}

async function vdiCopyLike(ctx: Ctx, wire: 'VDI.snapshot' | 'VDI.clone'): Promise<void> {
  const vdi = await refOf(ctx, 'vdi', ctx.params.get('uuid') as string);
  const ref = await invoke(ctx, wire, { vdi, driver_params: ctx.params.mapOf('driver-params') });
  const label = ctx.params.get('new-name-label');
  if (label !== undefined) await ctx.api.call('VDI.set_name_label', ref, label);
  const desc = ctx.params.get('new-name-description');
  if (desc !== undefined) await ctx.api.call('VDI.set_name_description', ref, desc);
  ctx.out.list([await uuidOf(ctx, 'VDI', ref)]);
}

async function srCreate(ctx: Ctx): Promise<void> {
  const hostUuid = ctx.params.get('host-uuid');
  const host =
    hostUuid === undefined
      ? Object.keys(await ctx.api.records('host'))[0]
      : await refOf(ctx, 'host', hostUuid);
  const size = ctx.params.get('physical-size');
  const ref = await invoke(ctx, 'SR.create', {
    host,
    device_config: ctx.params.mapOf('device-config'),
    physical_size: size === undefined ? 0 : parseSize(size, 'physical-size'),
    name_label: ctx.params.get('name-label'),
    name_description: ctx.params.get('name-description') ?? '',
    type: ctx.params.get('type') ?? '',
    content_type: ctx.params.get('content-type') ?? '',
    shared: optBool(ctx, 'shared', false),
    sm_config: ctx.params.mapOf('sm-config'),
  });
  ctx.out.list([await uuidOf(ctx, 'SR', ref)]);
}

export const deviceCommands: readonly Command[] = [
  {
    name: 'vbd-create',
    reqd: ['vm-uuid', 'device'],
    optn: ['vdi-uuid', 'bootable', 'type', 'mode', 'unpluggable', 'other-config:'],
    help: "Create a VBD. Appropriate values for the device field are listed in the parameter 'allowed-VBD-devices' on the VM. If no VDI is specified, an empty VBD will be created. The type parameter can be 'Disk' or 'CD', and the mode is 'RO' or 'RW'.",
    uses: ['VBD.create'],
    run: vbdCreate,
  },
  byUuid('vbd', 'plug', 'VBD.plug', 'Attempt to attach the VBD while the VM is in the running state.'),
  byUuid('vbd', 'unplug', 'VBD.unplug', 'Attempt to detach the VBD while the VM is in the running state.'),
  byUuid('vbd', 'destroy', 'VBD.destroy', 'Destroy a VBD.'),
  {
    name: 'vif-create',
    reqd: ['device', 'network-uuid', 'vm-uuid'],
    optn: ['mac', 'mtu', 'other-config:'],
    help: "Create a VIF. Appropriate values for the device are listed in the parameter 'allowed-VIF-devices' on the VM. If a MAC is not given, one is generated.",
    uses: ['VIF.create'],
    run: vifCreate,
  },
  byUuid('vif', 'plug', 'VIF.plug', 'Attempt to attach the VIF while the VM is in the running state.'),
  byUuid('vif', 'unplug', 'VIF.unplug', 'Attempt to detach the VIF while the VM is in the running state.'),
  byUuid('vif', 'destroy', 'VIF.destroy', 'Destroy a VIF.'),
  {
    name: 'vdi-create',
    reqd: ['sr-uuid', 'name-label', 'virtual-size'],
    optn: ['name-description', 'type', 'sharable', 'read-only', 'other-config:', 'sm-config:'],
    help: 'Create a VDI. Virtual-size may be given with a unit suffix (KiB, MiB, GiB, TiB).',
    uses: ['VDI.create'],
    run: vdiCreate,
  },
  byUuid('vdi', 'destroy', 'VDI.destroy', 'Destroy a VDI.'),
  {
    name: 'vdi-resize',
    reqd: ['uuid', 'disk-size'],
    optn: [],
    help: 'Resize a VDI. The size may carry a unit suffix (KiB, MiB, GiB, TiB).',
    uses: ['VDI.resize'],
    async run(ctx) {
      const vdi = await refOf(ctx, 'vdi', ctx.params.get('uuid') as string);
      await invoke(ctx, 'VDI.resize', {
        vdi,
        size: parseSize(ctx.params.get('disk-size') as string, 'disk-size'),
      });
    },
  },
  {
    name: 'vdi-snapshot',
    reqd: ['uuid'],
    optn: ['new-name-label', 'new-name-description', 'driver-params:'],
    help: 'Snapshot a VDI. The new VDI uuid is printed.',
    uses: ['VDI.snapshot'],
    run: (ctx) => vdiCopyLike(ctx, 'VDI.snapshot'),
  },
  {
    name: 'vdi-clone',
    reqd: ['uuid'],
    optn: ['new-name-label', 'new-name-description', 'driver-params:'],
    help: 'Clone a VDI. The new VDI uuid is printed.',
    uses: ['VDI.clone'],
    run: (ctx) => vdiCopyLike(ctx, 'VDI.clone'),
  },
  {
    name: 'sr-create',
    reqd: ['name-label', 'type'],
    optn: [
      'name-description',
      'host-uuid',
      'physical-size',
      'content-type',
      'shared',
      'device-config:',
      'sm-config:',
    ],
    help: 'Create an SR, also a PBD to plug it on the host. The new SR uuid is printed.',
    standard: true,
    uses: ['SR.create'],
    run: srCreate,
  },
  byUuid(
    'sr',
    'scan',
    'SR.scan',
    'Force an SR scan, syncing the database with VDIs present in underlying storage substrate.',
    'sr',
  ),
];
