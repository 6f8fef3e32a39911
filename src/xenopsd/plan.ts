// The vocabulary of work: operations (what clients queue, one task each) and
// atoms (one backend call each, no branching), with the serial, parallel and
// best-effort combinators. Plain data, so plans can be snapshot-tested.
import type { VmTrigger } from '../idl/vm-signals.js';
import type {
  DeviceId,
  Disk,
  DiskSnapshot,
  DomainActionRequest,
  Ipv4Configuration,
  Ipv6Configuration,
  LockingMode,
  Network,
  PowerState,
  Qos,
  ShutdownRequest,
} from './types.js';

export type HookName =
  | 'vm-pre-shutdown'
  | 'vm-pre-migrate'
  | 'vm-post-migrate'
  | 'vm-pre-suspend'
  | 'vm-pre-start'
  | 'vm-pre-reboot'
  | 'vm-pre-resume'
  | 'vm-post-resume'
  | 'vm-post-destroy';

export type HookReason =
  | 'clean-shutdown'
  | 'hard-shutdown'
  | 'clean-reboot'
  | 'hard-reboot'
  | 'suspend'
  | 'source'
  | 'destination'
  | 'none';

/** Where a migration sends the VM: another xenopsd, and how devices map there. */
export interface MigrationTarget {
  readonly url: string;
  readonly vdiMap: Readonly<Record<string, string>>;
  readonly vifMap: Readonly<Record<string, string>>;
  readonly pciMap: Readonly<Record<string, string>>;
}

export type Atom =
  | {
      readonly op: 'serial' | 'parallel' | 'nested_parallel';
      readonly desc: string;
      readonly atoms: readonly Atom[];
    }
  | { readonly op: 'best_effort'; readonly atom: Atom }
  | {
      readonly op: 'VM_hook_script';
      readonly vm: string;
      readonly hook: HookName;
      readonly reason: HookReason;
    }
  | { readonly op: 'VM_create'; readonly vm: string; readonly actionRequest?: DomainActionRequest }
  | { readonly op: 'VM_build'; readonly vm: string; readonly force: boolean }
  | { readonly op: 'VM_create_device_model'; readonly vm: string; readonly saveState: boolean }
  | { readonly op: 'VM_destroy_device_model' | 'VM_destroy' | 'VM_pause' | 'VM_unpause'; readonly vm: string }
  | { readonly op: 'VM_remove' | 'VM_resume_in_place'; readonly vm: string }
  | {
      readonly op: 'VM_shutdown_domain';
      readonly vm: string;
      readonly reason: ShutdownRequest;
      readonly timeout: number;
    }
  | { readonly op: 'VM_save'; readonly vm: string; readonly live: boolean; readonly disk: Disk }
  | { readonly op: 'VM_restore'; readonly vm: string; readonly disk: Disk }
  | { readonly op: 'VM_delay'; readonly vm: string; readonly seconds: number }
  | {
      readonly op: 'VM_set_domain_action_request';
      readonly vm: string;
      readonly request?: DomainActionRequest;
    }
  | { readonly op: 'VM_set_vcpus'; readonly vm: string; readonly n: number }
  | {
      readonly op: 'VM_set_scheduler_params';
      readonly vm: string;
      readonly weight: number;
      readonly cap: number;
    }
  | { readonly op: 'VM_send_sysrq'; readonly vm: string; readonly key: string }
  | { readonly op: 'VM_send_trigger'; readonly vm: string; readonly trigger: VmTrigger }
  | { readonly op: 'VM_set_shadow_multiplier'; readonly vm: string; readonly multiplier: number }
  | {
      readonly op: 'VM_set_memory_dynamic_range';
      readonly vm: string;
      readonly min: number;
      readonly max: number;
    }
  // Live migration, sender side: the receiving xenopsd imports the VM under `tmp`,
  // prepares a domain and says where to stream; the stream; the commit (point of no return).
  | {
      readonly op: 'VM_remote_import';
      readonly vm: string;
      readonly target: MigrationTarget;
      readonly tmp: string;
    }
  | {
      readonly op: 'VM_remote_receive' | 'VM_remote_complete';
      readonly vm: string;
      readonly url: string;
      readonly tmp: string;
    }
  | { readonly op: 'VM_migrate_send'; readonly vm: string }
  // Receiver side: a domain waiting for the stream, then the wait for its end.
  | { readonly op: 'VM_receive_prepare' | 'VM_receive_wait'; readonly vm: string }
  /** Give VM `vm` the id `to`; if `to` is taken by a live VM, that one becomes `displaced` at the same instant. */
  | { readonly op: 'VM_rename'; readonly vm: string; readonly to: string; readonly displaced?: string }
  | { readonly op: 'VBD_set_active' | 'VIF_set_active'; readonly id: DeviceId; readonly active: boolean }
  | { readonly op: 'VBD_plug' | 'VIF_plug' | 'PCI_plug' | 'VBD_eject'; readonly id: DeviceId }
  | {
      readonly op: 'VBD_unplug' | 'VIF_unplug' | 'PCI_unplug';
      readonly id: DeviceId;
      readonly force: boolean;
    }
  | { readonly op: 'VBD_insert'; readonly id: DeviceId; readonly disk: Disk }
  /** Grow a plugged disk of a live domain (VBD.resize). */
  | { readonly op: 'VBD_resize'; readonly id: DeviceId; readonly size: number }
  | { readonly op: 'VIF_set_carrier'; readonly id: DeviceId; readonly carrier: boolean }
  | { readonly op: 'VIF_set_locking_mode'; readonly id: DeviceId; readonly mode: LockingMode }
  /** The host side of a NIC onto another network (VIF.move). */
  | { readonly op: 'VIF_move'; readonly id: DeviceId; readonly network: Network }
  /** Addresses stored for the guest agent: xenopsd records them, no backend call. */
  | {
      readonly op: 'VIF_set_ip_configuration';
      readonly id: DeviceId;
      readonly ipv4?: Ipv4Configuration;
      readonly ipv6?: Ipv6Configuration;
    }
  | { readonly op: 'VBD_set_qos'; readonly id: DeviceId; readonly qos: Qos | undefined }
  /** Switch a plugged disk of a live domain onto the image now at its place (VM.snapshot_disks). */
  | { readonly op: 'VBD_snapshot'; readonly id: DeviceId; readonly disk: Disk; readonly format: string };

