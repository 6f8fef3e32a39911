// The datamodel: every class of the API, in one ordered list, with lookups.
// This is the only list of classes in the code base.
import { messagesOf } from './derive.js';
import type { ClassDecl, EnumDecl, FieldDecl, MessageDecl } from './types.js';
import { session } from './classes/session.js';
import { task } from './classes/task.js';

export const classes: readonly ClassDecl[] = [session, task];

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
export { messagesOf } from './derive.js';
