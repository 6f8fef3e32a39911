// Generates src/generated/api-types.ts: a record type per class, a union type
// per enum, and the maps from class name to record type (every class, and the
// classes the object database holds).
import type { ClassDecl, EnumDecl } from '../datamodel/types.js';
import { enumTypeName, recordTypeName, tsType } from './ts-type.js';

export const HEADER = '// Generated from the datamodel by `npm run gen` — do not edit.\n';

function docComment(doc: string, indent = ''): string {
  return `${indent}/** ${doc.replace(/\*\//g, '* /')} */\n`;
}

export function genTypes(classes: readonly ClassDecl[], enums: readonly EnumDecl[]): string {
  let out = HEADER;
  out += '\n/** An object reference, `OpaqueRef:<uuid>` (`OpaqueRef:NULL` for none). */\n';
  out += 'export type Ref = string;\n';
  for (const e of [...enums].sort((a, b) => a.name.localeCompare(b.name))) {
    out += `\n/** Values of the enum ${e.name}. */\n`;
    out += `export type ${enumTypeName(e.name)} = ${e.values.map((v) => JSON.stringify(v.name)).join(' | ')};\n`;
  }
  for (const cls of classes) {
    out += '\n' + docComment(cls.doc);
    if (cls.fields.length === 0) {
      out += `export type ${recordTypeName(cls.name)} = Record<string, never>;\n`;
      continue;
    }
    // A type alias, not an interface: an object literal type is assignable to
    // the store's untyped Row (an interface has no implicit index signature).
    out += `export type ${recordTypeName(cls.name)} = {\n`;
    for (const f of cls.fields) {
      out += docComment(`${f.doc} (${f.qualifier})`, '  ');
      const opt = f.ty.kind === 'option' ? '?' : '';
      const ty = f.ty.kind === 'option' ? tsType(f.ty.of) : tsType(f.ty);
      out += `  readonly ${f.name}${opt}: ${ty};\n`;
    }
    out += '};\n';
  }
  out += '\n/** Record type of each class, by class name. */\n';
  out += 'export interface RecordOf {\n';
  for (const cls of classes) out += `  ${JSON.stringify(cls.name)}: ${recordTypeName(cls.name)};\n`;
  out += '}\n';
  const db = classes.filter((c) => c.inDb).map((c) => JSON.stringify(c.name));
  out += '\n/** The classes whose objects the object database holds. */\n';
  out += `export type DbClass = ${db.join(' | ')};\n`;
  out += '\n/** Record type of each database class, by class name. */\n';
  out += 'export type DbRecordOf = Pick<RecordOf, DbClass>;\n';
  return out;
}
