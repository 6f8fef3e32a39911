// Generates src/client/generated.ts: a typed client with one method per
// message of every class (implicit ones included) and their Async forms.
import { messagesOf } from '../datamodel/derive.js';
import type { ClassDecl, MessageDecl } from '../datamodel/types.js';
import { safe } from './gen-actions.js';
import { HEADER } from './gen-types.js';
import { tsType } from './ts-type.js';

function method(cls: ClassDecl, m: MessageDecl, asyncForm: boolean): string {
  // Constructor records may leave out fields that have defaults.
  const params = m.params
    .map(
      (p) =>
        `${safe(p.name)}: ${p.ty.kind === 'record' ? `Partial<${tsType(p.ty, 'T.')}>` : tsType(p.ty, 'T.')}`,
    )
    .join(', ');
  const args = m.params.map((p) => safe(p.name)).join(', ');
  const wire = `${asyncForm ? 'Async.' : ''}${cls.name}.${m.name}`;
  const result = asyncForm ? 'T.Ref' : tsType(m.result, 'T.');
  const call = m.session ? 'this.call' : 'this.callNoSession';
  return `    /** ${m.doc.replace(/\*\//g, '* /')} */\n    ${m.name}: (${params}): Promise<${result}> => ${call}(${JSON.stringify(wire)}, [${args}]) as Promise<${result}>,\n`;
}

export function genClient(classes: readonly ClassDecl[]): string {
  let out = HEADER;
  out += "import type * as T from '../generated/api-types.js';\n";
  out += "import { ClientBase } from './base.js';\n\n";
  out += '/** A typed XenAPI client; every method sends the session of the client. */\n';
  out += 'export class XapiClient extends ClientBase {\n';
  for (const cls of classes) {
    const msgs = messagesOf(cls);
    out += `  readonly ${cls.name} = {\n`;
    for (const m of msgs) out += method(cls, m, false);
    out += '  };\n';
  }
  out += '  readonly Async = {\n';
  for (const cls of classes) {
    const msgs = messagesOf(cls).filter((m) => m.async);
    if (msgs.length === 0) continue;
    out += `  ${cls.name}: {\n`;
    for (const m of msgs) out += method(cls, m, true);
    out += '  },\n';
  }
  out += '  };\n}\n';
  return out;
}
