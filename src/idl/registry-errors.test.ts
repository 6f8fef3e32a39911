// Registry errors across an interface: what a service throws becomes the
// declared IdlError (or Internal_error), and a caller gets the ApiError back.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ApiError, apiError } from '../datamodel/api-error.js';
import { IdlError } from './interface.js';
import { answeringRegistryErrors, fromErrorWire, fromIdlError, toIdlError } from './registry-errors.js';
import { Rrd } from './rrd.js';
import { createDispatcher, type Implementation } from './server.js';
import { Xenops } from './xenops.js';

test('a declared registry code crosses as its IdlError with the registry parameter names, and back', () => {
  const e = apiError('XENOPS_DOES_NOT_EXIST', { kind: 'VM', id: 'vm1' });
  const idl = toIdlError(Xenops, e);
  assert.equal(idl.code, 'XENOPS_DOES_NOT_EXIST');
  assert.deepEqual(idl.params, { kind: 'VM', id: 'vm1' });
  const back = fromIdlError(idl);
  assert.ok(back instanceof ApiError);
  assert.deepEqual(back.toWire(), ['XENOPS_DOES_NOT_EXIST', 'VM', 'vm1']);
});

test('a registry code the interface does not declare, and any other throw, become Internal_error', () => {
  const undeclared = toIdlError(Rrd, apiError('XENOPS_DOES_NOT_EXIST', { kind: 'VM', id: 'vm1' }));
  assert.equal(undeclared.code, 'Internal_error');
  assert.deepEqual(undeclared.params, { message: 'XENOPS_DOES_NOT_EXIST VM vm1' });
  const thrown = toIdlError(Xenops, new Error('boom'));
  assert.deepEqual([thrown.code, thrown.params], ['Internal_error', { message: 'boom' }]);
  const already = new IdlError('Unimplemented', { name: 'X' });
  assert.equal(toIdlError(Xenops, already), already);
});

test('an IdlError that is no registry code, or a non-IdlError, is returned as it is', () => {
  const internal = new IdlError('Internal_error', { message: 'x' });
  assert.equal(fromIdlError(internal), internal);
  const other = new Error('plumbing');
  assert.equal(fromIdlError(other), other);
});

test('a failed task error in wire form: registry codes keep their parameters, others are INTERNAL_ERROR', () => {
  assert.deepEqual(fromErrorWire(['XENOPS_CANCELLED', '7']).toWire(), ['XENOPS_CANCELLED', '7']);
  assert.deepEqual(fromErrorWire(['No_such_code', 'a', 'b']).toWire(), [
    'INTERNAL_ERROR',
    'No_such_code a b',
  ]);
});

test('a wrapped implementation answers what its handlers throw as declared errors on the wire', async () => {
  const impl = {
    'HOST.query_data_source': () => {
      throw apiError('INVALID_VALUE', { field: 'ds', value: 'nope' });
    },
    'HOST.get_data_sources': () => {
      throw new Error('disk on fire');
    },
  } as unknown as Implementation<typeof Rrd>;
  const d = createDispatcher(Rrd, answeringRegistryErrors(Rrd, impl));
  const call = async (method: string, params: unknown): Promise<unknown> =>
    JSON.parse(await d.handle(JSON.stringify({ jsonrpc: '2.0', method, params: [params], id: 1 }), 'test'));
  const bad = (await call('HOST.query_data_source', { dbg: 't', ds: 'nope' })) as { error: unknown };
  assert.deepEqual(bad.error, ['INVALID_VALUE', ['ds', 'nope']]);
  const r = (await call('HOST.get_data_sources', { dbg: 't' })) as { error: unknown };
  assert.deepEqual(r.error, ['Internal_error', 'disk on fire']);
});
