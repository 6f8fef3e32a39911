// The xenops data types, declared once as IDL codecs: each gives the
// TypeScript type, the validating decoder (absent fields take the original's
// defaults) and the wire encoding. Kept close to the original xenops_types.ml
// so that xapi can build them from XenAPI records. They belong to the
// interface (src/idl/xenops.ts), not to xenopsd: xapi, rrdd and xenopsd all
// speak them.
import * as t from './types.js';
import type { TypeOf } from './types.js';

const n = <T>(name: string, doc: string, c: t.Codec<T>): t.Codec<T> => t.named(name, doc, c);
const d = t.withDefault;
const strings = t.dict(t.string);

export const PowerStateC = n(
  'power_state',
  'Power state of a VM.',
  t.enumeration('Running', 'Halted', 'Suspended', 'Paused'),
);
export type PowerState = TypeOf<typeof PowerStateC>;
export const powerStates: readonly PowerState[] = ['Running', 'Halted', 'Suspended', 'Paused'];

export const DiskC = n(
  'disk',
  'A dom0 path, or an SR-relative VDI location "<sr>/<location>".',
  t.variant({ Local: t.string, VDI: t.string }),
);
export type Disk = TypeOf<typeof DiskC>;

export const VmActionC = n(
  'action',
  'What to do after a guest-initiated shutdown, reboot or crash.',
  t.enumeration('Coredump', 'Shutdown', 'Start', 'Pause', 'Softreboot'),
);
export type VmAction = TypeOf<typeof VmActionC>;

const FirmwareC = t.variant({
  Bios: null,
  Uefi: t.record({ on_boot: t.enumeration('Persist', 'Reset'), backend: d(t.string, 'xapidb') }),
});
const VideoC = t.variant({
  Cirrus: null,
  Standard_VGA: null,
  Vgpu: null,
  IGD_passthrough: t.enumeration('GVT_d'),
});

export const HvmInfoC = n(
  'hvm_info',
  'How to build an HVM guest.',
  t.record({
    hap: d(t.bool, true),
    shadow_multiplier: d(t.float, 1),
    timeoffset: d(t.string, ''),
    video_mib: d(t.int, 4),
    video: d(VideoC, 'Cirrus' as TypeOf<typeof VideoC>),
    acpi: d(t.bool, true),
    serial: t.option(t.string),
    keymap: t.option(t.string),
    vnc_ip: t.option(t.string),
    pci_emulations: d(t.array(t.string), []),
    pci_passthrough: d(t.bool, false),
    boot_order: d(t.string, 'cd'),
    qemu_disk_cmdline: d(t.bool, false),
    qemu_stubdom: d(t.bool, false),
    firmware: d(FirmwareC, 'Bios' as TypeOf<typeof FirmwareC>),
    tpm: t.option(t.variant({ Vtpm: t.string })),
  }),
);
export type HvmInfo = TypeOf<typeof HvmInfoC>;

const BootC = t.variant({
  Direct: t.record({ kernel: t.string, cmdline: d(t.string, ''), ramdisk: t.option(t.string) }),
  Indirect: t.record({
    bootloader: t.string,
    extra_args: d(t.string, ''),
    legacy_args: d(t.string, ''),
    bootloader_args: d(t.string, ''),
    devices: d(t.array(DiskC), []),
  }),
});

export const PvInfoC = n(
  'pv_info',
  'How to build a PV(H) guest.',
  t.record({
    boot: BootC,
    framebuffer: d(t.bool, false),
    framebuffer_ip: t.option(t.string),
    vncterm: d(t.bool, true),
    vncterm_ip: t.option(t.string),
    pci_passthrough: d(t.bool, false),
  }),
);
export type PvInfo = TypeOf<typeof PvInfoC>;

export const BuilderInfoC = n(
  'builder_info',
  'The guest type and its build parameters.',
  t.variant({ HVM: HvmInfoC, PV: PvInfoC, PVinPVH: PvInfoC, PVH: PvInfoC }),
);
export type BuilderInfo = TypeOf<typeof BuilderInfoC>;

export const defaultHvmInfo: HvmInfo = HvmInfoC.decode({}, 'hvm_info');

