// Generates src/xapi/generated/actions.ts: the CustomActions interface, one
// method per hand-written message. The server is built from an object that
// implements it, so a declared message without an implementation fails tsc.
import { messagesOf } from '../datamodel/derive.js';
import type { ClassDecl } from '../datamodel/types.js';
import { HEADER } from './gen-types.js';
import { tsType } from './ts-type.js';

export function genActions(classes: readonly ClassDecl[]): string {
  let out = HEADER;
  out += "import type * as T from '../../generated/api-types.js';\n";
  out += "import type { CallContext } from '../context.js';\n";
  out += '\n';
  out += '/** Every hand-written message, by class. */\n';
  out += 'export interface CustomActions {\n';
  for (const cls of classes) {
    const custom = messagesOf(cls).filter((m) => m.tag.kind === 'custom');
    if (custom.length === 0) continue;
    out += `  readonly ${JSON.stringify(cls.name)}: {\n`;
    for (const m of custom) {
      const params = m.params.map((p) => `${safe(p.name)}: ${tsType(p.ty, 'T.')}`);
      out += `    ${m.name}(ctx: CallContext${params.map((p) => ', ' + p).join('')}): Promise<${tsType(m.result, 'T.')}>;\n`;
    }
    out += '  };\n';
  }
  out += '}\n';
  return out;
}

// Words a parameter may not be named in strict-mode TypeScript (xapi has `interface`, for one).
const RESERVED = new Set([
  'class',
  'function',
  'default',
  'new',
  'delete',
  'in',
  'import',
  'export',
  'interface',
  'package',
  'private',
  'protected',
  'public',
  'static',
  'implements',
  'let',
  'yield',
]);
export function safe(name: string): string {
  return RESERVED.has(name) ? `${name}_` : name;
}
