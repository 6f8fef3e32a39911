// VM lifecycle commands: install from a template, power operations, clone,
// copy, snapshot and revert, uninstall, migrate and vCPU hot-plug. They call
// the XenAPI messages by name (see `uses`), through Async forms with a
// progress bar when the message has one.
import { createInterface } from 'node:readline';
import type { Command, Ctx } from '../command.js';
import { CliFailure, ExitWithError } from '../errors.js';
import { cliClassByName, type CliClass } from '../model.js';
import { fetchOne, fetchRecords, type Rec } from '../records.js';
import { forEachSelected } from '../select.js';
import { invoke, uuidOf } from '../invoke.js';
import { parseValue } from '../values.js';
import { VM_MIGRATE_OPTIONS, vmMigrate } from './vm-migrate.js';

const vmClass = (): CliClass => cliClassByName.get('vm') as CliClass;

/** A host given as `on=`/`host=` by name or uuid. */
async function hostRef(ctx: Ctx, key: string): Promise<string | undefined> {
  const v = ctx.params.get(key) ?? ctx.params.get(`${key}-uuid`);
  if (v === undefined) return undefined;
  const hosts = await ctx.api.records('host');
  const hit = Object.entries(hosts).find(
    ([, r]) => r['uuid'] === v || r['name_label'] === v || r['hostname'] === v,
  );
  if (!hit) throw new CliFailure(`No matching hosts found for ${key}=${v}`);
  return hit[0];
}

/** A command applying one message to the selected VMs. */
function vmOp(
  name: string,
  help: string,
  uses: readonly string[],
  optn: readonly string[],
  op: (ctx: Ctx, vm: Rec) => Promise<void>,
  opts: { standard?: boolean; includeTemplates?: boolean; single?: boolean } = {},
): Command {
  return {
    name,
    reqd: [],
    optn,
    help,
    selectors: 'vm',
    uses,
    ...(opts.standard ? { standard: true } : {}),
    run: (ctx) =>
      forEachSelected(
        ctx,
        'vm',
        { ignore: optn.map((o) => o.replace(/=.*$/, '').replace(/:$/, '')), ...opts },
        (vm) => op(ctx, vm),
      ),
  };
}

/** The uuid of the SR for a new VM's disks: sr-uuid=, sr-name-label=, or the pool's default SR. */
async function installSr(ctx: Ctx): Promise<string | undefined> {
  const uuid = ctx.params.get('sr-uuid');
  if (uuid !== undefined) {
    await ctx.api.byUuid('SR', uuid); // UUID_INVALID if there is no such SR
    return uuid;
  }
  const label = ctx.params.get('sr-name-label');
  if (label !== undefined) {
    const hits = Object.values(await ctx.api.records('SR')).filter((r) => r['name_label'] === label);
    if (hits.length !== 1) throw new CliFailure(`Expected one SR named '${label}', found ${hits.length}`);
    return String(hits[0]?.['uuid']);
  }
  const pools = Object.values(await ctx.api.records('pool'));
  const dflt = pools[0]?.['default_SR'];
  if (typeof dflt !== 'string' || dflt === 'OpaqueRef:NULL') return undefined;
  try {
    return String(await ctx.api.call('SR.get_uuid', dflt));
  } catch {
    return undefined; // a dangling default SR leaves the template's choice alone
  }
}