export const VmC = n(
  'Vm.t',
  'VM configuration: what to use on the next start. Memory sizes are in bytes.',
  t.record({
    id: t.string,
    name: d(t.string, 'unnamed'),
    ssidref: d(t.int, 0),
    xsdata: d(strings, {}),
    platformdata: d(strings, {}),
    bios_strings: d(strings, {}),
    ty: d(BuilderInfoC, ['HVM', defaultHvmInfo] as BuilderInfo),
    memory_static_max: d(t.int, 2 ** 30),
    memory_dynamic_max: d(t.int, -1),
    memory_dynamic_min: d(t.int, -1),
    vcpu_max: d(t.int, 1),
    vcpus: d(t.int, -1),
    scheduler_params: d(
      t.record({ priority: t.option(t.tuple(t.int, t.int)), affinity: d(t.array(t.array(t.int)), []) }),
      {
        affinity: [],
      },
    ),
    on_crash: d(t.array(VmActionC), ['Start'] as VmAction[]),
    on_shutdown: d(t.array(VmActionC), ['Shutdown'] as VmAction[]),
    on_reboot: d(t.array(VmActionC), ['Start'] as VmAction[]),
    on_softreboot: d(t.array(VmActionC), ['Softreboot'] as VmAction[]),
    pci_msitranslate: d(t.bool, true),
    pci_power_mgmt: d(t.bool, false),
    has_vendor_device: d(t.bool, false),
    generation_id: t.option(t.string),
    /**
     * A UEFI guest's variable store (base64 of the gzipped store, as VM.NVRAM's
     * EFI-variables): the backend's own store is made equal to it at the next build.
     */
    nvram: t.option(t.string),
  }),
);
export type Vm = TypeOf<typeof VmC>;
export type StringMap = Record<string, string>;

export const ConsoleC = t.record({ protocol: t.enumeration('Rfb', 'Vt100'), port: t.int, path: t.string });
export type Console = TypeOf<typeof ConsoleC>;

export const DomainTypeC = t.enumeration(
  'Domain_HVM',
  'Domain_PV',
  'Domain_PVinPVH',
  'Domain_PVH',
  'Domain_undefined',
);
export type DomainType = TypeOf<typeof DomainTypeC>;

export const GuestEventC = n(
  'Vm.guest_event',
  "The last shutdown the guest asked for by itself, which xenopsd acted on (an extension of xapi's interface: xapi reads crashes and guest reboots from it).",
  t.record({
    /** What the domain asked for: poweroff (also halt), reboot, crash, suspend or softreset. */
    reason: t.enumeration('poweroff', 'reboot', 'crash', 'suspend', 'softreset'),
    /** When xenopsd saw it, seconds since the epoch. */
    time: t.float,
  }),
);
export type GuestEvent = TypeOf<typeof GuestEventC>;

export const VmStateC = n(
  'Vm.state',
  'VM runtime state, read from the backend (never cached by xenopsd).',
  t.record({
    power_state: PowerStateC,
    domids: t.array(t.int),
    consoles: t.array(ConsoleC),
    memory_target: t.int,
    memory_actual: t.int,
    memory_limit: t.int,
    vcpu_target: t.int,
    shadow_multiplier_target: t.float,
    rtc_timeoffset: t.string,
    uncooperative_balloon_driver: t.bool,
    guest_agent: strings,
    xsdata_state: strings,
    pv_drivers_detected: t.bool,
    last_start_time: t.float,
    hvm: t.bool,
    nomigrate: t.bool,
    nested_virt: t.bool,
    domain_type: DomainTypeC,
    featureset: t.string,
    /** Absent until the guest shuts down, reboots or crashes by itself while this xenopsd runs. */
    last_guest_event: t.option(GuestEventC),
  }),
);
export type VmState = TypeOf<typeof VmStateC>;

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

export const DeviceIdC = n(
  'device_id',
  'A device: its VM and its name within the VM.',
  t.tuple(t.string, t.string),
);
export type DeviceId = readonly [vm: string, name: string];

const BusC = t.enumeration('Xen', 'Scsi', 'Floppy', 'Ide');
export const DeviceNumberC = n(
  'device_number',
  '[bus, disk, partition], e.g. ["Xen", 0, 0] for xvda.',
  t.tuple(BusC, t.int, t.int),
);
export type DeviceNumber = TypeOf<typeof DeviceNumberC>;

const IoniceClassC = t.variant({
  Highest: null,
  High: null,
  Normal: null,
  Low: null,
  Lowest: null,
  Other: t.int,
});
const throttleLimit = t.option(t.int);
export const QosC = n(
  'Vbd.qos',
  "A disk's I/O QoS: xapi's ionice scheduling, or throttling limits (bytes/s, operations/s; a total excludes its read/write pair).",
  t.variant({
    Ionice: t.variant({ RealTime: IoniceClassC, BestEffort: IoniceClassC, Idle: null }),
    Throttle: t.record({
      bps: throttleLimit,
      bps_rd: throttleLimit,
      bps_wr: throttleLimit,
      iops: throttleLimit,
      iops_rd: throttleLimit,
      iops_wr: throttleLimit,
    }),
  }),
);
export type Qos = TypeOf<typeof QosC>;

