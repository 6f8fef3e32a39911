// The pure planner: an operation and the VM's configuration in, a plan of
// atoms out (the original's `atomics_of_operation`). No backend, no I/O.
import type { Atom, MigrationTarget, Operation } from './plan.js';
import { migrationIds } from './migration-ids.js';
import type { DeviceId, DomainActionRequest, Pci, Vbd, Vif, Vm } from './types.js';

export interface PlanContext {
  readonly vm: Vm;
  readonly vbds: readonly Vbd[];
  readonly vifs: readonly Vif[];
  readonly pcis: readonly Pci[];
}

/** Lists of zero or one atom are never wrapped in a combinator. */
function group(op: 'serial' | 'parallel' | 'nested_parallel', desc: string, atoms: readonly Atom[]): Atom[] {
  if (atoms.length <= 1) return [...atoms];
  return [{ op, desc, atoms }];
}

const byPosition = <T extends { readonly position: number }>(xs: readonly T[]): T[] =>
  [...xs].sort((a, b) => a.position - b.position);
const byName = <T extends { readonly id: DeviceId }>(xs: readonly T[]): T[] =>
  [...xs].sort((a, b) => (a.id[1] < b.id[1] ? -1 : a.id[1] > b.id[1] ? 1 : 0));

/** Plug every disk and NIC: read-write disks before read-only ones, NICs in position order. */
function plugDevices(ctx: PlanContext, desc: string): Atom[] {
  const vbdPlug = (v: Vbd): Atom[] =>
    group('serial', `VBD.plug ${v.id[1]}`, [
      { op: 'VBD_set_active', id: v.id, active: true },
      { op: 'VBD_plug', id: v.id },
    ]);
  const vbds = byName(ctx.vbds);
  const rw = vbds.filter((v) => v.mode === 'ReadWrite');
  const ro = vbds.filter((v) => v.mode === 'ReadOnly');
  const disks = group('serial', 'VBDs RW then RO', [
    ...group('nested_parallel', 'VBDs RW', rw.flatMap(vbdPlug)),
    ...group('nested_parallel', 'VBDs RO', ro.flatMap(vbdPlug)),
  ]);
  const nics = group(
    'serial',
    'VIFs in position order',
    byPosition(ctx.vifs).flatMap((v): Atom[] => [
      { op: 'VIF_set_active', id: v.id, active: true },
      { op: 'VIF_plug', id: v.id },
    ]),
  );
  return group('parallel', desc, [...disks, ...nics]);
}

function plugPcis(ctx: PlanContext): Atom[] {
  return byPosition(ctx.pcis).map((p): Atom => ({ op: 'PCI_plug', id: p.id }));
}

function deactivateDevices(ctx: PlanContext): Atom[] {
  return group('parallel', 'Devices.deactivate', [
    ...byName(ctx.vbds).map((v): Atom => ({ op: 'VBD_set_active', id: v.id, active: false })),
    ...byPosition(ctx.vifs).map((v): Atom => ({ op: 'VIF_set_active', id: v.id, active: false })),
  ]);
}

/** Create, build and plug a domain; `marker` is what a restarted xenopsd does with a half-built one. */
function startAtoms(ctx: PlanContext, force: boolean): Atom[] {
  const id = ctx.vm.id;
  return [
    { op: 'VM_hook_script', vm: id, hook: 'vm-pre-start', reason: 'none' },
    { op: 'VM_create', vm: id, actionRequest: 'Needs_reboot' },
    { op: 'VM_build', vm: id, force },
    ...plugDevices(ctx, 'Devices.plug'),
    { op: 'VM_create_device_model', vm: id, saveState: false },
    ...plugPcis(ctx),
    { op: 'VM_set_domain_action_request', vm: id },
  ];
}

/**
 * Tear the domain down. The marker goes first so that a xenopsd that dies
 * half-way finishes the job when it restarts (check-state acts on it).
 */
