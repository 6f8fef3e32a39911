// The xenops data types, kept close to the original xenops_types.ml so that
// xapi can build them from XenAPI records. Values are in their wire form:
// variants with a payload are `[Tag, payload]`, without one a bare `"Tag"`,
// optional record fields are simply absent.

export type PowerState = 'Running' | 'Halted' | 'Suspended' | 'Paused';
export const powerStates: readonly PowerState[] = ['Running', 'Halted', 'Suspended', 'Paused'];

/** A disk: a dom0 path or an SR-relative VDI location `"<sr>/<location>"`. */
export type Disk = readonly ['Local', string] | readonly ['VDI', string];

/** What to do after a guest-initiated shutdown, reboot or crash. */
export type VmAction = 'Coredump' | 'Shutdown' | 'Start' | 'Pause' | 'Softreboot';

export type Firmware =
  'Bios' | readonly ['Uefi', { readonly on_boot: 'Persist' | 'Reset'; readonly backend: string }];
export type Video = 'Cirrus' | 'Standard_VGA' | 'Vgpu' | readonly ['IGD_passthrough', 'GVT_d'];

export interface HvmInfo {
  readonly hap: boolean;
  readonly shadow_multiplier: number;
  readonly timeoffset: string;
  readonly video_mib: number;
  readonly video: Video;
  readonly acpi: boolean;
  readonly serial?: string;
  readonly keymap?: string;
  readonly vnc_ip?: string;
  readonly pci_emulations: readonly string[];
  readonly pci_passthrough: boolean;
  readonly boot_order: string;
  readonly qemu_disk_cmdline: boolean;
  readonly qemu_stubdom: boolean;
  readonly firmware: Firmware;
  readonly tpm?: readonly ['Vtpm', string];
}

export interface DirectBoot {
  readonly kernel: string;
  readonly cmdline: string;
  readonly ramdisk?: string;
}
export interface IndirectBoot {
  readonly bootloader: string;
  readonly extra_args: string;
  readonly legacy_args: string;
  readonly bootloader_args: string;
  readonly devices: readonly Disk[];
}
export interface PvInfo {
  readonly boot: readonly ['Direct', DirectBoot] | readonly ['Indirect', IndirectBoot];
  readonly framebuffer: boolean;
  readonly framebuffer_ip?: string;
  readonly vncterm: boolean;
  readonly vncterm_ip?: string;
  readonly pci_passthrough: boolean;
}
export type BuilderInfo =
  | readonly ['HVM', HvmInfo]
  | readonly ['PV', PvInfo]
  | readonly ['PVinPVH', PvInfo]
  | readonly ['PVH', PvInfo];

export type StringMap = Readonly<Record<string, string>>;

/** VM configuration: what to use on the next start. Memory sizes are in bytes. */
export interface Vm {
  readonly id: string;
  readonly name: string;
  readonly ssidref: number;
  readonly xsdata: StringMap;
  readonly platformdata: StringMap;
  readonly bios_strings: StringMap;
  readonly ty: BuilderInfo;
  readonly memory_static_max: number;
  readonly memory_dynamic_max: number;
  readonly memory_dynamic_min: number;
  readonly vcpu_max: number;
  readonly vcpus: number;
  readonly scheduler_params: {
    readonly priority?: readonly [number, number];
    readonly affinity: readonly (readonly number[])[];
  };
  readonly on_crash: readonly VmAction[];
  readonly on_shutdown: readonly VmAction[];
  readonly on_reboot: readonly VmAction[];
  readonly on_softreboot: readonly VmAction[];
  readonly pci_msitranslate: boolean;
  readonly pci_power_mgmt: boolean;
  readonly has_vendor_device: boolean;
  readonly generation_id?: string;
}

export interface Console {
  readonly protocol: 'Rfb' | 'Vt100';
  readonly port: number;
  readonly path: string;
}

export type DomainType = 'Domain_HVM' | 'Domain_PV' | 'Domain_PVinPVH' | 'Domain_PVH' | 'Domain_undefined';

/** VM runtime state, read from the backend (never cached by xenopsd). */
export interface VmState {
  readonly power_state: PowerState;
  readonly domids: readonly number[];
  readonly consoles: readonly Console[];
  readonly memory_target: number;
  readonly memory_actual: number;
  readonly memory_limit: number;
  readonly vcpu_target: number;
  readonly shadow_multiplier_target: number;
  readonly rtc_timeoffset: string;
  readonly uncooperative_balloon_driver: boolean;
  readonly guest_agent: StringMap;
  readonly xsdata_state: StringMap;
  readonly pv_drivers_detected: boolean;
  readonly last_start_time: number;
  readonly hvm: boolean;
  readonly nomigrate: boolean;
  readonly nested_virt: boolean;
  readonly domain_type: DomainType;
  readonly featureset: string;
}

export const haltedVmState: VmState = {
  power_state: 'Halted',
  domids: [],
  consoles: [],
  memory_target: 0,
  memory_actual: 0,
  memory_limit: 0,
  vcpu_target: 0,
  shadow_multiplier_target: 0,
  rtc_timeoffset: '',
  uncooperative_balloon_driver: false,
  guest_agent: {},
  xsdata_state: {},
  pv_drivers_detected: false,
  last_start_time: 0,
  hvm: false,
  nomigrate: false,
  nested_virt: false,
  domain_type: 'Domain_undefined',
  featureset: '',
};

/** A device id: the owning VM and the device's name within it. */
export type DeviceId = readonly [vm: string, name: string];

export type Bus = 'Xen' | 'Scsi' | 'Floppy' | 'Ide';
/** `[bus, disk, partition]`, e.g. `["Xen", 0, 0]` for xvda. */
export type DeviceNumber = readonly [Bus, number, number];

