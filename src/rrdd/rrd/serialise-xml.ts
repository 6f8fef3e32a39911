// Reading the rrdtool-dump XML (what rrdToXml and xapi write) back into an
// RRD: the XML is turned into the same tree as the JSON form and loaded by
// the same code, so both forms are checked alike.
import { SaxesParser } from 'saxes';
import type { Rrd } from './rrd.js';
import { bad, rrdFromDoc } from './serialise.js';

interface El {
  readonly name: string;
  text: string;
  readonly children: El[];
}

function parseTree(text: string): El {
  const root: El = { name: '', text: '', children: [] };
  const stack: El[] = [root];
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (node) => {
    const el: El = { name: node.name, text: '', children: [] };
    stack[stack.length - 1]?.children.push(el);
    stack.push(el);
  });
  const onText = (t: string): void => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    stack.pop();
  });
  try {
    parser.write(text).close();
  } catch (e) {
    bad(`not XML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const rrd = root.children[0];
  if (!rrd || rrd.name !== 'rrd' || root.children.length !== 1) bad('no <rrd> document element');
  return rrd;
}

function kids(el: El, name: string): El[] {
  return el.children.filter((c) => c.name === name);
}

function one(el: El, name: string): El {
  const c = kids(el, name);
  if (c.length !== 1) bad(`<${el.name}> needs exactly one <${name}>`);
  return c[0] as El;
}

function txt(el: El, name: string): string {
  return one(el, name).text.trim();
}

/** Each child element's text, by name (for <ds> and <cdp_prep><ds>). */
function fields(el: El): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of el.children) out[c.name] = c.text.trim();
  return out;
}

export function rrdFromXml(text: string): Rrd {
  const rrd = parseTree(text);
  const doc = {
    version: txt(rrd, 'version'),
    step: txt(rrd, 'step'),
    lastupdate: txt(rrd, 'lastupdate'),
    ds: kids(rrd, 'ds').map(fields),
    rra: kids(rrd, 'rra').map((r) => ({
      cf: txt(r, 'cf'),
      pdp_per_row: txt(r, 'pdp_per_row'),
      params: { xff: txt(one(r, 'params'), 'xff') },
      cdp_prep: { ds: kids(one(r, 'cdp_prep'), 'ds').map(fields) },
      database: kids(one(r, 'database'), 'row').map((row) => kids(row, 'v').map((v) => v.text.trim())),
    })),
  };
  return rrdFromDoc(doc);
}
