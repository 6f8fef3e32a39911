// Markdown reference for an interface, generated from its declaration: methods
// with parameters, result and errors, then the named types and the errors.
import { queueName, type AnyInterface, type ErrorTable, type MethodDecl } from './interface.js';
import type { AnyCodec, Shape } from './types.js';

/** A short type expression; named types are linked and collected into `seen`. */
export function typeExpr(c: AnyCodec, seen: Map<string, AnyCodec>): string {
  const s: Shape = c.shape;
  switch (s.k) {
    case 'prim':
      return s.name;
    case 'option':
      return `${typeExpr(s.of, seen)} option`;
    case 'default':
      return `${typeExpr(s.of, seen)} (default ${JSON.stringify(s.value)})`;
    case 'array':
      return `${typeExpr(s.of, seen)} list`;
    case 'dict':
      return `(string → ${typeExpr(s.of, seen)}) map`;
    case 'tuple':
      return `[${s.items.map((i) => typeExpr(i, seen)).join(', ')}]`;
    case 'record':
      return `{ ${Object.entries(s.fields)
        .map(
          ([k, f]) =>
            `${k}${f.shape.k === 'option' ? '?' : ''}: ${typeExpr(f.shape.k === 'option' ? f.shape.of : f, seen)}`,
        )
        .join('; ')} }`;
    case 'variant':
      return Object.entries(s.cases)
        .map(([tag, p]) => (p ? `${tag} of ${typeExpr(p, seen)}` : tag))
        .join(' | ');
    case 'named':
      if (!seen.has(s.name)) {
        seen.set(s.name, c);
        typeExpr(s.of, seen); // collect the names it refers to
      }
      return `[${s.name}](#${anchor(s.name)})`;
  }
}

function anchor(name: string): string {
  return 'type-' + name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function fieldsTable(fields: Readonly<Record<string, AnyCodec>>, seen: Map<string, AnyCodec>): string[] {
  const rows = Object.entries(fields);
  if (rows.length === 0) return ['No parameters.', ''];
  return [
    '| name | type |',
    '|---|---|',
    ...rows.map(([k, c]) => {
      const opt = c.shape.k === 'option';
      return `| \`${k}\`${opt ? ' (optional)' : ''} | ${cell(typeExpr(opt ? (c.shape as { of: AnyCodec }).of : c, seen))} |`;
    }),
    '',
  ];
}

export function renderMarkdown(iface: AnyInterface): string {
  const seen = new Map<string, AnyCodec>();
  const out: string[] = [
    `# ${iface.name} (version ${iface.version})`,
    '',
    '<!-- Generated from the IDL declaration in src/; do not edit by hand. -->',
    '',
    iface.doc,
    '',
    `Reached on the message switch queue \`${queueName(iface.name)}\` (or an instance-specific queue) and ` +
      'directly as JSON-RPC v1 over HTTP (`POST /`) on the service socket. Named parameters travel ' +
      'in one object at `params[0]`.',
    '',
    '## Methods',
    '',
  ];
  const methods = Object.entries(iface.methods as Readonly<Record<string, MethodDecl>>);
  for (const [name, m] of methods) {
    out.push(`### ${name}`, '', m.doc, '', ...fieldsTable(m.params, seen));
    out.push(`Result: ${cell(typeExpr(m.result, seen))}`, '');
    if (m.errors.length)
      out.push(`Errors: ${m.errors.map((e) => `[${e}](#error-${e.toLowerCase()})`).join(', ')}`, '');
  }
  if (seen.size) {
    out.push('## Types', '');
    for (const [name, c] of [...seen.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const s = c.shape as { doc: string; of: AnyCodec };
      out.push(`<a id="${anchor(name)}"></a>`, '', `### ${name}`, '', s.doc, '');
      const inner = s.of.shape;
      if (inner.k === 'record') out.push(...fieldsTable(inner.fields, seen));
      else out.push(`\`${typeExpr(s.of, seen).replace(/`/g, '')}\``, '');
    }
  }
  out.push(
    '## Errors',
    '',
    'On the wire: `"Code"`, `["Code", param]` or `["Code", [param1, param2, ...]]`.',
    '',
  );
  for (const [code, e] of Object.entries(iface.errors as ErrorTable)) {
    const params = Object.entries(e.params).map(([k, c]) => `${k}: ${typeExpr(c, seen)}`);
    out.push(
      `<a id="error-${code.toLowerCase()}"></a>`,
      '',
      `### ${code}(${params.join(', ')})`,
      '',
      e.doc,
      '',
    );
  }
  return out.join('\n').replace(/\n+$/, '\n');
}
