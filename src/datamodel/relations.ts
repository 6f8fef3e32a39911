// Links the database keeps consistent both ways: setting the single-valued
// side (VBD.VM) updates the set on the other side (VM.VBDs), which clients
// can only read.
import type { RelationDecl } from './types.js';

function oneToMany(one: readonly [string, string], many: readonly [string, string]): RelationDecl {
  return { one, many, kind: 'one-to-many' };
}

export const relations: readonly RelationDecl[] = [
  // snapshots and derivation
  oneToMany(['task', 'subtask_of'], ['task', 'subtasks']),
];
