// host.call_plugin as xapi runs its plug-ins: an executable file of the
// plug-in directory (only names listed there, so nothing outside it can be
// named) is executed with one argument, an XML-RPC methodCall of the function
// with the caller's session and the arguments as a struct; it writes an
// XML-RPC methodResponse on stdout. XenAPIPlugin.py answers a struct
// {Status: Success, Value} or {Status: Failure, ErrorDescription: [code, …]};
// a <fault> is reported too. Failures carry xapi's XENAPI_PLUGIN_FAILURE
// parameters (status, stdout, stderr).
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiError, apiError } from '../../datamodel/api-error.js';
import { isErrorCode, type ErrorCode } from '../../datamodel/errors/index.js';
import { t } from '../../datamodel/build.js';
import { RpcParseError, type RawValue } from '../../rpc/raw.js';
import { encodeXmlCall, encodeXmlValueFragment } from '../../rpc/xml-encode.js';
import { parseXmlResponse } from '../../rpc/xml-parse.js';

/** Where xapi keeps its plug-ins. */
export const DEFAULT_PLUGINS_DIR = '/etc/xapi.d/plugins';

/** What a plug-in may write before it is stopped (xapi buffers it all; a bound keeps xapi alive). */
const MAX_OUTPUT = 64 * 1024 * 1024;

/** A plug-in's path, if `name` is one of the directory's entries; else XENAPI_MISSING_PLUGIN. */
export async function findPlugin(dir: string, name: string): Promise<string> {
  const missing = apiError('XENAPI_MISSING_PLUGIN', { name });
  // readdir never lists these, but say so before touching the file system.
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0'))
    throw missing;
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    throw missing;
  }
  if (!entries.includes(name)) throw missing;
  return join(dir, name);
}

/** The methodCall a plug-in receives as its argument. */
export function pluginCall(fn: string, session: string, args: Readonly<Record<string, string>>): string {
  return encodeXmlCall(fn, [encodeXmlValueFragment(session, t.string), encodeXmlValueFragment(args, t.smap)]);
}

const failure = (status: string, stdout: string, stderr: string): ApiError =>
  apiError('XENAPI_PLUGIN_FAILURE', { status, stdout, stderr });

function scalarText(v: RawValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (v.t === 'string' || v.t === 'int' || v.t === 'i4' || v.t === 'i8' || v.t === 'double') return v.v;
  if (v.t === 'boolean' || v.t === 'dateTime.iso8601' || v.t === 'base64') return v.v;
  return undefined;
}

function member(v: RawValue, name: string): RawValue | undefined {
  if (v.t !== 'struct') return undefined;
  let found: RawValue | undefined;
  for (const [k, x] of v.v) if (k === name) found = x;
  return found;
}

/**
 * A plug-in's own error. Its code is whatever the plug-in raised (plug-ins
 * define their own), so it travels as xapi sends it: code and parameters as
 * given. Codes the registry knows keep their registered meaning.
 */
function pluginError(code: string, params: readonly string[]): ApiError {
  if (isErrorCode(code)) return new ApiError(code, params);
  // A code outside the registry is the plug-in's word, not ours: pass it on unchanged, as xapi does.
  return new ApiError(code as ErrorCode, params);
}

/** The plug-in's answer: the result string, or the error it reports (pure). */
export function pluginResult(output: string): string {
  let response;
  try {
    response = parseXmlResponse(output);
  } catch (e) {
    if (e instanceof RpcParseError) throw failure('failed to parse plugin output', output, e.reason);
    throw e;
  }
  if (response.kind === 'fault') {
    const code = scalarText(member(response.fault, 'faultCode')) ?? '';
    const reason = scalarText(member(response.fault, 'faultString')) ?? '';
    throw failure('fault', code, reason);
  }
  const [only] = response.params;
  const status = response.params.length === 1 && only ? scalarText(member(only, 'Status')) : undefined;
  if (only && status === 'Success') {
    const value = scalarText(member(only, 'Value'));
    if (value !== undefined) return value;
  }
  if (only && status === 'Failure') {
    const desc = member(only, 'ErrorDescription');
    const strings = desc?.t === 'array' ? desc.v.map(scalarText) : [];
    const [code, ...params] = strings;
    if (code !== undefined && params.every((p) => p !== undefined))
      throw pluginError(code, params as string[]);
  }
  throw apiError('XENAPI_PLUGIN_FAILURE', { status: 'unexpected XMLRPC result', stdout: output, stderr: '' });
}

export interface PluginRun {
  readonly dir: string;
  readonly plugin: string;
  readonly fn: string;
  readonly session: string;
  readonly args: Readonly<Record<string, string>>;
  readonly signal?: AbortSignal;
  /** Extra environment for the plug-in (where this xapi serves, for plug-ins that call back). */
  readonly env?: NodeJS.ProcessEnv;
}

/** Run a plug-in function and return its result string. */
export async function callPlugin(run: PluginRun): Promise<string> {
  const path = await findPlugin(run.dir, run.plugin);
  const call = pluginCall(run.fn, run.session, run.args);
  const { stdout, stderr, code, signal } = await new Promise<{
    stdout: string;
    stderr: string;
    code: number | null;
    signal: NodeJS.Signals | null;
  }>((resolve) => {
    const child = spawn(path, [call], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...run.env },
      ...(run.signal ? { signal: run.signal } : {}),
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let size = 0;
    const take = (into: Buffer[]) => (d: Buffer) => {
      size += d.length;
      if (size > MAX_OUTPUT) child.kill('SIGKILL');
      else into.push(d);
    };
    child.stdout.on('data', take(out));
    child.stderr.on('data', take(err));
    let spawnError = '';
    child.on('error', (e) => {
      spawnError = e.message;
    });
    child.on('close', (code, signal) =>
      resolve({
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8') + spawnError,
        code: code ?? (signal ? null : 1),
        signal,
      }),
    );
  });
  if (signal) throw failure(`signal: ${signal}`, stdout, stderr);
  if (code !== 0) throw failure('non-zero exit', stdout, stderr);
  return pluginResult(stdout);
}
