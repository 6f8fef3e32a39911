// The xenops interface ("Xen", after xenops_interface.ml), declared once: the
// typed client, the server skeleton xenopsd implements and the Markdown
// reference all derive from it. Every call takes `dbg` (a correlation string)
// first; lifecycle calls return a Task id at once and run on the VM's queue.
import { errors as registry } from '../datamodel/errors/index.js';
import { xenopsErrors } from '../datamodel/errors/xenops.js';
import {
  BarrierC,
  DeviceIdC,
  DiskC,
  DiskSnapshotC,
  DynamicIdC,
  HostStatC,
  Ipv4C,
  Ipv6C,
  LockingModeC,
  NetworkC,
  PciC,
  PciStateC,
  QosC,
  QueryC,
  TaskInfoC,
  VbdC,
  VbdStateC,
  VifC,
  VifStateC,
  VmC,
  VmStateC,
  VmStatsC,
} from './xenops-types.js';
import { declare, defineInterface, type ErrorDecl } from './interface.js';
import * as t from './types.js';

/** The registry codes a xenopsd may answer with, each with its named string parameters. */
export const xenopsErrorCodes = [...Object.keys(xenopsErrors), 'INVALID_VALUE', 'FIELD_TYPE_ERROR'] as const;
type XenopsErrorCode = keyof typeof xenopsErrors | 'INVALID_VALUE' | 'FIELD_TYPE_ERROR';

const errorDecls = Object.fromEntries(
  xenopsErrorCodes.map((code) => {
    const e = registry[code as XenopsErrorCode];
    return [code, { params: Object.fromEntries(e.params.map((p) => [p, t.string])), doc: e.doc }];
  }),
) as Record<XenopsErrorCode, ErrorDecl>;

const dbg = t.string;
const taskId = t.named('Task.id', 'A task id: a decimal string from a per-process counter.', t.string);
const E = {
  missing: ['XENOPS_DOES_NOT_EXIST'],
  config: [
    'XENOPS_DOES_NOT_EXIST',
    'XENOPS_INVALID_MEMORY',
    'XENOPS_INVALID_VCPUS',
    'INVALID_VALUE',
    'FIELD_TYPE_ERROR',
  ],
  device: ['XENOPS_DOES_NOT_EXIST', 'XENOPS_DEVICE_IS_CONNECTED', 'INVALID_VALUE', 'FIELD_TYPE_ERROR'],
} as const;

function lifecycle<const X extends t.Fields = Record<never, never>>(doc: string, extra?: X) {
  const params = { dbg, id: t.string, ...extra } as { dbg: typeof dbg; id: typeof t.string } & X;
  return declare({ params, result: taskId, errors: E.missing, doc });
}
function deviceTask<const X extends t.Fields = Record<never, never>>(doc: string, extra?: X) {
  const params = { dbg, id: DeviceIdC, ...extra } as { dbg: typeof dbg; id: typeof DeviceIdC } & X;
  return declare({ params, result: taskId, errors: E.missing, doc });
}

/** The six calls every device kind has, declared once per kind (typed method names). */
function devices<
  const K extends 'VBD' | 'VIF' | 'PCI',
  const F extends string,
  C extends t.AnyCodec,
  S extends t.AnyCodec,
>(kind: K, field: F, config: C, state: S) {
  const id = DeviceIdC;
  return {
    add: declare({
      params: { dbg, [field]: config } as { dbg: typeof dbg } & { [P in F]: C },
      result: id,
      errors: E.device,
      doc: `Register a ${kind} of a managed VM (replacing its configuration if known).`,
    }),
    remove: declare({
      params: { dbg, id },
      result: t.unit,
      errors: E.device,
      doc: `Forget a ${kind}; fails with XENOPS_DEVICE_IS_CONNECTED while it is plugged or active.`,
    }),
    plug: declare({
      params: { dbg, id },
      result: taskId,
      errors: E.missing,
      doc: `Hot-plug a ${kind} into a running VM (task).`,
    }),
    unplug: declare({
      params: { dbg, id, force: t.withDefault(t.bool, false) },
      result: taskId,
      errors: E.missing,
      doc: `Hot-unplug a ${kind} (task).`,
    }),
    stat: declare({
      params: { dbg, id },
      result: t.tuple(config, state),
      errors: E.missing,
      doc: `A ${kind}'s configuration and state.`,
    }),
    list: declare({
      params: { dbg, vm: t.string },
      result: t.array(t.tuple(config, state)),
      errors: E.missing,
      doc: `Every ${kind} of a VM with its state.`,
    }),
  };
}
const vbd = devices('VBD', 'vbd', VbdC, VbdStateC);

const vif = devices('VIF', 'vif', VifC, VifStateC);
const pci = devices('PCI', 'pci', PciC, PciStateC);