async function install(ctx: Ctx): Promise<void> {
  const name = ctx.params.get('new-name-label') as string;
  const wanted =
    ctx.params.get('template') ?? ctx.params.get('template-uuid') ?? ctx.params.get('template-name-label');
  if (wanted === undefined) throw new CliFailure('A template must be given with template=<name or uuid>');
  const templates = (
    await fetchRecords(ctx.api, ctx.refs, cliClassByName.get('template') as CliClass)
  ).filter((t) => t.r['is_a_template'] === true && (t.r['uuid'] === wanted || t.r['name_label'] === wanted));
  if (templates.length === 0) throw new CliFailure('Template not found');
  if (templates.length > 1) throw new CliFailure('Multiple templates match; give the template by uuid');
  const template = templates[0] as Rec;
  const vm = await invoke(ctx, 'VM.clone', { vm: template.ref, new_name: name });
  // Provisioning creates the disks a template lists in other_config:disks,
  // on the SR given or else the pool's default SR; without such a list there
  // is nothing to provision.
  const otherConfig = (await ctx.api.call('VM.get_other_config', vm)) as Record<string, string>;
  const disks = otherConfig['disks'];
  if (disks !== undefined) {
    const sr = await installSr(ctx);
    if (sr !== undefined) {
      await ctx.api.call('VM.remove_from_other_config', vm, 'disks');
      // Loaded here: the XML parser costs every other xe command start-up time.
      const { rewriteProvisionSr } = await import('../provision.js');
      await ctx.api.call('VM.add_to_other_config', vm, 'disks', rewriteProvisionSr(disks, sr));
    }
    await invoke(ctx, 'VM.provision', { vm });
  }
  await ctx.api.call('VM.set_is_a_template', vm, false);
  const desc = ctx.params.get('new-name-description');
  if (desc !== undefined) await ctx.api.call('VM.set_name_description', vm, desc);
  ctx.out.list([await uuidOf(ctx, 'VM', vm)]);
}

async function startVm(ctx: Ctx, vm: Rec, resume: boolean): Promise<void> {
  const force = ctx.params.bool('force');
  const paused = ctx.params.bool('paused');
  const on = await hostRef(ctx, 'on');
  const verb = resume ? 'resume' : 'start';
  if (on) await invoke(ctx, `VM.${verb}_on`, { vm: vm.ref, host: on, start_paused: paused, force });
  else await invoke(ctx, `VM.${verb}`, { vm: vm.ref, start_paused: paused, force });
}

/** Ask before destroying, as xe does without --force. */
async function confirm(ctx: Ctx, what: readonly string[]): Promise<boolean> {
  if (ctx.params.bool('force')) return true;
  ctx.out.msg('The following items are about to be destroyed');
  for (const w of what) ctx.out.msg(w);
  ctx.out.msg("Type 'yes' to continue");
  if (!ctx.io.stdin) return false;
  const rl = createInterface({ input: ctx.io.stdin });
  const line = await new Promise<string>((resolve) => {
    rl.once('line', resolve);
    rl.once('close', () => resolve(''));
  });
  rl.close();
  const yes = line.trim().toLowerCase() === 'yes';
  if (!yes) ctx.out.msg(`Aborted (you typed: '${line}')`);
  return yes;
}

async function uninstall(ctx: Ctx, vm: Rec): Promise<void> {
  const vbds = (vm.r['VBDs'] ?? []) as string[];
  const vdis: string[] = [];
  for (const vbd of vbds) {
    const r = await ctx.api.record('VBD', vbd);
    if (r['type'] === 'Disk' && r['mode'] === 'RW' && r['VDI'] !== 'OpaqueRef:NULL')
      vdis.push(String(r['VDI']));
  }
  const lines = [`VM : ${String(vm.r['uuid'])} (${String(vm.r['name_label'])})`];
  for (const v of vdis) lines.push(`VDI: ${String(await ctx.api.call('VDI.get_uuid', v))}`);
  if (!(await confirm(ctx, lines))) throw new ExitWithError(1);
  await invoke(ctx, 'VM.destroy', { self: vm.ref });
  for (const v of vdis) await invoke(ctx, 'VDI.destroy', { self: v });
}

const NEW = ['new-name-label', 'new-name-description'];

/** vm-snapshot and vm-checkpoint: a new VM named by new-name-label; prints its uuid. */
function snapshotOp(name: string, help: string, message: 'VM.snapshot' | 'VM.checkpoint'): Command {
  return vmOp(
    name,
    help,
    [message],
    NEW,
    async (ctx, vm) => {
      const ref = await invoke(ctx, message, { vm: vm.ref, new_name: ctx.params.get('new-name-label') });
      const desc = ctx.params.get('new-name-description');
      if (desc !== undefined) await ctx.api.call('VM.set_name_description', ref, desc);
      ctx.out.list([await uuidOf(ctx, 'VM', ref)]);
    },
    { single: true },
  );
}

