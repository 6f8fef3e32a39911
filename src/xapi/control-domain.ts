// The control domain every XenAPI client expects each host to have (xapi's
// dom0 record): one VM per host with is_control_domain, Running, resident on
// the host, domid 0, and host.control_domain naming it. Created at the host's
// first start, kept (same ref and uuid) and refreshed at every later start.
// Here the control domain is the host's own Linux, where the toolstack and
// the QEMU guests run: it has the host's CPUs and memory (static and dynamic
// limits all at the host's total, as a dom0 that does not balloon), and its
// VM_metrics say so. Lifecycle operations on it are refused (vm-ops.ts).
import { NULL_REF } from '../datamodel/build.js';
import type { HostFacts } from './host/facts.js';
import type { XapiDb } from './store.js';
import { refreshAllowed } from './lifecycle/operations.js';
import { createVm } from './vm-copy/devices.js';
import { now } from './time.js';

/** The VM fields that follow the host, written at every start. */
function figures(db: XapiDb, host: string, facts: HostFacts) {
  const memory = facts.memoryTotalBytes;
  const vcpus = Math.max(1, facts.cpus.length);
  return {
    name_label: `Control domain on host: ${db.get('host', host).hostname || facts.hostname}`,
    memory_static_max: memory,
    memory_dynamic_max: memory,
    memory_dynamic_min: memory,
    memory_static_min: memory,
    VCPUs_max: vcpus,
    VCPUs_at_startup: vcpus,
    power_state: 'Running',
    resident_on: host,
    domid: 0,
  } as const;
}

/** The host's control domain, created if it has none yet. */
export function ensureControlDomain(db: XapiDb, host: string, facts: HostFacts): string {
  const named = db.get('host', host).control_domain;
  let vm = named !== NULL_REF && db.find('VM', named)?.is_control_domain ? named : undefined;
  vm ??= [...db.all('VM')].find(([, r]) => r.is_control_domain && r.resident_on === host)?.[0];
  const f = figures(db, host, facts);
  if (vm === undefined) {
    vm = createVm(db, {
      ...f,
      name_description: 'The domain which manages physical devices and manages other domains',
      is_control_domain: true,
      is_a_template: false,
      affinity: host,
      domarch: 'x64',
      domain_type: 'pv',
      user_version: 1,
      actions_after_shutdown: 'destroy',
      actions_after_reboot: 'destroy',
      actions_after_crash: 'destroy',
      HVM_boot_policy: '',
      HVM_boot_params: {},
      platform: {},
      PV_kernel: '',
      PV_ramdisk: '',
      PV_args: '',
      PV_bootloader: '',
      PV_bootloader_args: '',
      PV_legacy_args: '',
      PCI_bus: '',
      VCPUs_params: {},
      other_config: {},
    });
  } else {
    db.update('VM', vm, f);
  }
  const metrics = db.get('VM', vm).metrics;
  db.update('VM_metrics', metrics, {
    memory_actual: f.memory_static_max,
    VCPUs_number: f.VCPUs_max,
    state: ['running'],
    last_updated: now(),
  });
  db.update('host', host, { control_domain: vm });
  refreshAllowed(db, 'VM', vm);
  return vm;
}