export type IoniceClass = 'Highest' | 'High' | 'Normal' | 'Low' | 'Lowest' | readonly ['Other', number];
export type Qos = readonly ['Ionice', readonly ['RealTime' | 'BestEffort', IoniceClass] | 'Idle'];

export interface Vbd {
  readonly id: DeviceId;
  readonly position?: DeviceNumber;
  readonly mode: 'ReadOnly' | 'ReadWrite';
  /** Absent for an empty CD drive. */
  readonly backend?: Disk;
  readonly ty: 'CDROM' | 'Disk' | 'Floppy';
  readonly unpluggable: boolean;
  readonly extra_backend_keys: StringMap;
  readonly extra_private_keys: StringMap;
  readonly qos?: Qos;
  readonly persistent: boolean;
  readonly can_attach_early: boolean;
}

export interface VbdState {
  readonly active: boolean;
  readonly plugged: boolean;
  readonly qos_target?: Qos;
  readonly backend_present?: Disk;
  /** The device number the backend gave the disk while plugged. */
  readonly device_number?: DeviceNumber;
}

export type Network =
  readonly ['Local', string] | readonly ['Remote', readonly [string, string]] | readonly ['Sriov', string];

export type LockingMode =
  | 'Unlocked'
  | 'Disabled'
  | readonly ['Locked', { readonly ipv4: readonly string[]; readonly ipv6: readonly string[] }];

export type Ipv4Configuration =
  'Unspecified4' | 'DHCP4' | readonly ['Static4', readonly [readonly string[], string?]];
export type Ipv6Configuration =
  'Unspecified6' | 'DHCP6' | readonly ['Static6', readonly [readonly string[], string?]];

export interface Vif {
  readonly id: DeviceId;
  readonly position: number;
  readonly mac: string;
  readonly carrier: boolean;
  readonly mtu: number;
  readonly rate?: readonly [number, number];
  readonly backend: Network;
  readonly other_config: StringMap;
  readonly locking_mode: LockingMode;
  readonly extra_private_keys: StringMap;
  readonly ipv4_configuration: Ipv4Configuration;
  readonly ipv6_configuration: Ipv6Configuration;
  readonly vlan?: number;
  readonly trunks: readonly number[];
}

export interface VifState {
  readonly active: boolean;
  readonly plugged: boolean;
  readonly kthread_pid: number;
  readonly media_present: boolean;
  readonly device?: string;
  readonly pvs_rules_active: boolean;
}

export interface PciAddress {
  readonly domain: number;
  readonly bus: number;
  readonly dev: number;
  readonly fn: number;
}

export interface Pci {
  readonly id: DeviceId;
  readonly position: number;
  readonly address: PciAddress;
  readonly msitranslate?: boolean;
  readonly power_mgmt?: boolean;
}

export interface PciState {
  readonly plugged: boolean;
}

/** Exported VM metadata: configs plus the backend's opaque internal state. */
export interface Metadata {
  readonly vm: Vm;
  readonly vbds: readonly Vbd[];
  readonly vifs: readonly Vif[];
  readonly pcis: readonly Pci[];
  readonly domains?: string;
}

/** "Something changed" ids delivered by UPDATES.get. */
export type DynamicId =
  | readonly ['Vm', string]
  | readonly ['Vbd', DeviceId]
  | readonly ['Vif', DeviceId]
  | readonly ['Pci', DeviceId]
  | readonly ['Task', string];

export type Barrier = readonly [number, readonly DynamicId[]];

export type ShutdownRequest = 'Halt' | 'Reboot' | 'PowerOff' | 'Suspend';

/** Why a domain needs xenopsd's attention. */
export type DomainActionRequest =
  'Needs_poweroff' | 'Needs_reboot' | 'Needs_suspend' | 'Needs_crashdump' | 'Needs_softreset';

export type DeviceActionRequest = 'Needs_unplug' | 'Needs_set_qos';

export interface HostStat {
  readonly cpu_info: {
    readonly cpu_count: number;
    readonly socket_count: number;
    readonly threads_per_core: number;
    readonly nr_nodes: number;
    readonly vendor: string;
    readonly speed: string;
    readonly modelname: string;
    readonly family: string;
    readonly model: string;
    readonly stepping: string;
    readonly flags: string;
    readonly features: string;
    readonly features_pv: string;
    readonly features_hvm: string;
    readonly features_pv_host: string;
    readonly features_hvm_host: string;
  };
  readonly hypervisor: { readonly version: string; readonly capabilities: string };
  readonly chipset_info: { readonly iommu: boolean; readonly hvm: boolean };
}

export type TaskState =
  | readonly ['Pending', number]
  | readonly ['Completed', { readonly duration: number; readonly result?: unknown }]
  | readonly ['Failed', readonly string[]];

export interface TaskInfo {
  readonly id: string;
  readonly dbg: string;
  readonly ctime: number;
  readonly state: TaskState;
  readonly subtasks: readonly (readonly [string, TaskState])[];
  readonly debug_info: StringMap;
  readonly backtrace: string;
  readonly cancellable: boolean;
}

export interface QueryResult {
  readonly name: string;
  readonly vendor: string;
  readonly version: string;
  readonly features: readonly string[];
  readonly instance_id: string;
}

/** Plausible per-VM statistics for the metrics daemon. */
export interface VmStats {
  readonly vm: string;
  readonly domid: number;
  readonly vcpu_time_ns: readonly number[];
  readonly memory_actual: number;
  readonly memory_internal_free: number;
  readonly vbds: readonly {
    readonly name: string;
    readonly read_bytes: number;
    readonly write_bytes: number;
  }[];
  readonly vifs: readonly { readonly name: string; readonly rx_bytes: number; readonly tx_bytes: number }[];
}
