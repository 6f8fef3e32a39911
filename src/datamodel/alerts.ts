// The alert vocabulary: every `message` the server raises by itself, with
// xapi's name, priority and the class of object it is about. Names and
// priorities are xapi's (Api_messages) unless the entry says `chosen`: xapi
// has no message for that event, and the name and priority are this
// implementation's, picked on xapi's scale.
//
// xapi's priority scale: 1 critical (data may be lost), 2 major (a service
// may fail: a host or VM crash), 3 warning (a service may suffer), 4 minor
// (something improved), 5 informational (VM started, shut down…).

/** The classes of object alerts are about (a subset of message.cls). */
export type AlertCls = 'VM' | 'Host' | 'SR' | 'Pool';

export interface AlertDecl {
  readonly priority: number;
  /** The classes the alert may be about. */
  readonly cls: readonly AlertCls[];
  readonly doc: string;
  /** Why the name or priority is ours: xapi raises nothing for this event. */
  readonly chosen?: string;
}

const vm = (doc: string, priority = 5): AlertDecl => ({ priority, cls: ['VM'], doc });

export const alerts = {
  VM_STARTED: vm('A VM started (VM.start, start_on).'),
  VM_SHUTDOWN: vm('A VM shut down: by a call, or from inside the guest.'),
  VM_REBOOTED: vm('A VM rebooted: by a call, or from inside the guest.'),
  VM_SUSPENDED: vm('A VM was suspended.'),
  VM_RESUMED: vm('A suspended VM was resumed.'),
  VM_PAUSED: vm('A VM was paused.'),
  VM_UNPAUSED: vm('A paused VM was unpaused.'),
  VM_MIGRATED: vm(
    'A VM moved between hosts of its pool (pool_migrate; a move between pools raises none, as in xapi).',
  ),
  VM_SNAPSHOTTED: vm('A snapshot of a VM was taken.'),
  VM_CHECKPOINTED: vm('A checkpoint of a VM was taken.'),
  VM_SNAPSHOT_REVERTED: vm('A VM was reverted to one of its snapshots.'),
  // xapi declares VM_CRASHED but never raises it; here xenopsd reports the crashes it handles.
  VM_CRASHED: vm('The guest of a VM crashed.', 2),
  ALARM: {
    // xapi's table says 1; perfmon gives each alarm the alarm_priority of its
    // configuration (default 3), which is what every ALARM carries.
    priority: 1,
    cls: ['VM', 'Host', 'SR'],
    doc: 'A perfmon threshold of other_config:perfmon was crossed for longer than its trigger period.',
  },
  HOST_OFFLINE: {
    priority: 2,
    cls: ['Host'],
    doc: 'A host of the pool stopped answering: its liveness lease expired.',
    chosen: 'xapi only marks host_metrics.live false (HA_HOST_FAILED needs HA); a major event on its scale.',
  },
  HOST_ONLINE: {
    priority: 4,
    cls: ['Host'],
    doc: 'A host marked offline is live again.',
    chosen: 'xapi raises nothing when a host comes back; "something just improved" on its scale.',
  },
  TASK_FAILED: {
    priority: 3,
    cls: ['Host'],
    doc: 'An asynchronous call failed; the message is about the host the task ran on.',
    chosen: 'xapi raises nothing for failed tasks; message.cls has no task class, so it names the host.',
  },
} as const satisfies Readonly<Record<string, AlertDecl>>;

export type AlertName = keyof typeof alerts;

/** The declaration of a name, if it is one of ours. */
export function alertDecl(name: string): AlertDecl | undefined {
  return Object.hasOwn(alerts, name) ? alerts[name as AlertName] : undefined;
}
