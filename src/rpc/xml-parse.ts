// XML-RPC `<methodCall>` and `<methodResponse>` parsing, streaming over saxes
// events into RawValues.
// Leniency follows xapi's parser: typed and untyped scalars, empty `<value/>`
// and `<string/>` are "", whitespace between elements is ignored, and
// `<params>` may be empty. Anything else that is not XML-RPC is an RpcParseError.
import { SaxesParser } from 'saxes';
import {
  MAX_DEPTH,
  RpcParseError,
  decodeBody,
  type RawValue,
  type RpcRequest,
  type XmlScalarTag,
} from './raw.js';

type Kind =
  | 'root'
  | 'methodCall'
  | 'methodResponse'
  | 'fault'
  | 'methodName'
  | 'params'
  | 'param'
  | 'value'
  | 'scalar'
  | 'nil'
  | 'array'
  | 'data'
  | 'struct'
  | 'member'
  | 'name';

const SCALARS: ReadonlySet<string> = new Set<XmlScalarTag>([
  'string',
  'int',
  'i4',
  'i8',
  'double',
  'boolean',
  'dateTime.iso8601',
  'base64',
]);

/** Frames whose text content is data; elsewhere only whitespace is allowed. */
const TEXTUAL: ReadonlySet<Kind> = new Set<Kind>(['value', 'scalar', 'name', 'methodName']);

interface Frame {
  readonly kind: Kind;
  readonly tag: string;
  text: string;
  /** value: its typed child; param / member: their value. */
  child: RawValue | undefined;
  /** data: the values; params: the params. */
  items: RawValue[] | undefined;
  members: [string, RawValue][] | undefined;
  name: string | undefined;
  /** The element has had a child element (value) or its single allowed one (array). */
  done: boolean;
}

function frame(kind: Kind, tag: string): Frame {
  return {
    kind,
    tag,
    text: '',
    child: undefined,
    items: undefined,
    members: undefined,
    name: undefined,
    done: false,
  };
}

function isBlank(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13) return false;
  }
  return true;
}

function fail(reason: string): never {
  throw new RpcParseError('xml', reason);
}

/** The kind of a child element `tag` of `parent`, or a parse error if it may not appear there. */
function childKind(parent: Frame, tag: string): Kind {
  switch (parent.kind) {
    case 'root':
      if (tag === 'methodCall' && !parent.done) return 'methodCall';
      if (tag === 'methodResponse' && !parent.done) return 'methodResponse';
      break;
    case 'methodResponse':
      if (parent.done) break;
      if (tag === 'params') return 'params';
      if (tag === 'fault') return 'fault';
      break;
    case 'fault':
      if (tag === 'value' && parent.child === undefined) return 'value';
      break;
    case 'methodCall':
      if (tag === 'methodName' && parent.name === undefined) return 'methodName';
      if (tag === 'params' && parent.name !== undefined && parent.items === undefined) return 'params';
      break;
    case 'params':
      if (tag === 'param') return 'param';
      break;
    case 'param':
      if (tag === 'value' && parent.child === undefined) return 'value';
      break;
    case 'value':
      if (parent.done) break;
      if (!isBlank(parent.text)) fail(`text and <${tag}> mixed in <value>`);
      if (SCALARS.has(tag)) return 'scalar';
      if (tag === 'nil') return 'nil';
      if (tag === 'array') return 'array';
      if (tag === 'struct') return 'struct';
      break;
    case 'array':
      if (tag === 'data' && !parent.done) return 'data';
      break;
    case 'data':
      if (tag === 'value') return 'value';
      break;
    case 'struct':
      if (tag === 'member') return 'member';
      break;
    case 'member':
      if (tag === 'name' && parent.name === undefined) return 'name';
      if (tag === 'value' && parent.name !== undefined && parent.child === undefined) return 'value';
      break;
    default:
      break;
  }
  return fail(`unexpected <${tag}> in <${parent.tag || 'document'}>`);
}

/** Hands a finished value to the frame that contains it. */
function attach(parent: Frame, v: RawValue): void {
  if (parent.kind === 'data') (parent.items ??= []).push(v);
  else parent.child = v;
}

/** The state of the parse in progress (parsing is synchronous: one at a time). */
interface State {
  stack: Frame[];
  top: Frame;
  depth: number;
  method: string | undefined;
  params: RawValue[] | undefined;
  response: boolean;
  fault: RawValue | undefined;
}

let st: State = fresh();

