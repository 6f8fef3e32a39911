// How a failed command ends, in xe's words and with xe's exit code (1 for
// every failure). Server errors print their sentence and parameters, with
// references shown as `uuid (name)` when the CLI can find them.
import { XenApiFailure } from '../client/transport.js';
import { classByLowerName } from '../datamodel/index.js';
import { SyntaxError as ArgSyntaxError } from './argv.js';
import { errorWords, paramLines } from './error-words.js';
import type { RefIndex } from './refs.js';

/** A failure found by the CLI itself: printed as `Error: <message>`. */
export class CliFailure extends Error {}

/** A required parameter is missing. */
export class ParamNotFound extends Error {}

export class UnknownCommand extends Error {}

/** The server could not be reached. */
export class ConnectFailure extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** A command that already reported its own failures (e.g. some of a `--multiple`). */
export class ExitWithError extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

const USAGE_HINT = "For usage run: 'xe help'";

async function refText(refs: RefIndex | undefined, paramName: string, value: string): Promise<string> {
  if (!refs || !value.startsWith('OpaqueRef:')) return value;
  // The parameter's name usually says the class of the reference (vm, host, sr, ...).
  const cls = classByLowerName.get(paramName.toLowerCase())?.name;
  const info = refs.info(value) ?? (cls ? await refs.resolve(cls, value) : undefined);
  if (!info) return value;
  return info.nameLabel !== undefined ? `${info.uuid} (${info.nameLabel})` : info.uuid;
}

/** The lines xe writes on stderr for a server error. */
export async function serverErrorLines(
  code: string,
  params: readonly string[],
  refs?: RefIndex,
): Promise<string[]> {
  if (code === 'SESSION_AUTHENTICATION_FAILED') {
    return [params[0] ? 'Authentication failed' : 'Username/password must be specified', USAGE_HINT];
  }
  const words = errorWords(code);
  if (!words) return [`Error code: ${code}`, `Error parameters: ${params.join(', ')}`];
  const values = await Promise.all(params.map((p, i) => refText(refs, words.params[i] ?? '', p)));
  return [words.sentence, ...paramLines(words.params, values)];
}

/** Every failure as the lines to print on stderr. */
export async function errorLines(e: unknown, refs?: RefIndex): Promise<string[]> {
  if (e instanceof XenApiFailure) return serverErrorLines(e.code, e.params, refs);
  if (e instanceof CliFailure) return [`Error: ${e.message}`];
  if (e instanceof ParamNotFound) return [`Required parameter not found: ${e.message}`, USAGE_HINT];
  if (e instanceof UnknownCommand) return [`Unknown command: ${e.message}`, USAGE_HINT];
  if (e instanceof ArgSyntaxError) return [`Syntax error: ${e.message}`, USAGE_HINT];
  if (e instanceof ConnectFailure) return [e.message, ...(e.hint ? [e.hint] : [])];
  const msg = e instanceof Error ? e.message : String(e);
  return serverErrorLines('INTERNAL_ERROR', [msg], refs);
}
