// Request/response pairs pinned byte for byte under test/golden/wire/.
// Requests are as clients send them (XenAPI.py, Xen Orchestra); responses are
// what we answer. After an intended change to the wire output (or to the task
// class), rewrite the responses with UPDATE_GOLDEN=1 and review the diff.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { t } from '../../src/datamodel/build.js';
import type { ParamDecl, Ty, Value } from '../../src/datamodel/types.js';
import {
  decodeParams,
  encodeFailure,
  encodeSuccess,
  parseJsonRequest,
  parseXmlRequest,
  type RpcRequest,
} from '../../src/rpc/index.js';
import { sampleTask } from './fixtures.js';

const dir = join(import.meta.dirname, '..', 'golden', 'wire');
const S = 'OpaqueRef:8e2b6a6c-5f0e-4b7a-9d3c-1a2b3c4d5e6f';
const T = 'OpaqueRef:3f1c9a2e-7d4b-4e8a-b5c6-9d0e1f2a3b4c';
const V = 'OpaqueRef:9a53e8c4-1b2d-4c3e-8f5a-6b7c8d9e0f1a';

const p = (name: string, ty: Ty, dflt?: Value): ParamDecl => ({
  name,
  ty,
  doc: '',
  ...(dflt === undefined ? {} : { default: dflt }),
});

interface Case {
  readonly name: string;
  readonly method: string;
  readonly decls: readonly ParamDecl[];
  readonly params: readonly (Value | undefined)[];
  readonly answer: { value: Value; ty: Ty; raw?: boolean } | { error: string[] };
}

const login: Omit<Case, 'name' | 'params'> = {
  method: 'session.login_with_password',
  decls: [
    p('uname', t.string),
    p('pwd', t.string),
    p('version', t.string, '1.1'),
    p('originator', t.string, ''),
  ],
  answer: { value: S, ty: t.ref('session') },
};
const getRecord: Omit<Case, 'name'> = {
  method: 'task.get_record',
  decls: [p('session_id', t.ref('session')), p('self', t.ref('task'))],
  params: [S, T],
  answer: { value: sampleTask(), ty: t.record('task') },
};
const failure: Omit<Case, 'name'> = {
  method: 'VM.start',
  decls: [
    p('session_id', t.ref('session')),
    p('vm', t.ref('VM')),
    p('start_paused', t.bool),
    p('force', t.bool),
  ],
  params: [S, V, false, true],
  answer: { error: ['SESSION_INVALID', S] },
};
const listMethods: Omit<Case, 'name'> = {
  method: 'system.listMethods',
  decls: [],
  params: [],
  answer: {
    value: ['session.login_with_password', 'task.get_record', 'task.get_all_records'],
    ty: t.set(t.string),
    raw: true,
  },
};

const cases: Case[] = [
  { name: 'xml-login', ...login, params: ['root', 's3cr&t', '1.0', 'my-originator'] },
  { name: 'xml-task-get-record', ...getRecord },
  { name: 'xml-failure', ...failure },
  { name: 'xml-list-methods', ...listMethods },
  { name: 'json-login', ...login, params: ['root', 's3cr&t', '1.1', ''] },
  { name: 'json-task-get-record', ...getRecord },
  { name: 'json-failure', ...failure },
  { name: 'json-list-methods', ...listMethods },
];

for (const c of cases) {
  test(c.name, () => {
    const ext = c.name.startsWith('xml') ? 'xml' : 'json';
    const body = readFileSync(join(dir, `${c.name}.request.${ext}`));
    const req: RpcRequest = ext === 'xml' ? parseXmlRequest(body) : parseJsonRequest(body);
    assert.equal(req.method, c.method);
    assert.deepEqual(decodeParams(req.params, c.decls, req), c.params);

    const out =
      'error' in c.answer
        ? encodeFailure(req, c.answer.error)
        : encodeSuccess(req, c.answer.value, c.answer.ty, c.answer.raw);
    const golden = join(dir, `${c.name}.response.${ext}`);
    if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(golden, out);
    assert.equal(out, readFileSync(golden, 'utf8'));
  });
}