function fresh(): State {
  const root = frame('root', '');
  return {
    stack: [root],
    top: root,
    depth: 0,
    method: undefined,
    params: undefined,
    response: false,
    fault: undefined,
  };
}

function onOpen(node: { name: string }): void {
  const top = st.top;
  const kind = childKind(top, node.name);
  if (kind === 'value' && ++st.depth > MAX_DEPTH) fail('values nested too deeply');
  if (top.kind === 'value' || top.kind === 'array' || top.kind === 'root' || top.kind === 'methodResponse')
    top.done = true;
  if (kind === 'methodResponse') st.response = true;
  if (top.kind === 'methodCall' && kind === 'params') top.items = [];
  st.top = frame(kind, node.name);
  st.stack.push(st.top);
}

function onText(s: string): void {
  const top = st.top;
  if (TEXTUAL.has(top.kind)) top.text += s;
  else if (!isBlank(s)) fail(`unexpected text in <${top.tag || 'document'}>`);
}

function onClose(): void {
  const f = st.top;
  st.stack.pop();
  const parent = st.stack[st.stack.length - 1];
  if (parent === undefined) return fail('unbalanced document');
  st.top = parent;
  switch (f.kind) {
    case 'value':
      st.depth--;
      if (f.child !== undefined && !isBlank(f.text)) fail('text and element mixed in <value>');
      attach(parent, f.child ?? { t: 'string', v: f.text });
      break;
    case 'scalar':
      parent.child = { t: f.tag as XmlScalarTag, v: f.text };
      break;
    case 'nil':
      parent.child = { t: 'nil' };
      break;
    case 'array':
      parent.child = { t: 'array', v: f.items ?? [] };
      break;
    case 'data':
      parent.items = f.items ?? [];
      break;
    case 'struct':
      parent.child = { t: 'struct', v: f.members ?? [] };
      break;
    case 'member':
      if (f.name === undefined || f.child === undefined) fail('<member> without <name> and <value>');
      (parent.members ??= []).push([f.name, f.child]);
      break;
    case 'name':
      parent.name = f.text;
      break;
    case 'param':
      if (f.child === undefined) fail('<param> without <value>');
      (parent.items ??= []).push(f.child);
      break;
    case 'methodName':
      parent.name = f.text;
      st.method = f.text;
      break;
    case 'params':
      st.params = f.items ?? [];
      break;
    case 'methodCall':
      if (st.method === undefined) fail('<methodCall> without <methodName>');
      break;
    case 'fault':
      if (f.child === undefined) fail('<fault> without <value>');
      st.fault = f.child;
      break;
    case 'methodResponse':
      if (st.params === undefined && st.fault === undefined)
        fail('<methodResponse> without <params> or <fault>');
      break;
    case 'root':
      break;
  }
}

function newParser(): SaxesParser {
  const p = new SaxesParser({ position: false });
  p.on('opentag', onOpen);
  p.on('text', onText);
  p.on('cdata', onText);
  p.on('closetag', onClose);
  return p;
}

// saxes resets itself after a complete document, so one parser serves every
// request; after a failure it is replaced, its state being unknown.
let parser = newParser();

/** Runs the parser over a whole document, leaving its state in the result. */
function parseDocument(text: string): State {
  st = fresh();
  try {
    parser.write(text).close();
  } catch (e) {
    parser = newParser();
    st = fresh();
    if (e instanceof RpcParseError) throw e;
    // saxes reports malformed XML by throwing from its default error handler.
    throw new RpcParseError('xml', e instanceof Error ? e.message : String(e));
  }
  const done = st;
  st = fresh();
  return done;
}

/** A parsed `<methodResponse>`: its params, or its fault's value. */
export type XmlResponse =
  | { readonly kind: 'params'; readonly params: readonly RawValue[] }
  | { readonly kind: 'fault'; readonly fault: RawValue };

/** Parses an XML-RPC response document. Throws RpcParseError on anything that is not one. */
export function parseXmlResponse(text: string): XmlResponse {
  const { response, params, fault } = parseDocument(text);
  if (!response) fail('no <methodResponse>');
  if (fault !== undefined) return { kind: 'fault', fault };
  return { kind: 'params', params: params ?? [] };
}

/** Parses an XML-RPC request body. Throws RpcParseError on anything that is not one. */
export function parseXmlRequest(body: string | Uint8Array): RpcRequest {
  const { text, lossy } = decodeBody(body);
  const { method, params, response } = parseDocument(text);
  if (method === undefined || response) fail('no <methodCall>');
  return { protocol: 'xml', method, params: params ?? [], lossyUtf8: lossy };
}