function shutdownAtoms(ctx: PlanContext, marker: DomainActionRequest, timeout?: number): Atom[] {
  const id = ctx.vm.id;
  return [
    ...(timeout === undefined
      ? []
      : [{ op: 'VM_shutdown_domain', vm: id, reason: 'PowerOff', timeout } as const]),
    { op: 'VM_set_domain_action_request', vm: id, request: marker },
    { op: 'best_effort', atom: { op: 'VM_pause', vm: id } },
    { op: 'VM_destroy_device_model', vm: id },
    ...group('parallel', 'Devices.unplug', [
      ...byName(ctx.vbds).map((v): Atom => ({ op: 'VBD_unplug', id: v.id, force: true })),
      ...byPosition(ctx.vifs).map((v): Atom => ({ op: 'VIF_unplug', id: v.id, force: true })),
      ...byPosition(ctx.pcis).map((p): Atom => ({ op: 'PCI_unplug', id: p.id, force: true })),
    ]),
    { op: 'VM_destroy', vm: id },
  ];
}

/** The same VM and devices under another id (a migration's temporary ids). */
function renamed(ctx: PlanContext, id: string): PlanContext {
  const dev = <T extends { readonly id: DeviceId }>(d: T): T => ({ ...d, id: [id, d.id[1]] });
  return {
    vm: { ...ctx.vm, id },
    vbds: ctx.vbds.map(dev),
    vifs: ctx.vifs.map(dev),
    pcis: ctx.pcis.map(dev),
  };
}

/**
 * Sender side of a live migration (daemons.md §1.11). Until VM_remote_complete the
 * guest runs here and any failure or cancellation abandons the migration; from
 * there on (the point of no return) the VM runs at the destination and what is
 * left is cleaning up the source domain. Between two xenopsds the VM keeps its id
 * on both sides (as the toolstacks above expect); to this same xenopsd it arrives
 * under a temporary id and the receiver swaps the ids, the source domain ending
 * under its own temporary id.
 */
function migrateAtoms(ctx: PlanContext, target: MigrationTarget, local: boolean): Atom[] {
  const id = ctx.vm.id;
  const ids = migrationIds(id);
  const dst = local ? ids.dst : id;
  const old = local ? renamed(ctx, ids.src) : ctx;
  const oldId = old.vm.id;
  return [
    { op: 'VM_hook_script', vm: id, hook: 'vm-pre-migrate', reason: 'source' },
    { op: 'VM_remote_import', vm: id, target, tmp: dst },
    { op: 'VM_remote_receive', vm: id, url: target.url, tmp: dst },
    { op: 'VM_migrate_send', vm: id },
    { op: 'VM_remote_complete', vm: id, url: target.url, tmp: dst },
    ...(local ? [{ op: 'VM_rename', vm: id, to: ids.src } as const] : []),
    { op: 'VM_hook_script', vm: oldId, hook: 'vm-pre-shutdown', reason: 'source' },
    ...shutdownAtoms(old, 'Needs_suspend'),
    ...deactivateDevices(old),
    { op: 'VM_hook_script', vm: oldId, hook: 'vm-post-destroy', reason: 'source' },
    { op: 'VM_remove', vm: oldId },
  ];
}

/** Receiver, first half: a domain with the VM's devices, waiting for the stream. */
function receiveAtoms(ctx: PlanContext): Atom[] {
  const id = ctx.vm.id;
  return [
    // A receiver that dies half-way finds this marker and tears the domain down. It is
    // Needs_suspend, not Needs_poweroff: the guest's state lives at the source, so the
    // copy must never be restarted here, whatever the VM's on_shutdown says.
    { op: 'VM_create', vm: id, actionRequest: 'Needs_suspend' },
    ...plugDevices(ctx, 'Devices.restore'),
    ...plugPcis(ctx),
    { op: 'VM_receive_prepare', vm: id },
  ];
}

/** Receiver, second half: the stream has ended; run the guest, then take the real id. */
function receiveCompleteAtoms(ctx: PlanContext, finalId: string): Atom[] {
  const id = ctx.vm.id;
  return [
    { op: 'VM_receive_wait', vm: id },
    { op: 'VM_set_domain_action_request', vm: id },
    { op: 'VM_unpause', vm: id },
    // On one xenopsd (same host) the source still holds `finalId`: both renames happen at once.
    ...(id === finalId
      ? []
      : [{ op: 'VM_rename', vm: id, to: finalId, displaced: migrationIds(finalId).src } as const]),
    {
      op: 'best_effort',
      atom: { op: 'VM_hook_script', vm: finalId, hook: 'vm-post-migrate', reason: 'destination' },
    },
  ];
}

