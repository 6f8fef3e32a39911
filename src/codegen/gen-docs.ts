// Generates the API reference under docs/api/: an index and one page per
// class with its fields, enums and messages (parameters, result, errors,
// roles, async), all from the datamodel.
import { messagesOf } from '../datamodel/derive.js';
import { errors } from '../datamodel/errors/index.js';
import { tyToString } from '../datamodel/ty-string.js';
import type { ClassDecl } from '../datamodel/types.js';

const cell = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function classPage(cls: ClassDecl): string {
  let out = `# Class: ${cls.name}\n\n${cls.doc}\n\n`;
  out += `Stored in the database: ${cls.inDb ? 'yes' : 'no'}. Events: ${cls.events ? 'yes' : 'no'}.\n\n`;
  out += '## Fields\n\n| name | type | qualifier | default | description |\n|---|---|---|---|---|\n';
  for (const f of cls.fields) {
    const dflt = f.default === undefined ? '' : `\`${JSON.stringify(f.default)}\``;
    const life = f.lifecycle === 'published' ? '' : ` (${f.lifecycle})`;
    out += `| \`${f.name}\` | \`${cell(tyToString(f.ty))}\` | ${f.qualifier} | ${cell(dflt)} | ${cell(f.doc)}${life} |\n`;
  }
  for (const e of cls.enums) {
    out += `\n## Enum ${e.name}\n\n| value | description |\n|---|---|\n`;
    for (const v of e.values) out += `| \`${v.name}\` | ${cell(v.doc)} |\n`;
  }
  out += '\n## Messages\n';
  for (const m of messagesOf(cls).filter((x) => !x.hidden)) {
    const params = m.params.map((p) => `${tyToString(p.ty)} ${p.name}`);
    const sig = `${tyToString(m.result)} ${m.name}(${[...(m.session ? ['session ref session_id'] : []), ...params].join(', ')})`;
    out += `\n### ${m.name}\n\n\`${sig}\`\n\n${m.doc}\n\n`;
    if (m.params.length) {
      out += '| parameter | type | description |\n|---|---|---|\n';
      for (const p of m.params) {
        const d = p.default === undefined ? '' : ` (default \`${JSON.stringify(p.default)}\`)`;
        out += `| \`${p.name}\` | \`${cell(tyToString(p.ty))}\` | ${cell(p.doc)}${d} |\n`;
      }
      out += '\n';
    }
    if (m.result.kind !== 'void') out += `Result: ${m.resultDoc || tyToString(m.result)}\n\n`;
    out += `Roles: ${m.roles.join(', ')}. Async: ${m.async ? 'yes' : 'no'}.`;
    if (m.errors.length) out += ` Errors: ${m.errors.map((e) => `\`${e}\``).join(', ')}.`;
    out += '\n';
  }
  return out;
}

function errorPage(): string {
  let out =
    '# Errors\n\nEvery error is `[CODE, ...params]` on the wire.\n\n| code | parameters | description |\n|---|---|---|\n';
  for (const [code, e] of Object.entries(errors).sort(([a], [b]) => a.localeCompare(b))) {
    out += `| \`${code}\` | ${e.params.map((p) => `\`${p}\``).join(', ')} | ${cell(e.doc)} |\n`;
  }
  return out;
}

/** File name (under docs/api/) → content. */
export function genDocs(classes: readonly ClassDecl[]): Map<string, string> {
  const files = new Map<string, string>();
  let index = '# xapi-ts API reference\n\nGenerated from the datamodel (`npm run gen`); do not edit.\n\n';
  index += '| class | description |\n|---|---|\n';
  for (const cls of classes) {
    index += `| [${cls.name}](${cls.name}.md) | ${cell(cls.doc)} |\n`;
    files.set(`${cls.name}.md`, classPage(cls));
  }
  index += '\nSee also [errors](errors.md).\n';
  files.set('README.md', index);
  files.set('errors.md', errorPage());
  return files;
}
