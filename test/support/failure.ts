// The one way tests assert an error code: the call must fail with this code
// (from the datamodel's registry, so a misspelt code does not compile) and,
// when given, exactly these parameters. Accepts the client's XenApiFailure and
// an in-process ApiError (parameters as a list), and an IDL client's error
// (named parameters, compared as the list of their values in order).
import assert from 'node:assert/strict';
import type { ErrorCode } from '../../src/datamodel/errors/index.js';

/** `[code, params]` of an error that carries a code, or undefined. */
function codeOf(e: unknown): [string, readonly unknown[]] | undefined {
  if (!(e instanceof Error)) return undefined;
  const { code, params } = e as Error & { code?: unknown; params?: unknown };
  if (typeof code !== 'string') return undefined;
  if (Array.isArray(params)) return [code, params];
  if (typeof params === 'object' && params !== null) return [code, Object.values(params)];
  return [code, []];
}

/**
 * Awaits `call` (a promise, or a function to call), asserts that it fails with `code`
 * and, if `params` is given, with exactly those parameters; resolves with the parameters.
 */
export async function failure(
  call: Promise<unknown> | (() => unknown),
  code: ErrorCode,
  params?: readonly unknown[],
): Promise<readonly unknown[]> {
  let error: unknown;
  try {
    await (typeof call === 'function' ? call() : call);
  } catch (e) {
    error = e ?? new Error('rejected with nothing');
  }
  if (error === undefined) assert.fail(`expected ${code}, but the call succeeded`);
  const coded = codeOf(error);
  if (!coded) throw error;
  assert.equal(coded[0], code, `expected ${code}, got ${(error as Error).message}`);
  if (params) assert.deepEqual(coded[1], params, `the parameters of ${code}`);
  return coded[1];
}
