// Checks the datamodel against the XenAPI's machine-readable reference
// (xenapi.json, read at test time from the shared reference directory):
// whatever we declare must match it; what we leave out is only reported.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inspect, isDeepStrictEqual } from 'node:util';
import { classes, enums, fieldOf, classByName, messagesOf, relations } from './index.js';
import { isErrorCode } from './errors/index.js';
import { tyToString } from './ty-string.js';
import type { LifecycleState, Qualifier, Ty, Value } from './types.js';

interface RefField {
  name: string;
  type: string;
  qualifier: string;
  default?: string;
  lifecycle: { state: string };
}
interface RefMessage {
  name: string;
  params: { name: string; type: string }[];
  result: [string, string];
  roles: string[];
  implicit: boolean;
}
interface RefClass {
  name: string;
  fields: RefField[];
  messages: RefMessage[];
  enums: { name: string; values: { name: string }[] }[];
  lifecycle: { state: string };
}

/** `<dir>/shared/reference/xenapi.json`, looking upwards from the repository root. */
function referencePath(): string {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  for (let dir = resolve(repoRoot, '..'); ; dir = dirname(dir)) {
    const p = join(dir, 'shared/reference/xenapi.json');
    if (existsSync(p)) return p;
    if (dirname(dir) === dir) break;
  }
  throw new Error(`xenapi.json not found in shared/reference/ above ${repoRoot}`);
}

const reference = JSON.parse(readFileSync(referencePath(), 'utf8')) as RefClass[];
const refByName = new Map(reference.map((c) => [c.name, c]));

const QUALIFIERS: Record<string, Qualifier> = {
  RW: 'RW',
  'RO/constructor': 'StaticRO',
  'RO/runtime': 'DynamicRO',
};
const LIFECYCLES: Record<string, LifecycleState> = {
  Published_s: 'published',
  Prototyped_s: 'prototyped',
  Deprecated_s: 'deprecated',
  Removed_s: 'removed',
};

/** Split `a, b` at top level only (map literals nest braces). */
function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '{' || ch === '(') depth++;
    else if (ch === '}' || ch === ')') depth--;
    else if (depth === 0 && s.startsWith(sep, i)) {
      out.push(s.slice(start, i));
      start = i + sep.length;
    }
  }
  out.push(s.slice(start));
  return out.map((x) => x.trim()).filter((x) => x !== '');
}

/** The reference writes defaults in OCaml-ish syntax: `""`, `{}`, `Null`, `0.`, `{"k" -> "v"}`. */
function refDefault(ty: Ty, s: string): Value {
  switch (ty.kind) {
    case 'string':
      assert.ok(s.startsWith('"') && s.endsWith('"'), `string default ${s}`);
      return s.slice(1, -1);
    case 'int':
    case 'float':
      return Number(s);
    case 'bool':
      return s === 'true';
    case 'ref':
      return s === 'Null' ? 'OpaqueRef:NULL' : s;
    case 'datetime':
    case 'enum':
      return s;
    case 'set':
      return splitTop(s.slice(1, -1), ',').map((x) => refDefault(ty.of, x));
    case 'map': {
      const out: Record<string, Value> = {};
      for (const kv of splitTop(s.slice(1, -1), ', ')) {
        const [k = '', v = ''] = kv.split(' -> ');
        out[k.replace(/^"|"$/g, '')] = refDefault(ty.value, v);
      }
      return out;
    }
    default:
      throw new Error(`no default syntax for ${tyToString(ty)}`);
  }
}

/** Collects every mismatch so that one run reports them all. */
class Problems {
  readonly list: string[] = [];
  eq(actual: unknown, expected: unknown, what: string): void {
    if (!isDeepStrictEqual(actual, expected))
      this.list.push(`${what}: ${inspect(actual)} ≠ ${inspect(expected)}`);
  }
  ok(cond: unknown, what: string): void {
    if (!cond) this.list.push(what);
  }
  assertNone(): void {
    assert.deepEqual(this.list, []);
  }
}

