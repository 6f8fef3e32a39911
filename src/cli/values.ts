// From the words people type to wire values: `true`, `1024`, `running`,
// a uuid where a reference is expected, `a,b` for a set of strings.
import { enums, type Ty } from '../datamodel/index.js';
import type { Api } from './api.js';
import { CliFailure } from './errors.js';

const NULL_REF = 'OpaqueRef:NULL';

/** Memory and disk sizes may carry xe's unit suffixes (KiB, MiB, GiB, TiB). */
export function parseSize(s: string, field: string): number {
  const m = /^\s*(\d+)\s*(KiB|MiB|GiB|TiB|K|M|G|T)?\s*$/i.exec(s);
  if (!m) throw new CliFailure(`Failed to parse parameter '${field}': expecting an integer`);
  const unit = (m[2] ?? '').toUpperCase().charAt(0);
  const mult = { '': 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3, T: 1024 ** 4 }[unit] ?? 1;
  return Number(m[1]) * mult;
}

export function parseBool(s: string, field: string): boolean {
  const v = s.toLowerCase();
  if (v === 'true') return true;
  if (v === 'false') return false;
  throw new CliFailure(`Failed to parse parameter '${field}': expecting a boolean (true or false)`);
}

/** A value of a scalar type; references may be given by uuid. */
export async function parseValue(api: Api, s: string, ty: Ty, field: string): Promise<unknown> {
  switch (ty.kind) {
    case 'string':
    case 'datetime':
      return s;
    case 'int':
    case 'int32': {
      if (!/^-?\d+$/.test(s.trim())) return parseSize(s, field);
      return Number(s);
    }
    case 'float': {
      const n = Number(s);
      if (s.trim() === '' || !Number.isFinite(n)) {
        throw new CliFailure(`Failed to parse parameter '${field}': expecting a float`);
      }
      return n;
    }
    case 'bool':
      return parseBool(s, field);
    case 'enum': {
      const decl = enums.get(ty.name);
      const hit = decl?.values.find((v) => v.name.toLowerCase() === s.toLowerCase());
      if (!hit) {
        const names = decl ? decl.values.map((v) => v.name).join(', ') : '';
        throw new CliFailure(`Failed to parse parameter '${field}': expecting one of ${names}`);
      }
      return hit.name;
    }
    case 'ref':
      if (s === '' || s === NULL_REF) return NULL_REF;
      if (s.startsWith('OpaqueRef:')) return s;
      return api.byUuid(ty.cls, s);
    case 'set':
      return Promise.all(
        s
          .split(',')
          .filter((x) => x !== '')
          .map((x) => parseValue(api, x.trim(), ty.of, field)),
      );
    case 'option':
      return s === '' ? undefined : parseValue(api, s, ty.of, field);
    default:
      throw new CliFailure(`Parameter '${field}' cannot be given on the command line`);
  }
}
