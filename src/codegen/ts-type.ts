// TypeScript spelling of wire types, for the generated records, actions and client.
import type { Ty } from '../datamodel/types.js';

/** `vm_power_state` → `VmPowerState`. */
export function enumTypeName(name: string): string {
  return name
    .split(/[_-]/)
    .filter(Boolean)
    .map((s) => s[0]?.toUpperCase() + s.slice(1))
    .join('');
}

/** `VM` → `VMRecord`, `host_metrics` → `HostMetricsRecord`. */
export function recordTypeName(cls: string): string {
  return `${enumTypeName(cls)}Record`;
}

export function tsType(ty: Ty, ns = ''): string {
  switch (ty.kind) {
    case 'string':
    case 'datetime':
      return 'string';
    case 'ref':
      return `${ns}Ref`;
    case 'int':
    case 'int32':
    case 'float':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'void':
      return 'void';
    case 'dynamic':
      return 'unknown';
    case 'enum':
      return ns + enumTypeName(ty.name);
    case 'record':
      return ns + recordTypeName(ty.cls);
    case 'set':
      return `readonly ${wrap(tsType(ty.of, ns))}[]`;
    case 'map':
      return `Readonly<Record<string, ${tsType(ty.value, ns)}>>`;
    case 'option':
      return `${tsType(ty.of, ns)} | undefined`;
    case 'struct':
      return `{ ${Object.entries(ty.fields)
        .map(([k, v]) => `readonly ${k}: ${tsType(v, ns)}`)
        .join('; ')} }`;
  }
}

function wrap(s: string): string {
  return /[ |]/.test(s) ? `(${s})` : s;
}