const userRoles = (roles: readonly string[]): string[] => roles.filter((r) => r !== 'client-cert').sort();

test('every declared class exists in the reference', () => {
  for (const cls of classes) assert.ok(refByName.has(cls.name), cls.name);
});

test('class flags match the implicit messages of the reference', () => {
  const p = new Problems();
  for (const cls of classes) {
    const ref = refByName.get(cls.name);
    if (!ref) continue;
    const implicit = new Set(ref.messages.filter((m) => m.implicit).map((m) => m.name));
    p.eq(cls.constructorDestructor, implicit.has('create'), `${cls.name} constructorDestructor`);
    p.eq(cls.getAll, implicit.has('get_all'), `${cls.name} getAll`);
    // classes outside the DB have hand-written messages only
    if (!cls.inDb) p.ok(implicit.size === 0, `${cls.name} has implicit messages in the reference`);
    p.eq(cls.lifecycle, LIFECYCLES[ref.lifecycle.state], `${cls.name} lifecycle`);
  }
  p.assertNone();
});

// event.snapshot holds the record of whichever class changed; the reference
// writes that as `<class> record`, we as a value typed at run time.
const FIELD_TYPE_EXCEPTIONS = new Map([['event.snapshot', ['dynamic', '<class> record']]]);

test('fields match the reference in type, qualifier, default and lifecycle', (t) => {
  const p = new Problems();
  for (const cls of classes) {
    const ref = refByName.get(cls.name);
    if (!ref) continue;
    const refFields = new Map(ref.fields.map((f) => [f.name, f]));
    for (const f of cls.fields) {
      const where = `${cls.name}.${f.name}`;
      const r = refFields.get(f.name);
      if (!r) {
        p.ok(false, `${where} is not in the reference`);
        continue;
      }
      const [ours, theirs] = FIELD_TYPE_EXCEPTIONS.get(where) ?? [tyToString(f.ty), r.type];
      p.eq(tyToString(f.ty), ours, `${where} type`);
      p.eq(r.type, theirs, `${where} type in the reference`);
      p.eq(f.qualifier, QUALIFIERS[r.qualifier], `${where} qualifier`);
      p.eq(f.lifecycle, LIFECYCLES[r.lifecycle.state], `${where} lifecycle`);
      if (r.default !== undefined) {
        p.eq(f.default, refDefault(f.ty, r.default), `${where} default`);
      } else if (f.qualifier !== 'DynamicRO') {
        // no default in the reference = mandatory in the constructor
        p.eq(f.default, undefined, `${where} must stay mandatory`);
      }
      const [ns, ...rest] = f.dbName.split('__');
      if (rest.length) p.eq(`${ns}_${rest.join('_')}`, f.name, `${where} DB name`);
      else p.eq(f.dbName, f.name, `${where} DB name`);
    }
    const omitted = ref.fields.filter((r) => !fieldOf(cls, r.name)).map((r) => r.name);
    if (omitted.length) t.diagnostic(`${cls.name}: omitted fields: ${omitted.join(', ')}`);
  }
  p.assertNone();
});

// The reference gives event.from's result as a prose type: the call returns a
// struct that the IDL cannot express, which we describe exactly instead.
const RESULT_EXCEPTIONS = new Set(['event.from']);