export const VbdC = n(
  'Vbd.t',
  'A virtual disk: backend absent means an empty CD drive.',
  t.record({
    id: DeviceIdC,
    position: t.option(DeviceNumberC),
    mode: d(t.enumeration('ReadOnly', 'ReadWrite'), 'ReadWrite'),
    backend: t.option(DiskC),
    ty: d(t.enumeration('CDROM', 'Disk', 'Floppy'), 'Disk'),
    unpluggable: d(t.bool, true),
    extra_backend_keys: d(strings, {}),
    extra_private_keys: d(strings, {}),
    qos: t.option(QosC),
    persistent: d(t.bool, true),
    can_attach_early: d(t.bool, false),
  }),
);
export type Vbd = TypeOf<typeof VbdC>;

export const VbdStateC = n(
  'Vbd.state',
  'Whether the disk is active (reserved) and plugged.',
  t.record({
    active: t.bool,
    plugged: t.bool,
    qos_target: t.option(QosC),
    backend_present: t.option(DiskC),
    device_number: t.option(DeviceNumberC),
  }),
);
export type VbdState = TypeOf<typeof VbdStateC>;

export const NetworkC = n(
  'network',
  'Where a NIC is connected.',
  t.variant({ Local: t.string, Remote: t.tuple(t.string, t.string), Sriov: t.string }),
);
export type Network = TypeOf<typeof NetworkC>;

export const LockingModeC = n(
  'locking_mode',
  'Port locking of a NIC.',
  t.variant({
    Unlocked: null,
    Disabled: null,
    Locked: t.record({ ipv4: d(t.array(t.string), []), ipv6: d(t.array(t.string), []) }),
  }),
);
export type LockingMode = TypeOf<typeof LockingModeC>;

export const Ipv4C = t.variant({
  Unspecified4: null,
  DHCP4: null,
  Static4: t.tuple(t.array(t.string), t.option(t.string)),
});
export type Ipv4Configuration = TypeOf<typeof Ipv4C>;
export const Ipv6C = t.variant({
  Unspecified6: null,
  DHCP6: null,
  Static6: t.tuple(t.array(t.string), t.option(t.string)),
});

export type Ipv6Configuration = TypeOf<typeof Ipv6C>;

export const VifC = n(
  'Vif.t',
  'A virtual NIC. A mac of "" is derived from the VM and position, "random" is random.',
  t.record({
    id: DeviceIdC,
    position: d(t.int, 0),
    mac: d(t.string, ''),
    carrier: d(t.bool, true),
    mtu: d(t.int, 1500),
    rate: t.option(t.tuple(t.int, t.int)),
    backend: d(NetworkC, ['Local', 'xenbr0'] as Network),
    other_config: d(strings, {}),
    locking_mode: d(LockingModeC, 'Unlocked' as LockingMode),
    extra_private_keys: d(strings, {}),
    ipv4_configuration: d(Ipv4C, 'Unspecified4' as TypeOf<typeof Ipv4C>),
    ipv6_configuration: d(Ipv6C, 'Unspecified6' as TypeOf<typeof Ipv6C>),
    vlan: t.option(t.int),
    trunks: d(t.array(t.int), []),
  }),
);
export type Vif = TypeOf<typeof VifC>;

export const VifStateC = n(
  'Vif.state',
  'Whether the NIC is active and plugged, and its backend device.',
  t.record({
    active: t.bool,
    plugged: t.bool,
    kthread_pid: t.int,
    media_present: t.bool,
    device: t.option(t.string),
    pvs_rules_active: t.bool,
  }),
);
export type VifState = TypeOf<typeof VifStateC>;

export const PciAddressC = t.record({
  domain: d(t.int, 0),
  bus: d(t.int, 0),
  dev: d(t.int, 0),
  fn: d(t.int, 0),
});
export type PciAddress = TypeOf<typeof PciAddressC>;

export const PciC = n(
  'Pci.t',
  'A passed-through PCI device.',
  t.record({
    id: DeviceIdC,
    position: d(t.int, 0),
    address: PciAddressC,
    msitranslate: t.option(t.bool),
    power_mgmt: t.option(t.bool),
  }),
);
export type Pci = TypeOf<typeof PciC>;

