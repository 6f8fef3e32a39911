// The files of the test guest's initramfs: busybox, a few kernel modules, and the
// init scripts. The guest gives a `guest# ` shell on ttyS0, powers off on the ACPI
// power button (busybox acpid), takes DHCP on every NIC and reports its addresses,
// and answers a line protocol on the virtio-serial port `org.xen.ctl`:
//   host -> guest        guest -> host
//   ping                 pong
//   ip                   ip[ <iface>=<addr>/<prefix>]...      (IPv4, lo excluded)
//   uptime               uptime <seconds>
//   poweroff | halt      ack-poweroff        (then a clean poweroff)
//   reboot               ack-reboot          (then a clean reboot)
//   anything else        error unknown-command
// On the serial console the guest prints `GUEST-READY uptime=<s>` at the end of its
// boot script, `GUEST-IP <iface> <addr>/<prefix> <mac>` on each DHCP lease (`none`
// for the address when the lease is dropped), and
// `UEVENT <action> <subsystem> <devpath>` for disk, NIC and CPU hot(un)plug.
import { tinyLinux } from '../../../../idl/builtin-guest.js';
import type { CpioEntry } from './cpio.js';

export const SERIAL_PROMPT = 'guest# ';
export const READY_MARKER = 'GUEST-READY';
export const IP_MARKER = 'GUEST-IP';
export const CTL_PORT_NAME = 'org.xen.ctl';
/** The guest's kernel command line (declared with the built-in template's boot files). */
export const GUEST_CMDLINE = tinyLinux.cmdline;

/** Modules the guest loads at boot (their dependencies are added by the builder). */
export const GUEST_MODULES = [
  'virtio_pci',
  'virtio_blk',
  'virtio_net',
  'virtio_balloon',
  'virtio_console',
  'button',
  'evdev',
  'pvpanic_mmio',
  'pvpanic_pci',
  'ahci',
  'sr_mod',
  'isofs',
  'efivarfs',
] as const;

export interface GuestModule {
  readonly name: string;
  readonly data: Buffer;
}

export interface RootfsInputs {
  readonly busybox: Buffer;
  /** `busybox --list-full`: applet paths such as `bin/sh`, `usr/sbin/udhcpd`. */
  readonly applets: readonly string[];
  /** Modules in load order. */
  readonly modules: readonly GuestModule[];
}

const EXECUTABLE = /^etc\/(init\.d\/|acpi\/|netup$|udhcpc\.script$|hotplug$)/;

const script = (lines: string[]): string => ['#!/bin/sh', ...lines, ''].join('\n');