/** The plan of an operation. VM_check_state is decided at run time and has no static plan. */
export function planOperation(op: Operation, ctx: PlanContext): Atom[] {
  const id = ctx.vm.id;
  switch (op.op) {
    case 'VM_start':
      return startAtoms(ctx, op.force);
    case 'VM_shutdown':
      return shutdownAtoms(ctx, 'Needs_poweroff', op.timeout);
    case 'VM_poweroff': {
      const reason = op.timeout === undefined ? 'hard-shutdown' : 'clean-shutdown';
      return [
        { op: 'VM_hook_script', vm: id, hook: 'vm-pre-shutdown', reason },
        ...shutdownAtoms(ctx, 'Needs_poweroff', op.timeout),
        ...deactivateDevices(ctx),
        { op: 'VM_hook_script', vm: id, hook: 'vm-post-destroy', reason },
      ];
    }
    case 'VM_reboot': {
      const reason = op.timeout === undefined ? 'hard-reboot' : 'clean-reboot';
      return [
        ...(op.timeout === undefined
          ? []
          : [{ op: 'VM_shutdown_domain', vm: id, reason: 'Reboot', timeout: op.timeout } as const]),
        { op: 'VM_hook_script', vm: id, hook: 'vm-pre-shutdown', reason },
        ...shutdownAtoms(ctx, 'Needs_reboot'),
        { op: 'VM_hook_script', vm: id, hook: 'vm-post-destroy', reason },
        { op: 'VM_hook_script', vm: id, hook: 'vm-pre-reboot', reason },
        ...startAtoms(ctx, false),
        { op: 'VM_unpause', vm: id },
      ];
    }
    case 'VM_suspend':
      return [
        { op: 'VM_hook_script', vm: id, hook: 'vm-pre-suspend', reason: 'suspend' },
        { op: 'VM_save', vm: id, live: false, disk: op.disk },
        { op: 'VM_hook_script', vm: id, hook: 'vm-pre-shutdown', reason: 'suspend' },
        ...shutdownAtoms(ctx, 'Needs_suspend'),
        ...deactivateDevices(ctx),
        { op: 'VM_hook_script', vm: id, hook: 'vm-post-destroy', reason: 'suspend' },
      ];
    case 'VM_resume':
      return [
        { op: 'VM_create', vm: id, actionRequest: 'Needs_suspend' },
        { op: 'VM_hook_script', vm: id, hook: 'vm-pre-resume', reason: 'none' },
        { op: 'VM_restore', vm: id, disk: op.disk },
        ...plugDevices(ctx, 'Devices.restore'),
        { op: 'VM_create_device_model', vm: id, saveState: true },
        ...plugPcis(ctx),
        { op: 'VM_set_domain_action_request', vm: id },
        { op: 'VM_hook_script', vm: id, hook: 'vm-post-resume', reason: 'none' },
      ];
    case 'VM_migrate':
      return migrateAtoms(ctx, op.target, op.local ?? false);
    case 'VM_receive_memory':
      return receiveAtoms(ctx);
    case 'VM_receive_complete':
      return receiveCompleteAtoms(ctx, op.finalId);
    case 'Device_hotplug':
      return op.kind === 'PCI'
        ? [{ op: 'PCI_plug', id: op.id }]
        : [
            { op: op.kind === 'VBD' ? 'VBD_set_active' : 'VIF_set_active', id: op.id, active: true },
            { op: op.kind === 'VBD' ? 'VBD_plug' : 'VIF_plug', id: op.id },
          ];
    case 'Device_hotunplug':
      return op.kind === 'PCI'
        ? [{ op: 'PCI_unplug', id: op.id, force: op.force }]
        : [
            { op: op.kind === 'VBD' ? 'VBD_unplug' : 'VIF_unplug', id: op.id, force: op.force },
            { op: op.kind === 'VBD' ? 'VBD_set_active' : 'VIF_set_active', id: op.id, active: false },
          ];
    case 'VM_snapshot_disks':
      // one switch per disk, in the order given
      return group(
        'serial',
        'VM.snapshot_disks',
        op.disks.map((d): Atom => ({ op: 'VBD_snapshot', id: [id, d.vbd], disk: d.disk, format: d.format })),
      );
    case 'Atomic':
      return [op.atom];
    case 'VM_check_state':
    case 'Device_check_state':
      return [];
  }
}
