// Declaring an internal interface once: methods with typed named parameters,
// a typed result, the errors each may raise, and documentation. The typed
// client, the server skeleton and the Markdown reference are all derived
// from one `defineInterface(...)` value.
import * as t from './types.js';
import type { AnyCodec, Fields, Json, RecordOf, TypeOf } from './types.js';

export interface ErrorDecl<P extends Fields = Fields> {
  /** Named parameters, in wire order. */
  readonly params: P;
  readonly doc: string;
}
export type ErrorTable = Readonly<Record<string, ErrorDecl>>;

export interface MethodDecl<
  P extends Fields = Fields,
  R extends AnyCodec = AnyCodec,
  E extends string = string,
> {
  readonly params: P;
  readonly result: R;
  readonly errors: readonly E[];
  readonly doc: string;
}

/** Declare one method; its name is the key it is given in `defineInterface`. */
export function declare<const P extends Fields, R extends AnyCodec, const E extends string = never>(decl: {
  params: P;
  result: R;
  errors?: readonly E[];
  doc: string;
}): MethodDecl<P, R, E> {
  return { params: decl.params, result: decl.result, errors: decl.errors ?? [], doc: decl.doc };
}

/** Errors every interface may return; interfaces must not redeclare them. */
export const builtinErrors = {
  Internal_error: {
    params: { message: t.string },
    doc: 'The service failed in a way it did not declare (a bug or an unexpected exception).',
  },
  Unimplemented: { params: { name: t.string }, doc: 'The service does not implement this method.' },
  Invalid_params: {
    params: { method: t.string, message: t.string },
    doc: 'The parameters sent do not match the declaration (named field, expected and actual value).',
  },
} as const satisfies ErrorTable;
export type BuiltinErrors = typeof builtinErrors;

export interface Interface<
  M extends Readonly<Record<string, MethodDecl>> = Readonly<Record<string, MethodDecl>>,
  E extends ErrorTable = ErrorTable,
> {
  /** Service name; its switch queue is `org.xen.xapi.<name>` unless an instance overrides it. */
  readonly name: string;
  readonly version: string;
  readonly doc: string;
  readonly methods: M;
  /** The interface's own errors merged with the builtin ones. */
  readonly errors: E & BuiltinErrors;
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the universal interface bound
export type AnyInterface = Interface<any, any>;

export function defineInterface<
  const M extends Readonly<Record<string, MethodDecl>>,
  const E extends ErrorTable = Record<never, never>,
>(decl: { name: string; version?: string; doc: string; errors?: E; methods: M }): Interface<M, E> {
  const own = decl.errors ?? ({} as E);
  for (const code of Object.keys(own)) {
    if (Object.hasOwn(builtinErrors, code)) throw new Error(`${decl.name}: error ${code} is builtin`);
  }
  const errors = { ...builtinErrors, ...own } as E & BuiltinErrors;
  for (const [name, m] of Object.entries(decl.methods)) {
    for (const code of m.errors) {
      if (!Object.hasOwn(errors, code))
        throw new Error(`${decl.name}: ${name} raises undeclared error ${code}`);
    }
  }
  return { name: decl.name, version: decl.version ?? '1.0.0', doc: decl.doc, methods: decl.methods, errors };
}

export const QUEUE_PREFIX = 'org.xen.xapi.';
export function queueName(service: string): string {
  return QUEUE_PREFIX + service;
}

// ---- type helpers --------------------------------------------------------

export type MethodName<I extends AnyInterface> = keyof I['methods'] & string;
export type ParamsOf<I extends AnyInterface, K extends MethodName<I>> = RecordOf<I['methods'][K]['params']>;
export type ResultOf<I extends AnyInterface, K extends MethodName<I>> = TypeOf<I['methods'][K]['result']>;
export type ErrorCodeOf<I extends AnyInterface> = keyof I['errors'] & string;
export type ErrorParamsOf<I extends AnyInterface, C extends ErrorCodeOf<I>> = RecordOf<
  I['errors'][C]['params']
>;

// ---- errors --------------------------------------------------------------

/**
 * A structured error crossing an interface: a declared code and its named
 * parameters. On the wire it is the variant "Code" | ["Code", p] | ["Code", [p1, p2, ...]].
 */
export class IdlError<C extends string = string, P = Readonly<Record<string, unknown>>> extends Error {
  constructor(
    readonly code: C,
    readonly params: P,
  ) {
    super(`${code}${formatParams(params)}`);
    this.name = 'IdlError';
  }
}

function formatParams(p: unknown): string {
  if (typeof p !== 'object' || p === null) return '';
  const vals = Object.values(p).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return vals.length ? `(${vals.join(', ')})` : '';
}

/** Build a declared error of an interface, checked at compile time. */
export function idlError<I extends AnyInterface, C extends ErrorCodeOf<I>>(
  _iface: I,
  code: C,
  params: ErrorParamsOf<I, C>,
): IdlError<C, ErrorParamsOf<I, C>> {
  return new IdlError(code, params);
}

/** Narrow an unknown error to one declared code of an interface. */
export function isIdlError<I extends AnyInterface, C extends ErrorCodeOf<I>>(
  e: unknown,
  _iface: I,
  code: C,
): e is IdlError<C, ErrorParamsOf<I, C>> {
  return e instanceof IdlError && e.code === code;
}

export function encodeError(iface: AnyInterface, e: IdlError): Json {
  const decl = (iface.errors as ErrorTable)[e.code];
  if (!decl) return encodeError(iface, internalError(`undeclared error ${e.code}${formatParams(e.params)}`));
  const src = e.params as Readonly<Record<string, unknown>>;
  const vals = Object.entries(decl.params).map(([k, c]) => (c as AnyCodec).encode(src[k]));
  if (vals.length === 0) return e.code;
  return [e.code, vals.length === 1 ? (vals[0] as Json) : vals];
}

/** Decode a wire error; anything undeclared becomes Internal_error describing it. */
export function decodeError(iface: AnyInterface, v: unknown): IdlError {
  const tag = typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : undefined;
  const decl = tag === undefined ? undefined : (iface.errors as ErrorTable)[tag];
  if (tag === undefined || !decl) return internalError(`unrecognised error ${JSON.stringify(v)}`);
  const names = Object.keys(decl.params);
  const raw: unknown[] =
    names.length === 0
      ? []
      : names.length === 1
        ? [Array.isArray(v) ? v[1] : undefined]
        : Array.isArray(v)
          ? v[1]
          : [];
  if (!Array.isArray(raw) || raw.length !== names.length) {
    return internalError(`error ${tag} with malformed parameters ${JSON.stringify(v)}`);
  }
  try {
    const params: Record<string, unknown> = {};
    names.forEach((n, i) => {
      params[n] = (decl.params[n] as AnyCodec).decode(raw[i], `${tag}.${n}`);
    });
    return new IdlError(tag, params);
  } catch (err) {
    return internalError(`error ${tag}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function internalError(message: string): IdlError<'Internal_error', { message: string }> {
  return new IdlError('Internal_error', { message });
}
