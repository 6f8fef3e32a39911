// Just enough XML for perfmon's configurations: elements with attributes,
// nested or self-closing. Text between elements is ignored (the format
// carries everything in `value` attributes), as are comments and the XML
// declaration. Pure.

export interface XmlElement {
  readonly name: string;
  readonly attrs: readonly (readonly [string, string])[];
  readonly children: readonly XmlElement[];
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescape(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (all, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    const v = ENTITIES[e];
    if (v === undefined) throw new Error(`unknown entity ${all}`);
    return v;
  });
}

/** Parse a document with one root element; throws Error with a reason on malformed input. */
export function parseXml(text: string): XmlElement {
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at offset ${i}`);
  };
  const skipMisc = (): void => {
    for (;;) {
      while (i < text.length && text[i] !== '<') i++;
      if (text.startsWith('<?', i)) {
        const end = text.indexOf('?>', i);
        if (end < 0) fail('unterminated declaration');
        i = end + 2;
      } else if (text.startsWith('<!--', i)) {
        const end = text.indexOf('-->', i);
        if (end < 0) fail('unterminated comment');
        i = end + 3;
      } else return;
    }
  };
  const nameAt = (): string => {
    const m = /^[A-Za-z_][\w.:-]*/.exec(text.slice(i, i + 256));
    if (!m) return fail('expected a name');
    i += m[0].length;
    return m[0];
  };
  const space = (): void => {
    while (i < text.length && /\s/.test(text[i] as string)) i++;
  };
  const element = (): XmlElement => {
    if (text[i] !== '<') fail('expected an element');
    i++;
    const name = nameAt();
    const attrs: [string, string][] = [];
    for (;;) {
      space();
      if (text.startsWith('/>', i)) {
        i += 2;
        return { name, attrs, children: [] };
      }
      if (text[i] === '>') {
        i++;
        break;
      }
      const key = nameAt();
      space();
      if (text[i] !== '=') fail('expected =');
      i++;
      space();
      const q = text[i];
      if (q !== '"' && q !== "'") return fail('expected a quoted value');
      const end = text.indexOf(q, i + 1);
      if (end < 0) fail('unterminated attribute value');
      attrs.push([key, unescape(text.slice(i + 1, end))]);
      i = end + 1;
    }
    const children: XmlElement[] = [];
    for (;;) {
      skipMisc();
      if (i >= text.length) fail(`unclosed <${name}>`);
      if (text.startsWith('</', i)) {
        i += 2;
        const closing = nameAt();
        if (closing !== name) fail(`</${closing}> closes <${name}>`);
        space();
        if (text[i] !== '>') fail('expected >');
        i++;
        return { name, attrs, children };
      }
      children.push(element());
    }
  };
  skipMisc();
  if (i >= text.length) fail('no element');
  const root = element();
  skipMisc();
  if (i < text.length) fail('content after the root element');
  return root;
}

/** Every element named `name` below `e`, in document order (DOM's getElementsByTagName). */
export function elementsByName(e: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (x: XmlElement): void => {
    for (const c of x.children) {
      if (c.name === name) out.push(c);
      walk(c);
    }
  };
  walk(e);
  return out;
}

export function attr(e: XmlElement, name: string): string | undefined {
  return e.attrs.find(([k]) => k === name)?.[1];
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;').replace(/>/g, '&gt;');
}

/** The element as Python's minidom toprettyxml writes it (tab indents, one element a line). */
export function prettyXml(e: XmlElement, indent = ''): string {
  const open = `${indent}<${e.name}${e.attrs.map(([k, v]) => ` ${k}="${escapeAttr(v)}"`).join('')}`;
  if (e.children.length === 0) return `${open}/>\n`;
  return `${open}>\n${e.children.map((c) => prettyXml(c, `${indent}\t`)).join('')}${indent}</${e.name}>\n`;
}
