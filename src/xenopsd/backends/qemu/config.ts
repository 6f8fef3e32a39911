// What the QEMU backend needs to start one VM: a config close to xenopsd's VM, VBD
// and VIF types (daemons.md §1.3), and the host's capabilities. argv.ts turns the
// pair into a QEMU command line without touching the system.

export type Bytes = number;

export interface MemoryConfig {
  /** Guest RAM size (`-m`); must be a whole number of MiB. */
  readonly staticMax: Bytes;
  /** Balloon target range; applied over QMP after start, checked here. */
  readonly dynamicMax: Bytes;
  readonly dynamicMin: Bytes;
}

export interface VcpuConfig {
  /** Hot-pluggable slots (`maxcpus`). */
  readonly max: number;
  readonly atStartup: number;
}

export type BootDevice = 'cdrom' | 'disk' | 'network';

export type BootConfig =
  /** SeaBIOS; `order` gives boot priority by device class (first device of each class). */
  | { readonly kind: 'bios'; readonly order?: readonly BootDevice[] }
  /**
   * OVMF; `varsPath` is this VM's own copy of the NVRAM template (see HostCaps.ovmfVarsTemplate).
   * With `kernel`, OVMF boots it through fw_cfg (a bzImage: its EFI stub; not a PVH vmlinux).
   */
  | {
      readonly kind: 'uefi';
      readonly varsPath: string;
      readonly order?: readonly BootDevice[];
      readonly secureBoot?: boolean;
      readonly kernel?: string;
      readonly initrd?: string;
      readonly cmdline?: string;
    }
  /** Direct kernel boot; an uncompressed vmlinux with a PVH note boots fastest. */
  | { readonly kind: 'direct'; readonly kernel: string; readonly initrd?: string; readonly cmdline?: string };

export interface IoLimits {
  readonly bpsTotal?: number;
  readonly bpsRead?: number;
  readonly bpsWrite?: number;
  readonly iopsTotal?: number;
  readonly iopsRead?: number;
  readonly iopsWrite?: number;
}

export interface DiskConfig {
  /** The VBD's device name, e.g. `xvda`; unique within the VM. */
  readonly id: string;
  readonly kind: 'disk' | 'cdrom';
  /** Image path; absent means an empty CD-ROM drive. */
  readonly path?: string;
  readonly format?: 'qcow2' | 'raw';
  readonly mode: 'RO' | 'RW';
  readonly qos?: IoLimits;
  /** Serial number shown to the guest. */
  readonly serial?: string;
}

export type NicBackend =
  /** A tap device the caller creates and attaches to `bridge` (QEMU only opens it). */
  | { readonly kind: 'bridge'; readonly bridge: string; readonly tap: string }
  /** QEMU's user-mode network (slirp); `restrict` keeps the guest off the host's networks. */
  | { readonly kind: 'user'; readonly restrict?: boolean };

export interface NicConfig {
  /** The VIF's device number; unique within the VM. */
  readonly devid: number;
  readonly mac: string;
  readonly mtu?: number;
  readonly backend: NicBackend;
}

export type VncConfig = { readonly listen: 'unix' } | { readonly listen: 'tcp'; readonly display: number };

export interface ConsoleConfig {
  /** Serial console on a Unix socket, logged to a file whether or not a client is attached. */
  readonly serial: boolean;
  /** A VGA device shown over VNC; absent means no display device at all. */
  readonly vnc?: VncConfig;
}

/** What QEMU does on guest power transitions; the defaults let the daemon decide. */
export interface ActionConfig {
  /**
   * Guest poweroff: `pause` keeps the process for the daemon to reap (default), `poweroff` exits.
   * With onReboot `shutdown`, a guest reboot follows this action too (so `poweroff` ends the process).
   */
  readonly onShutdown?: 'pause' | 'poweroff';
  /** Guest reboot: `shutdown` reports it as SHUTDOWN{guest-reset} and stops (default), `reset` reboots in place. */
  readonly onReboot?: 'shutdown' | 'reset';
  /** Guest panic (with pvpanic): `pause` keeps the VM for inspection (default). */
  readonly onPanic?: 'pause' | 'shutdown' | 'none';
}

export interface PlatformConfig {
  /** ISA pvpanic device, so a guest panic becomes GUEST_PANICKED. Default true. */
  readonly pvpanic?: boolean;
  /** virtio balloon for dynamic memory. Default true. */
  readonly balloon?: boolean;
  /** Spare PCIe root ports for hot-adding disks and NICs. Default 4. */
  readonly hotplugSlots?: number;
  /** virtio-serial port `org.xen.ctl`, the PV-style control channel. Default true. */
  readonly controlChannel?: boolean;
}

export interface VmConfig {
  readonly uuid: string;
  readonly name: string;
  readonly memory: MemoryConfig;
  readonly vcpus: VcpuConfig;
  readonly boot: BootConfig;
  readonly disks: readonly DiskConfig[];
  readonly nics: readonly NicConfig[];
  readonly consoles: ConsoleConfig;
  /** xapi's VM.bios_strings keys (bios-vendor, system-serial-number, oem-1, ...). */
  readonly biosStrings?: Readonly<Record<string, string>>;
  readonly platform?: PlatformConfig;
  readonly actions?: ActionConfig;
  /** Start with the vCPUs stopped (`-S`); `cont` runs them. */
  readonly startPaused?: boolean;
  /** Wait for a saved or migrated state (`-incoming defer`, then `migrate-incoming`). */
  readonly incoming?: boolean;
  /** Directory for this VM's sockets, logs and pidfile (Unix socket paths are length-limited). */
  readonly runDir: string;
}

export interface HostCaps {
  readonly accel: 'kvm' | 'tcg';
  readonly qemuBinary: string;
  /** OVMF code and NVRAM template (Debian `ovmf`: /usr/share/OVMF/OVMF_{CODE,VARS}_4M.fd). */
  readonly ovmfCode?: string;
  readonly ovmfVarsTemplate?: string;
  /** Identifies the xenopsd instance that owns the process; see instanceOf() in argv.ts. */
  readonly instanceTag: string;
  /** CPU model; default `host` under KVM, `qemu64` under TCG. */
  readonly cpuModel?: string;
  /** /dev/vhost-net is usable (in-kernel virtio-net backend; KVM only). */
  readonly vhostNet?: boolean;
  /** TCG translation cache size in MiB (caps a ~50 MB RSS cost per guest). Default 64. */
  readonly tcgTbSizeMiB?: number;
}

/** Files QEMU creates or uses under VmConfig.runDir. */
export interface RunPaths {
  readonly qmp: string;
  readonly pidfile: string;
  readonly serial?: string;
  readonly serialLog?: string;
  readonly control?: string;
  readonly vnc?: string;
}

export interface QemuCommand {
  readonly binary: string;
  readonly argv: readonly string[];
  readonly paths: RunPaths;
}