export type AtomOp = Atom['op'];
export type VbdSnapshotAtom = Extract<Atom, { readonly op: 'VBD_snapshot' }>;

export type DeviceKind = 'VBD' | 'VIF' | 'PCI';

export type Operation =
  | { readonly op: 'VM_start'; readonly id: string; readonly force: boolean }
  | {
      readonly op: 'VM_poweroff' | 'VM_shutdown' | 'VM_reboot';
      readonly id: string;
      readonly timeout?: number;
    }
  | { readonly op: 'VM_suspend' | 'VM_resume'; readonly id: string; readonly disk: Disk }
  /**
   * `local`: the destination is this same xenopsd (found out before planning), so the
   * VM travels under temporary ids; between two xenopsds it keeps its id throughout.
   */
  | {
      readonly op: 'VM_migrate';
      readonly id: string;
      readonly target: MigrationTarget;
      readonly local?: boolean;
    }
  /** The receiving half of a migration, on the VM's temporary id `id`; `finalId` is its real id. */
  | {
      readonly op: 'VM_receive_memory' | 'VM_receive_complete';
      readonly id: string;
      readonly finalId: string;
    }
  /** Switch plugged disks of a live VM onto the images a live snapshot put at their place. */
  | { readonly op: 'VM_snapshot_disks'; readonly id: string; readonly disks: readonly DiskSnapshot[] }
  | { readonly op: 'VM_check_state'; readonly id: string }
  | { readonly op: 'Device_hotplug'; readonly kind: DeviceKind; readonly id: DeviceId }
  | {
      readonly op: 'Device_hotunplug';
      readonly kind: DeviceKind;
      readonly id: DeviceId;
      readonly force: boolean;
    }
  | { readonly op: 'Device_check_state'; readonly kind: DeviceKind; readonly id: DeviceId }
  | { readonly op: 'Atomic'; readonly id: string; readonly atom: Atom };

/** The VM an operation belongs to: its queue tag. */
export function vmOfOperation(op: Operation): string {
  return 'kind' in op ? op.id[0] : op.id;
}

export type VmOperationKind =
  | 'start'
  | 'shutdown'
  | 'reboot'
  | 'suspend'
  | 'resume'
  | 'migrate'
  | 'pause'
  | 'unpause'
  | 'set_vcpus'
  | 'set_scheduler_params'
  | 'set_memory_dynamic_range'
  | 'send_sysrq'
  | 'send_trigger'
  | 'set_shadow_multiplier'
  | 'remove'
  | 'device_hotplug'
  | 'device_media';

/** In which power states each VM operation may run: one total table. */
export const allowedPowerStates = {
  start: ['Halted'],
  shutdown: ['Running', 'Paused'],
  reboot: ['Running', 'Paused'],
  suspend: ['Running'],
  resume: ['Suspended', 'Halted'],
  migrate: ['Running'],
  pause: ['Running'],
  unpause: ['Paused'],
  set_vcpus: ['Running', 'Paused'],
  set_scheduler_params: ['Running', 'Paused'],
  set_memory_dynamic_range: ['Running', 'Paused'],
  send_sysrq: ['Running'],
  send_trigger: ['Running'],
  set_shadow_multiplier: ['Running', 'Paused'],
  remove: ['Halted', 'Suspended'],
  device_hotplug: ['Running', 'Paused'],
  device_media: ['Running', 'Paused'],
} as const satisfies Record<VmOperationKind, readonly PowerState[]>;

/** Progress weight of an atom: moving memory dominates everything else. */
export function weightOf(atom: Atom): number {
  switch (atom.op) {
    case 'serial':
    case 'parallel':
    case 'nested_parallel':
      return atom.atoms.reduce((s, a) => s + weightOf(a), 0);
    case 'best_effort':
      return weightOf(atom.atom);
    case 'VM_save':
    case 'VM_restore':
    case 'VM_migrate_send':
      return 10;
    default:
      return 1;
  }
}

/** The number of leaf atoms (each begins with a cancel point). */
export function leavesOf(atom: Atom): number {
  switch (atom.op) {
    case 'serial':
    case 'parallel':
    case 'nested_parallel':
      return atom.atoms.reduce((s, a) => s + leavesOf(a), 0);
    case 'best_effort':
      return leavesOf(atom.atom);
    default:
      return 1;
  }
}
