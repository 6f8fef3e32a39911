// The XenAPI's textual form of a type (`VM ref`, `string set`,
// `(string -> string) map`, `enum vm_power_state`), as used by the reference
// documentation, the generated docs and `xe help`.
import type { Ty } from './types.js';

export function tyToString(ty: Ty): string {
  switch (ty.kind) {
    case 'string':
    case 'int':
    case 'int32':
    case 'float':
    case 'bool':
    case 'datetime':
    case 'void':
    case 'dynamic':
      return ty.kind;
    case 'enum':
      return `enum ${ty.name}`;
    case 'ref':
      return `${ty.cls} ref`;
    case 'record':
      return `${ty.cls} record`;
    case 'set':
      return `${tyToString(ty.of)} set`;
    case 'option':
      return `${tyToString(ty.of)} option`;
    case 'map':
      return `(${tyToString(ty.key)} -> ${tyToString(ty.value)}) map`;
    case 'struct':
      return `{ ${Object.entries(ty.fields)
        .map(([k, v]) => `${k}: ${tyToString(v)}`)
        .join('; ')} }`;
  }
}