/** Text files of the guest, by path; exported so the image key covers them. */
export function guestScripts(moduleOrder: readonly string[]): Record<string, string> {
  return {
    'etc/inittab': [
      '::sysinit:/etc/init.d/rcS',
      'ttyS0::respawn:-/bin/sh',
      '::ctrlaltdel:/sbin/reboot',
      '::shutdown:/etc/init.d/rcK',
      '',
    ].join('\n'),
    'etc/init.d/rcS': script([
      'mount -t proc proc /proc',
      'mount -t sysfs sysfs /sys',
      'mount -t devtmpfs devtmpfs /dev 2>/dev/null',
      'mkdir -p /dev/pts && mount -t devpts devpts /dev/pts',
      'mount -t tmpfs tmpfs /tmp',
      'mount -t tmpfs tmpfs /run',
      'while read -r m; do insmod "/lib/modules/$m.ko" 2>/dev/null; done < /etc/modules.order',
      "# booted by UEFI firmware: its variables (the VM's NVRAM) under /sys/firmware/efi/efivars",
      '[ -d /sys/firmware/efi/efivars ] && mount -t efivarfs efivarfs /sys/firmware/efi/efivars',
      'hostname guest',
      'ip link set lo up',
      '# netlink uevents: online hot-added CPUs, DHCP on hot-added NICs, log hotplug',
      'uevent /etc/hotplug &',
      '# ACPI power button -> /etc/acpi/PWRF/00000080',
      'acpid -c /etc/acpi -l /run/acpid.log',
      'for d in /sys/class/net/*; do n=${d##*/}; [ "$n" = lo ] || /etc/netup "$n"; done',
      '/etc/init.d/ctl &',
      `echo "${READY_MARKER} uptime=$(cut -d' ' -f1 /proc/uptime)"`,
    ]),
    'etc/init.d/rcK': script(['echo "rcK: clean shutdown, syncing" > /dev/console', 'sync']),
    'etc/init.d/ctl': script([
      `# The host<->guest control channel on the virtio-serial port ${CTL_PORT_NAME}.`,
      'dev=',
      'for i in $(seq 1 50); do',
      '  for d in /sys/class/virtio-ports/*; do',
      `    [ -e "$d/name" ] && [ "$(cat "$d/name")" = ${CTL_PORT_NAME} ] && dev=/dev/\${d##*/}`,
      '  done',
      '  [ -n "$dev" ] && break',
      '  sleep 0.2',
      'done',
      '[ -z "$dev" ] && exit 0',
      '# One descriptor for the whole session, so lines sent back to back are all read.',
      '# read gets EOF while no host client is connected, so poll.',
      'exec 3<>"$dev"',
      'while true; do',
      '  if read -r cmd <&3; then',
      '    case "$cmd" in',
      '      ping) echo pong >&3;;',
      `      ip) echo "ip$(ip -o -4 addr show | awk '$2 != "lo" {printf " %s=%s", $2, $4}')" >&3;;`,
      `      uptime) echo "uptime $(cut -d' ' -f1 /proc/uptime)" >&3;;`,
      '      reboot) echo ack-reboot >&3; reboot;;',
      '      poweroff|halt) echo ack-poweroff >&3; poweroff;;',
      '      *) echo "error unknown-command" >&3;;',
      '    esac',
      '  else sleep 0.2; fi',
      'done',
    ]),
    'etc/netup': script([
      '# Brings a NIC up and keeps a DHCP client on it; leases are reported by udhcpc.script.',
      'ip link set "$1" up',
      'udhcpc -f -i "$1" -s /etc/udhcpc.script -t 5 -T 1 -A 10 >/dev/null 2>&1 </dev/null &',
    ]),
    'etc/udhcpc.script': script([
      'mac=$(cat "/sys/class/net/$interface/address" 2>/dev/null)',
      'case "$1" in',
      '  deconfig)',
      '    ip -4 addr flush dev "$interface"; ip link set "$interface" up',
      `    echo "${IP_MARKER} $interface none $mac" > /dev/console;;`,
      '  bound|renew)',
      '    ip -4 addr flush dev "$interface"',
      '    ip addr add "$ip/${mask:-24}" dev "$interface"',
      '    [ -n "$router" ] && ip route replace default via "${router%% *}" dev "$interface"',
      `    echo "${IP_MARKER} $interface $ip/\${mask:-24} $mac" > /dev/console;;`,
      'esac',
      'exit 0',
    ]),
    'etc/hotplug': script([
      'if [ "$SUBSYSTEM" = cpu ] && [ "$ACTION" = add ] && [ -e "/sys$DEVPATH/online" ]; then',
      '  echo 1 > "/sys$DEVPATH/online"',
      'fi',
      'if [ "$SUBSYSTEM" = net ] && [ "$ACTION" = add ] && [ "$INTERFACE" != lo ]; then /etc/netup "$INTERFACE"; fi',
      'case "$SUBSYSTEM" in block|net|cpu) echo "UEVENT $ACTION $SUBSYSTEM $DEVPATH" > /dev/console;; esac',
      'exit 0',
    ]),
    'etc/acpi/PWRF/00000080': script(['echo "ACPI power button -> poweroff" > /dev/console', 'poweroff']),
    'etc/profile': `export PS1="${SERIAL_PROMPT}"\nexport PATH=/bin:/sbin:/usr/bin:/usr/sbin\n`,
    'etc/passwd': 'root::0:0:root:/root:/bin/sh\n',
    'etc/group': 'root:x:0:\n',
    'etc/hostname': 'guest\n',
    'etc/modules.order': moduleOrder.map((m) => m + '\n').join(''),
  };
}

function parentsOf(path: string): string[] {
  const parts = path.split('/');
  return parts.slice(1).map((_, i) => parts.slice(0, i + 1).join('/'));
}

/** All initramfs entries, directories before their contents, in a stable order. */
export function guestRootfs(inputs: RootfsInputs): CpioEntry[] {
  const files = new Map<string, CpioEntry>();
  const scripts = guestScripts(inputs.modules.map((m) => m.name));
  for (const [path, text] of Object.entries(scripts)) {
    const exec = EXECUTABLE.test(path);
    files.set(path, { type: 'file', path, data: text, mode: exec ? 0o755 : 0o644 });
  }
  files.set('bin/busybox', { type: 'file', path: 'bin/busybox', data: inputs.busybox, mode: 0o755 });
  for (const applet of inputs.applets) {
    if (applet === 'bin/busybox' || files.has(applet)) continue;
    const depth = applet.split('/').length - 1;
    files.set(applet, { type: 'symlink', path: applet, target: '../'.repeat(depth) + 'bin/busybox' });
  }
  files.set('init', { type: 'symlink', path: 'init', target: 'bin/busybox' });
  for (const m of inputs.modules) {
    const path = `lib/modules/${m.name}.ko`;
    files.set(path, { type: 'file', path, data: m.data, mode: 0o644 });
  }
  const dirs = new Set(['proc', 'sys', 'dev', 'tmp', 'run', 'root', 'mnt']);
  for (const p of files.keys()) for (const d of parentsOf(p)) dirs.add(d);
  const dirEntries: CpioEntry[] = [...dirs]
    .sort()
    .map((path) => ({ type: 'dir', path, mode: path === 'tmp' ? 0o1777 : 0o755 }));
  const fileEntries = [...files.keys()].sort().map((p) => files.get(p) as CpioEntry);
  return [...dirEntries, ...fileEntries];
}