test('messages match the reference in parameters, result and roles', (t) => {
  const p = new Problems();
  for (const cls of classes) {
    const ref = refByName.get(cls.name);
    if (!ref) continue;
    const refMsgs = new Map(ref.messages.map((m) => [m.name, m]));
    const ours = messagesOf(cls);
    for (const m of ours) {
      const where = `${cls.name}.${m.name}`;
      const r = refMsgs.get(m.name);
      if (!r) {
        // The reference leaves out messages hidden from the docs
        // (get_all_records_where, get_all_where, secret.introduce);
        // xapi-ts extensions are ours alone.
        p.ok(m.hidden || m.extension, `${where} is not in the reference`);
        if (m.extension) t.diagnostic(`${where}: xapi-ts extension`);
        continue;
      }
      const refParams = r.params.filter((p) => p.name !== 'session_id');
      p.eq(r.params[0]?.name === 'session_id', m.session, `${where} session parameter`);
      p.eq(
        m.params.map((p) => `${p.name}: ${tyToString(p.ty)}`),
        refParams.map((p) => `${p.name}: ${p.type}`),
        `${where} parameters`,
      );
      if (!RESULT_EXCEPTIONS.has(where)) p.eq(tyToString(m.result), r.result[0], `${where} result`);
      p.eq([...m.roles].sort(), userRoles(r.roles), `${where} roles`);
    }
    const names = new Set(ours.map((m) => m.name));
    const omitted = ref.messages.filter((r) => !names.has(r.name)).map((r) => r.name);
    if (omitted.length) t.diagnostic(`${cls.name}: omitted messages: ${omitted.join(', ')}`);
  }
  p.assertNone();
});

test('enums have exactly the values of the reference', () => {
  const refEnums = new Map(reference.flatMap((c) => c.enums.map((e) => [e.name, e])));
  for (const e of enums.values()) {
    const r = refEnums.get(e.name);
    assert.ok(r, `enum ${e.name} is not in the reference`);
    assert.deepEqual(
      e.values.map((v) => v.name),
      r.values.map((v) => v.name),
      `enum ${e.name}`,
    );
  }
});

test('every enum a field or message uses is declared', () => {
  const used = (ty: Ty): string[] => {
    switch (ty.kind) {
      case 'enum':
        return [ty.name];
      case 'set':
      case 'option':
        return used(ty.of);
      case 'map':
        return [...used(ty.key), ...used(ty.value)];
      case 'struct':
        return Object.values(ty.fields).flatMap(used);
      default:
        return [];
    }
  };
  for (const cls of classes) {
    for (const f of cls.fields) {
      for (const n of used(f.ty)) assert.ok(enums.has(n), `${cls.name}.${f.name} uses enum ${n}`);
    }
    for (const m of messagesOf(cls)) {
      for (const ty of [m.result, ...m.params.map((p) => p.ty)]) {
        for (const n of used(ty)) assert.ok(enums.has(n), `${cls.name}.${m.name} uses enum ${n}`);
      }
    }
  }
});

test('every error a message declares is in the registry', () => {
  for (const cls of classes) {
    for (const m of messagesOf(cls)) {
      for (const code of m.errors) assert.ok(isErrorCode(code), `${cls.name}.${m.name}: ${code}`);
    }
  }
});

test('relations link real fields of matching types', () => {
  const seen = new Set<string>();
  for (const rel of relations) {
    const [oneCls, oneField] = rel.one;
    const [manyCls, manyField] = rel.many;
    const one = classByName.get(oneCls);
    const many = classByName.get(manyCls);
    assert.ok(one && many, `${oneCls} / ${manyCls}`);
    const f1 = fieldOf(one, oneField);
    const f2 = fieldOf(many, manyField);
    assert.ok(f1, `${oneCls}.${oneField}`);
    assert.ok(f2, `${manyCls}.${manyField}`);
    const oneTy = rel.kind === 'one-to-many' ? tyToString(f1.ty) : tyToString(f1.ty).replace(/ set$/, '');
    assert.equal(oneTy, `${manyCls} ref`, `${oneCls}.${oneField}`);
    assert.equal(tyToString(f2.ty), `${oneCls} ref set`, `${manyCls}.${manyField}`);
    // the set side is maintained by the database, never by clients
    assert.equal(f2.qualifier, 'DynamicRO', `${manyCls}.${manyField}`);
    for (const key of [rel.one.join('.'), rel.many.join('.')]) {
      assert.ok(!seen.has(key), `${key} is in two relations`);
      seen.add(key);
    }
  }
});