export const vmCommands: readonly Command[] = [
  {
    name: 'vm-install',
    reqd: ['new-name-label'],
    optn: [
      'template',
      'template-uuid',
      'template-name-label',
      'sr-uuid',
      'sr-name-label',
      'new-name-description',
    ],
    help: 'Install a new VM from a template. The template parameter can match either the template name or the uuid.',
    standard: true,
    uses: ['VM.clone', 'VM.set_is_a_template'],
    run: install,
  },
  vmOp(
    'vm-start',
    "Start the selected VM(s). Where pooling is enabled, the host on which to start can be specified with the 'on' parameter that takes a uuid. The optional parameter '--force' will bypass any hardware-compatibility warnings.",
    ['VM.start'],
    ['force', 'on', 'paused'],
    (ctx, vm) => startVm(ctx, vm, false),
    { standard: true },
  ),
  vmOp(
    'vm-shutdown',
    'Shutdown the selected VM(s). The optional argument --force will forcibly shut down the VM.',
    ['VM.clean_shutdown', 'VM.hard_shutdown'],
    ['force'],
    async (ctx, vm) => {
      await invoke(ctx, ctx.params.bool('force') ? 'VM.hard_shutdown' : 'VM.clean_shutdown', { vm: vm.ref });
    },
    { standard: true },
  ),
  vmOp(
    'vm-reboot',
    'Reboot the selected VM(s). The optional argument --force will forcibly reboot the VM.',
    ['VM.clean_reboot', 'VM.hard_reboot'],
    ['force'],
    async (ctx, vm) => {
      await invoke(ctx, ctx.params.bool('force') ? 'VM.hard_reboot' : 'VM.clean_reboot', { vm: vm.ref });
    },
    { standard: true },
  ),
  vmOp(
    'vm-suspend',
    'Suspend the selected VM(s).',
    ['VM.suspend'],
    [],
    async (ctx, vm) => {
      await invoke(ctx, 'VM.suspend', { vm: vm.ref });
    },
    { standard: true },
  ),
  vmOp(
    'vm-resume',
    "Resume the selected VM(s). The host on which to resume can be given with 'on'.",
    ['VM.resume'],
    ['force', 'on'],
    (ctx, vm) => startVm(ctx, vm, true),
    { standard: true },
  ),
  vmOp(
    'vm-pause',
    'Pause a running VM. Note this operation does not free the associated memory (see vm-suspend).',
    ['VM.pause'],
    [],
    async (ctx, vm) => {
      await invoke(ctx, 'VM.pause', { vm: vm.ref });
    },
  ),
  vmOp('vm-unpause', 'Unpause a paused VM.', ['VM.unpause'], [], async (ctx, vm) => {
    await invoke(ctx, 'VM.unpause', { vm: vm.ref });
  }),
  vmOp(
    'vm-clone',
    "Clone an existing VM, using storage-level fast disk clone operation where available. The new VM's uuid is printed.",
    ['VM.clone'],
    NEW,
    async (ctx, vm) => {
      const ref = await invoke(ctx, 'VM.clone', { vm: vm.ref, new_name: ctx.params.get('new-name-label') });
      const desc = ctx.params.get('new-name-description');
      if (desc !== undefined) await ctx.api.call('VM.set_name_description', ref, desc);
      ctx.out.list([await uuidOf(ctx, 'VM', ref)]);
    },
    { includeTemplates: true, single: true },
  ),
  vmOp(
    'vm-copy',
    "Copy an existing VM, but without using storage-level fast disk clone operation (even if this is available). The disk images of the copied VM are guaranteed to be 'full images'.",
    ['VM.copy'],
    [...NEW, 'sr-uuid'],
    async (ctx, vm) => {
      const srUuid = ctx.params.get('sr-uuid');
      const sr = srUuid === undefined ? 'OpaqueRef:NULL' : await ctx.api.byUuid('SR', srUuid);
      const ref = await invoke(ctx, 'VM.copy', {
        vm: vm.ref,
        new_name: ctx.params.get('new-name-label'),
        sr,
      });
      const desc = ctx.params.get('new-name-description');
      if (desc !== undefined) await ctx.api.call('VM.set_name_description', ref, desc);
      ctx.out.list([await uuidOf(ctx, 'VM', ref)]);
    },
    { includeTemplates: true, single: true },
  ),
  snapshotOp(
    'vm-snapshot',
    'Snapshot an existing VM, using storage-level fast disk snapshot operation where available.',
    'VM.snapshot',
  ),
  snapshotOp(
    'vm-checkpoint',
    'Checkpoint an existing VM, using storage-level fast disk snapshot operation where available.',
    'VM.checkpoint',
  ),
  {
    name: 'snapshot-revert',
    reqd: [],
    optn: ['uuid', 'snapshot-uuid'],
    help: 'Revert an existing VM to a previous checkpointed or snapshot state.',
    uses: ['VM.revert'],
    async run(ctx) {
      const uuid = ctx.params.get('snapshot-uuid') ?? ctx.params.get('uuid');
      if (uuid === undefined) throw new CliFailure('Parameter snapshot-uuid or uuid is required');
      const snap = await fetchOne(ctx.api, ctx.refs, cliClassByName.get('snapshot') as CliClass, uuid);
      await invoke(ctx, 'VM.revert', { snapshot: snap.ref });
    },
  },
  vmOp(
    'vm-uninstall',
    'Uninstall a VM. This operation will destroy those VDIs that are marked RW and connected to this VM only. To simply destroy the VM record, use vm-destroy.',
    ['VM.destroy', 'VDI.destroy'],
    ['force'],
    uninstall,
    { single: true },
  ),
  {
    name: 'vm-destroy',
    reqd: ['uuid'],
    optn: [],
    help: 'Destroy a VM record, leaving its disks. To destroy the disks too, use vm-uninstall.',
    uses: ['VM.destroy'],
    async run(ctx) {
      const vm = await fetchOne(ctx.api, ctx.refs, vmClass(), ctx.params.get('uuid') as string);
      await invoke(ctx, 'VM.destroy', { self: vm.ref });
    },
  },
  vmOp(
    'vm-migrate',
    "Migrate the selected VM(s) to the host given by 'host' (name or uuid); with remote-master= (and remote-username=, remote-password=), to a host of another pool, disks to destination-sr-uuid= or per disk vdi:<vdi-uuid>=<sr-uuid>, NICs per VIF vif:<vif-uuid>=<network-uuid>.",
    ['VM.pool_migrate', 'VM.migrate_send', 'host.migrate_receive'],
    VM_MIGRATE_OPTIONS,
    vmMigrate,
  ),
  vmOp(
    'vm-vcpu-hotplug',
    'Dynamically adjust the number of VCPUs available to a running VM.',
    ['VM.set_VCPUs_number_live'],
    ['new-vcpus'],
    async (ctx, vm) => {
      const n = ctx.params.get('new-vcpus');
      if (n === undefined) throw new CliFailure('Parameter new-vcpus is required');
      await invoke(ctx, 'VM.set_VCPUs_number_live', {
        self: vm.ref,
        nvcpu: await parseValue(ctx.api, n, { kind: 'int' }, 'new-vcpus'),
      });
    },
  ),
  vmOp(
    'vm-reset-powerstate',
    'Force the VM power state to halted in the management toolstack database only.',
    ['VM.power_state_reset'],
    ['force'],
    async (ctx, vm) => {
      if (!ctx.params.bool('force')) throw new CliFailure('This operation needs --force');
      await invoke(ctx, 'VM.power_state_reset', { vm: vm.ref });
    },
  ),
];