export const PciStateC = n('Pci.state', 'Whether the device is plugged.', t.record({ plugged: t.bool }));
export type PciState = TypeOf<typeof PciStateC>;

export const MetadataC = n(
  'Metadata.t',
  "Exported VM metadata: configurations plus the backend's opaque internal state.",
  t.record({
    vm: VmC,
    vbds: d(t.array(VbdC), []),
    vifs: d(t.array(VifC), []),
    pcis: d(t.array(PciC), []),
    domains: t.option(t.string),
  }),
);
export type Metadata = TypeOf<typeof MetadataC>;

export const DynamicIdC = n(
  'Dynamic.id',
  'An object that changed, as reported by UPDATES.get.',
  t.variant({ Vm: t.string, Vbd: DeviceIdC, Vif: DeviceIdC, Pci: DeviceIdC, Task: t.string }),
);
export type DynamicId =
  | readonly ['Vm', string]
  | readonly ['Vbd', DeviceId]
  | readonly ['Vif', DeviceId]
  | readonly ['Pci', DeviceId]
  | readonly ['Task', string];

export const BarrierC = t.tuple(t.int, t.array(DynamicIdC));
export type Barrier = readonly [number, readonly DynamicId[]];

export const HostStatC = n(
  'Host.t',
  'The host: CPUs, hypervisor and chipset.',
  t.record({
    cpu_info: t.record({
      cpu_count: t.int,
      socket_count: t.int,
      threads_per_core: t.int,
      nr_nodes: t.int,
      vendor: t.string,
      speed: t.string,
      modelname: t.string,
      family: t.string,
      model: t.string,
      stepping: t.string,
      flags: t.string,
      features: t.string,
      features_pv: t.string,
      features_hvm: t.string,
      features_pv_host: t.string,
      features_hvm_host: t.string,
    }),
    hypervisor: t.record({ version: t.string, capabilities: t.string }),
    chipset_info: t.record({ iommu: t.bool, hvm: t.bool }),
  }),
);
export type HostStat = TypeOf<typeof HostStatC>;

export const TaskStateC = n(
  'Task.state',
  'Pending with progress 0..1, Completed with duration and optional result, or Failed with the error ([code, ...params]).',
  t.variant({
    Pending: t.float,
    Completed: t.record({ duration: t.float, result: t.option(t.json) }),
    Failed: t.array(t.string),
  }),
);
export type TaskState = TypeOf<typeof TaskStateC>;

export const TaskInfoC = n(
  'Task.t',
  'A task: one queued operation.',
  t.record({
    id: t.string,
    dbg: t.string,
    ctime: t.float,
    state: TaskStateC,
    subtasks: t.array(t.tuple(t.string, TaskStateC)),
    debug_info: strings,
    backtrace: t.string,
    cancellable: t.bool,
  }),
);
export type TaskInfo = TypeOf<typeof TaskInfoC>;

export const QueryC = n(
  'Query.t',
  'Who answers: instance_id changes at every process start.',
  t.record({
    name: t.string,
    vendor: t.string,
    version: t.string,
    features: t.array(t.string),
    instance_id: t.string,
  }),
);
export type QueryResult = TypeOf<typeof QueryC>;

/**
 * The backend's counters for one running VM (the metrics daemon turns them into
 * rates). memory_internal_free is 0 or less when the guest does not report it;
 * read_reqs and write_reqs (completed requests, for IOPS) only when the backend counts them.
 */
export const VmStatsC = t.named(
  'Vm.stats',
  'Cumulative counters of a running domain: vCPU time (ns), memory (bytes), per-VBD bytes and per-VIF bytes.',
  t.record({
    vm: t.string,
    domid: t.int,
    vcpu_time_ns: t.array(t.float),
    memory_actual: t.float,
    memory_internal_free: t.float,
    vbds: t.array(
      t.record({
        name: t.string,
        read_bytes: t.float,
        write_bytes: t.float,
        read_reqs: t.option(t.float),
        write_reqs: t.option(t.float),
      }),
    ),
    vifs: t.array(t.record({ name: t.string, rx_bytes: t.float, tx_bytes: t.float })),
  }),
);
export type VmStats = TypeOf<typeof VmStatsC>;

export const DiskSnapshotC = n(
  'Vbd.snapshot',
  "One disk of a live snapshot: the VBD (by name), the image now at the disk's place (an overlay on what the device has open) and its format.",
  t.record({ vbd: t.string, disk: DiskC, format: t.string }),
);
export type DiskSnapshot = TypeOf<typeof DiskSnapshotC>;
