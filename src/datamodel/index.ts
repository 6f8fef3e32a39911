// The datamodel: every class of the API, in one ordered list, with lookups.
// This is the only list of classes in the code base.
import { messagesOf } from './derive.js';
import type { ClassDecl, EnumDecl, FieldDecl, MessageDecl } from './types.js';
import { session } from './classes/session.js';
import { auth } from './classes/auth.js';
import { subject } from './classes/subject.js';
import { role } from './classes/role.js';
import { task } from './classes/task.js';
import { event } from './classes/event.js';
import { pool } from './classes/pool.js';
import { vm } from './classes/vm.js';
import { vmMetrics } from './classes/vm-metrics.js';
import { vmGuestMetrics } from './classes/vm-guest-metrics.js';
import { host } from './classes/host.js';
import { hostMetrics } from './classes/host-metrics.js';
import { hostCpu } from './classes/host-cpu.js';
import { network } from './classes/network.js';
import { vif } from './classes/vif.js';
import { pif } from './classes/pif.js';
import { pifMetrics } from './classes/pif-metrics.js';
import { sm } from './classes/sm.js';
import { sr } from './classes/sr.js';
import { vdi } from './classes/vdi.js';
import { vbd } from './classes/vbd.js';
import { vbdMetrics } from './classes/vbd-metrics.js';
import { vifMetrics } from './classes/vif-metrics.js';
import { pbd } from './classes/pbd.js';
import { consoleClass } from './classes/console.js';
import { user } from './classes/user.js';
import { dataSource } from './classes/data-source.js';
import { blob } from './classes/blob.js';
import { message } from './classes/message.js';
import { secret } from './classes/secret.js';
import { certificate } from './classes/certificate.js';
import { probeResult, srStat } from './classes/probe-result.js';

/** Every class, in the XenAPI's order. */
export const classes: readonly ClassDecl[] = [
  session,
  auth,
  subject,
  role,
  task,
  event,
  pool,
  vm,
  vmMetrics,
  vmGuestMetrics,
  host,
  hostMetrics,
  hostCpu,
  network,
  vif,
  vifMetrics,
  pif,
  pifMetrics,
  sm,
  sr,
  vdi,
  vbd,
  vbdMetrics,
  pbd,
  consoleClass,
  user,
  dataSource,
  blob,
  message,
  secret,
  certificate,
  srStat,
  probeResult,
];

export const classByName: ReadonlyMap<string, ClassDecl> = new Map(classes.map((c) => [c.name, c]));

/** Lower-case class name → class (event.from matches classes case-insensitively). */
export const classByLowerName: ReadonlyMap<string, ClassDecl> = new Map(
  classes.map((c) => [c.name.toLowerCase(), c]),
);

export const enums: ReadonlyMap<string, EnumDecl> = new Map(
  classes.flatMap((c) => c.enums.map((e) => [e.name, e])),
);

/** Every message of every class, implicit ones included, by wire name `Class.message`. */
export const messages: ReadonlyMap<string, { cls: ClassDecl; msg: MessageDecl }> = new Map(
  classes.flatMap((cls) => messagesOf(cls).map((msg) => [`${cls.name}.${msg.name}`, { cls, msg }])),
);

export function fieldOf(cls: ClassDecl, name: string): FieldDecl | undefined {
  return cls.fields.find((f) => f.name === name);
}

export * from './types.js';
export { relations } from './relations.js';
export { tyToString } from './ty-string.js';
export { messagesOf } from './derive.js';
