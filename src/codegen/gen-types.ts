// Generates src/generated/api-types.ts: a record interface per class and a
// union type per enum.
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
    out += `export interface ${recordTypeName(cls.name)} {\n`;
    for (const f of cls.fields) {
      out += docComment(`${f.doc} (${f.qualifier})`, '  ');
      const opt = f.ty.kind === 'option' ? '?' : '';
      const ty = f.ty.kind === 'option' ? tsType(f.ty.of) : tsType(f.ty);
      out += `  readonly ${f.name}${opt}: ${ty};\n`;
    }
    out += '}\n';
  }
  out += '\n/** Record type of each class, by class name. */\n';
  out += 'export interface RecordOf {\n';
  for (const cls of classes) out += `  ${JSON.stringify(cls.name)}: ${recordTypeName(cls.name)};\n`;
  out += '}\n';
  return out;
}