export const Xenops = defineInterface({
  name: 'xenops',
  doc: 'The VM manager: VM and device lifecycle on one host, asynchronous through tasks, with an UPDATES event stream.',
  errors: errorDecls,
  methods: {
    query: declare({
      params: { dbg },
      result: QueryC,
      doc: 'Who answers (instance_id changes at every start).',
    }),
    get_diagnostics: declare({
      params: { dbg },
      result: t.string,
      doc: 'JSON dump of queues, workers, tasks and UPDATES.',
    }),
    'Task.stat': declare({
      params: { dbg, id: taskId },
      result: TaskInfoC,
      errors: E.missing,
      doc: 'A task record.',
    }),
    'Task.cancel': declare({
      params: { dbg, id: taskId },
      result: t.unit,
      errors: E.missing,
      doc: 'Ask a task to stop at its next cancel point.',
    }),
    'Task.destroy': declare({
      params: { dbg, id: taskId },
      result: t.unit,
      errors: E.missing,
      doc: 'Forget a task (clients destroy the tasks they create).',
    }),
    'Task.list': declare({ params: { dbg }, result: t.array(TaskInfoC), doc: 'Every task.' }),
    'Task.destroy_on_finish': declare({
      params: { dbg, id: taskId },
      result: t.unit,
      errors: E.missing,
      doc: 'Destroy the task as soon as it finishes.',
    }),
    'HOST.stat': declare({
      params: { dbg },
      result: HostStatC,
      doc: 'CPUs, hypervisor and chipset of the host.',
    }),
    'HOST.get_total_memory_mib': declare({ params: { dbg }, result: t.int, doc: 'Host memory in MiB.' }),
    'HOST.vm_stats': declare({
      params: { dbg },
      result: t.array(VmStatsC),
      doc: "The backend's statistics of every VM with a running (or paused) domain.",
    }),
    'VM.add': declare({
      params: { dbg, vm: VmC },
      result: t.string,
      errors: E.config,
      doc: 'Register a VM, or replace the configuration of one already known.',
    }),
    'VM.remove': declare({
      params: { dbg, id: t.string },
      result: t.unit,
      errors: ['XENOPS_DOES_NOT_EXIST', 'XENOPS_BAD_POWER_STATE'],
      doc: 'Forget a halted or suspended VM and its devices.',
    }),
    'VM.exists': declare({
      params: { dbg, id: t.string },
      result: t.bool,
      doc: 'Whether this xenopsd manages the VM.',
    }),
    'VM.stat': declare({
      params: { dbg, id: t.string },
      result: t.tuple(VmC, VmStateC),
      errors: E.missing,
      doc: "A VM's configuration and state.",
    }),
    'VM.list': declare({
      params: { dbg },
      result: t.array(t.tuple(VmC, VmStateC)),
      doc: 'Every VM this xenopsd manages, with its state.',
    }),
    'VM.start': lifecycle(
      'Start a halted VM; it is left paused (call VM.unpause). `force` skips the pre-boot safety checks of the domain builder.',
      { force: t.withDefault(t.bool, false) },
    ),
    'VM.shutdown': lifecycle('Shut down: hard without delay, clean with that timeout (seconds).', {
      delay: t.option(t.float),
    }),
    'VM.reboot': lifecycle('Reboot: hard without delay, clean with that timeout (seconds).', {
      delay: t.option(t.float),
    }),
    'VM.pause': lifecycle('Pause a running VM.'),
    'VM.unpause': lifecycle('Unpause a paused VM.'),
    'VM.suspend': lifecycle('Save the VM to a disk and shut it down.', { disk: DiskC }),
    'VM.resume': lifecycle('Restore a suspended VM from a disk; it is left paused.', { disk: DiskC }),
    'VM.migrate': lifecycle(
      'Move a running VM to the xenopsd at xenops_url (an `xenops+unix://` socket or a switch queue).',
      {
        vdi_map: t.withDefault(t.dict(t.string), {}),
        vif_map: t.withDefault(t.dict(t.string), {}),
        pci_map: t.withDefault(t.dict(t.string), {}),
        xenops_url: t.string,
      },
    ),
    'VM.migrate_receive_memory': lifecycle(
      'The receiving half of a live migration of final_id, imported (VM.import_metadata) under the temporary id `id`: create its domain, plug its devices and wait for the stream; the task result is the endpoint to stream to (JSON).',
      { final_id: t.string },
    ),
    'VM.migrate_receive_complete': lifecycle(
      'After the stream: wait for all of it, unpause the VM and rename it to final_id (swapping with a source VM of that id on this same xenopsd, so that the id never disappears).',
      { final_id: t.string },
    ),
    'VM.set_vcpus': lifecycle('Change the number of online vCPUs (1..vcpu_max).', { n: t.int }),
    'VM.set_scheduler_params': lifecycle(
      'Change the vCPU weight and cap (Vm.scheduler_params.priority) of a running VM; also kept for its next start.',
      { weight: t.int, cap: t.int },
    ),
    'VM.set_memory_dynamic_range': lifecycle('Change the balloon range of a running VM (bytes).', {
      min: t.int,
      max: t.int,
    }),
    'VM.send_sysrq': lifecycle(
      'Send a magic SysRq key (one character of `0-9a-z`) to the guest of a running VM, as Alt+SysRq+key.',
      { key: t.string },
    ),
    'VM.send_trigger': lifecycle(
      `Send a hardware trigger to a running VM: ${'`nmi`, `reset`, `init`, `power` (ACPI power button), `sleep` (sleep button) or `s3resume`'}.`,
      { trigger: t.string },
    ),
    'VM.set_shadow_multiplier': lifecycle(
      'Change the shadow memory multiplier of a running HVM guest (>= 1).',
      {
        multiplier: t.float,
      },
    ),
    'VM.snapshot_disks': declare({
      params: { dbg, id: t.string, disks: t.array(DiskSnapshotC) },
      result: taskId,
      errors: E.device,
      doc: 'Switch plugged disks of a running or paused VM onto the overlays a live snapshot put at their place (task; cancellable until the first disk switches).',
    }),
    'VM.export_metadata': declare({
      params: { dbg, id: t.string },
      result: t.string,
      errors: E.missing,
      doc: "The VM, its devices and the backend's state, as a JSON string.",
    }),
    'VM.import_metadata': declare({
      params: { dbg, s: t.string },
      result: t.string,
      errors: E.config,
      doc: 'Register a VM and its devices from exported metadata; returns the VM id.',
    }),
    'VBD.add': vbd.add,
    'VBD.remove': vbd.remove,
    'VBD.plug': vbd.plug,
    'VBD.unplug': vbd.unplug,
    'VBD.stat': vbd.stat,
    'VBD.list': vbd.list,
    'VBD.insert': deviceTask('Insert media into an empty CD drive.', { disk: DiskC }),
    'VBD.eject': deviceTask('Eject the media of a CD drive.'),
    'VBD.resize': deviceTask(
      'Grow a plugged disk of a running or paused VM to `size` bytes; the guest sees the new size (backends with online disk resize).',
      { size: t.int },
    ),
    'VBD.set_qos': deviceTask(
      "Change a disk's I/O QoS: applied to a plugged disk, recorded for its next plug.",
      {
        qos: t.option(QosC),
      },
    ),
    'VIF.add': vif.add,
    'VIF.remove': vif.remove,
    'VIF.plug': vif.plug,
    'VIF.unplug': vif.unplug,
    'VIF.stat': vif.stat,
    'VIF.list': vif.list,
    'VIF.set_carrier': deviceTask('Set the link state of a NIC.', { carrier: t.bool }),
    'VIF.set_locking_mode': deviceTask('Set the port locking of a NIC.', { mode: LockingModeC }),
    'VIF.move': deviceTask(
      'Move a NIC to another network: its host side changes network, the guest keeps its NIC.',
      { network: NetworkC },
    ),
    'VIF.set_ipv4_configuration': deviceTask(
      'Record the IPv4 settings the guest agent applies in the guest.',
      {
        ipv4_configuration: Ipv4C,
      },
    ),
    'VIF.set_ipv6_configuration': deviceTask(
      'Record the IPv6 settings the guest agent applies in the guest.',
      {
        ipv6_configuration: Ipv6C,
      },
    ),
    'PCI.add': pci.add,
    'PCI.remove': pci.remove,
    'PCI.plug': pci.plug,
    'PCI.unplug': pci.unplug,
    'PCI.stat': pci.stat,
    'PCI.list': pci.list,
    'UPDATES.get': declare({
      params: { dbg, last_id: t.option(t.int), timeout: t.option(t.int) },
      result: t.tuple(t.array(BarrierC), t.array(DynamicIdC), t.int),
      doc: 'Long-poll: barriers and ids changed since last_id (everything when absent), and the next token.',
    }),
    'UPDATES.last_id': declare({ params: { dbg }, result: t.int, doc: 'The newest event token.' }),
    'UPDATES.inject_barrier': declare({
      params: { dbg, vm_id: t.string, id: t.int },
      result: t.unit,
      doc: "Snapshot the VM's current ids as barrier `id`.",
    }),
    'UPDATES.remove_barrier': declare({ params: { dbg, id: t.int }, result: t.unit, doc: 'Drop a barrier.' }),
    'UPDATES.refresh_vm': declare({
      params: { dbg, vm_id: t.string },
      result: t.unit,
      errors: E.missing,
      doc: 'Signal the VM and all its devices as changed.',
    }),
    'DEBUG.trigger': declare({
      params: { dbg, cmd: t.string, args: t.withDefault(t.array(t.string), []) },
      result: t.unit,
      errors: ['XENOPS_DOES_NOT_EXIST', 'XENOPS_UNKNOWN_DEBUG_COMMAND', 'INVALID_VALUE'],
      doc: '"set-cancel-trigger" [dbg, n] cancels the next task with that dbg at cancel point n; the rest goes to the backend (simulator: reboot, halt, crash, poweroff [vm]; set-guest [vm, cooperative|uncooperative]; unplug-vbd [vm, name]).',
    }),
  },
});

export type XenopsInterface = typeof Xenops;

/** The switch queue of the xenopsd instance `name`. */
export function xenopsQueue(name: string): string {
  return `org.xen.xapi.xenops.${name}`;
}
