// The templates every host has from its first start, refreshed at every
// start as xapi refreshes its own: "Other install media" (an HVM guest
// installed from a CD) and "xapi-ts Tiny Linux" (the small kernel + busybox
// guest that the QEMU backend boots directly). Like xapi's, templates carry
// no VIFs and no VBDs: `VM.provision` makes their disks from
// other_config:disks, and users add a VIF (and a CD drive) to the new VM.
import { NULL_REF } from '../datamodel/build.js';
import type { Patch } from '../db/typed.js';
import type { VMRecord } from '../generated/api-types.js';
import type { XapiDb } from './store.js';
import { builtinFile, tinyLinux } from '../idl/builtin-guest.js';
import { refreshAllowed } from './lifecycle/operations.js';
import { createVm } from './vm-copy/devices.js';
import { disksXml, recommendationsXml } from './vm-copy/provision-xml.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

/** Limits clients show for VMs made from the built-in templates. */
const RECOMMENDATIONS = recommendationsXml({ memoryStaticMax: 128 * GiB, vcpusMax: 32, vbds: 255, vifs: 7 });

/** A template's fields; its reference_label names it across starts. */
type Template = Patch<VMRecord> & { readonly reference_label: string };

function common(label: string, memory: number, otherConfig: Record<string, string>): Template {
  return {
    name_label: label,
    reference_label: label.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    user_version: 1,
    is_a_template: true,
    is_default_template: true,
    affinity: NULL_REF,
    memory_static_max: memory,
    memory_dynamic_max: memory,
    memory_dynamic_min: memory,
    memory_static_min: Math.min(memory, 256 * MiB),
    VCPUs_params: {},
    VCPUs_max: 1,
    VCPUs_at_startup: 1,
    actions_after_shutdown: 'destroy',
    actions_after_reboot: 'restart',
    actions_after_crash: 'restart',
    PV_bootloader: '',
    PV_bootloader_args: '',
    PV_legacy_args: '',
    PCI_bus: '',
    recommendations: RECOMMENDATIONS,
    other_config: { default_template: 'true', ...otherConfig },
  };
}

export const TEMPLATES: readonly Template[] = [
  {
    ...common('Other install media', GiB, {
      'install-methods': 'cdrom',
      disks: disksXml([{ device: '0', size: 10 * GiB, sr: '', bootable: true, type: 'system' }]),
    }),
    name_description: 'An HVM guest installed from a CD; give it a CD drive with the install media.',
    PV_kernel: '',
    PV_ramdisk: '',
    PV_args: '',
    HVM_boot_policy: 'BIOS order',
    HVM_boot_params: { order: 'cd' },
    platform: { acpi: '1', apic: 'true', pae: 'true', nx: 'true', viridian: 'false' },
    domain_type: 'hvm',
  },
  {
    ...common('xapi-ts Tiny Linux', 256 * MiB, {
      disks: disksXml([{ device: '0', size: 64 * MiB, sr: '', bootable: false, type: 'user' }]),
    }),
    name_description: 'A small Linux kernel with a busybox initrd, booted directly; a 64 MiB data disk.',
    PV_kernel: builtinFile(tinyLinux.kernel),
    PV_ramdisk: builtinFile(tinyLinux.initrd),
    PV_args: tinyLinux.cmdline,
    HVM_boot_policy: '',
    HVM_boot_params: {},
    platform: {},
    domain_type: 'pvh',
  },
];

/** Create the built-in templates that are missing; bring the others up to date. */
export function ensureTemplates(db: XapiDb): void {
  db.transaction(() => {
    const existing = new Map<string, string>();
    for (const [ref, row] of db.all('VM')) {
      if (row.is_default_template) existing.set(row.reference_label, ref);
    }
    for (const t of TEMPLATES) {
      const ref = existing.get(t.reference_label);
      if (ref === undefined) refreshAllowed(db, 'VM', createVm(db, { ...t, power_state: 'Halted' }));
      else db.update('VM', ref, t);
    }
  });
}
