// The one way tests assert a XenAPI error: the call must fail with this code
// (from the datamodel's registry, so a misspelt code does not compile) and,
// when given, exactly these parameters. Accepts the client's XenApiFailure,
// an in-process ApiError, and any error of that shape (the IDL clients').
import assert from 'node:assert/strict';
import type { ErrorCode } from '../../src/datamodel/errors/index.js';

interface Coded extends Error {
  readonly code: string;
  readonly params: readonly string[];
}

function isCoded(e: unknown): e is Coded {
  if (!(e instanceof Error)) return false;
  const { code, params } = e as Error & { code?: unknown; params?: unknown };
  return typeof code === 'string' && Array.isArray(params) && params.every((p) => typeof p === 'string');
}

/**
 * Awaits `call` (a promise, or a function to call), asserts that it fails with `code`
 * and, if `params` is given, with exactly those parameters; resolves with the parameters.
 */
export async function failure(
  call: Promise<unknown> | (() => unknown),
  code: ErrorCode,
  params?: readonly string[],
): Promise<readonly string[]> {
  let error: unknown;
  try {
    await (typeof call === 'function' ? call() : call);
  } catch (e) {
    error = e;
  }
  if (error === undefined) assert.fail(`expected ${code}, but the call succeeded`);
  if (!isCoded(error)) throw error;
  assert.equal(error.code, code, `expected ${code}, got ${error.message}`);
  if (params) assert.deepEqual(error.params, params, `the parameters of ${code}`);
  return error.params;
}
