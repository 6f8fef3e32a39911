// Links the database keeps consistent both ways: setting the single-valued
// side (VBD.VM) updates the set on the other side (VM.VBDs), which clients
// can only read.
import type { RelationDecl } from './types.js';

function oneToMany(one: readonly [string, string], many: readonly [string, string]): RelationDecl {
  return { one, many, kind: 'one-to-many' };
}

export const relations: readonly RelationDecl[] = [
  // snapshots and derivation
  oneToMany(['VM', 'snapshot_of'], ['VM', 'snapshots']),
  oneToMany(['VDI', 'snapshot_of'], ['VDI', 'snapshots']),
  oneToMany(['VM', 'parent'], ['VM', 'children']),
  oneToMany(['task', 'subtask_of'], ['task', 'subtasks']),
  // storage
  oneToMany(['PBD', 'host'], ['host', 'PBDs']),
  oneToMany(['PBD', 'SR'], ['SR', 'PBDs']),
  oneToMany(['VBD', 'VDI'], ['VDI', 'VBDs']),
  oneToMany(['VBD', 'VM'], ['VM', 'VBDs']),
  oneToMany(['VDI', 'SR'], ['SR', 'VDIs']),
  oneToMany(['VDI', 'metadata_of_pool'], ['pool', 'metadata_VDIs']),
  // networking
  oneToMany(['VIF', 'VM'], ['VM', 'VIFs']),
  oneToMany(['VIF', 'network'], ['network', 'VIFs']),
  oneToMany(['PIF', 'host'], ['host', 'PIFs']),
  oneToMany(['PIF', 'network'], ['network', 'PIFs']),
  // hosts and VMs
  oneToMany(['console', 'VM'], ['VM', 'consoles']),
  oneToMany(['VM', 'resident_on'], ['host', 'resident_VMs']),
  oneToMany(['host_cpu', 'host'], ['host', 'host_CPUs']),
  oneToMany(['Certificate', 'host'], ['host', 'certificates']),
];
