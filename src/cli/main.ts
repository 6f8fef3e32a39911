// `xe`: parse the command line, find the command, connect, run, print, and
// turn failures into xe's messages and exit codes (0 success, 1 failure).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Api } from './api.js';
import { Params, parseArgs, parseRc, splitExtraArgs, type ParsedArgs } from './argv.js';
import type { Command, Ctx, XeIo } from './command.js';
import { commandTable } from './commands/index.js';
import { connect, credentials, resolveTarget, type Connected } from './connect.js';
import { errorLines, ExitWithError, ParamNotFound, UnknownCommand } from './errors.js';
import { usage } from './help.js';
import { Printer, type Mode } from './output.js';
import { RefIndex } from './refs.js';

/** Defaults from `~/.xe` and `XE_EXTRA_ARGS`, which the command line overrides. */
function defaultArgs(env: XeIo['env']): string[] {
  const out: string[] = [];
  const home = env['HOME'];
  const rc = home ? join(home, '.xe') : undefined;
  if (rc && existsSync(rc)) {
    try {
      out.push(...parseRc(readFileSync(rc, 'utf8')).map(([k, v]) => `${k}=${v}`));
    } catch {
      // an unreadable rc file is ignored, as xe does
    }
  }
  if (env['XE_EXTRA_ARGS']) out.push(...splitExtraArgs(env['XE_EXTRA_ARGS']));
  return out;
}

function modeOf(params: Params): Mode {
  if (params.bool('json')) return 'json';
  return params.bool('minimal') ? 'minimal' : 'normal';
}

/** Run one xe command line; resolves to the exit code. Never throws. */
export async function runXe(io: XeIo): Promise<number> {
  let conn: Connected | undefined;
  let refs: RefIndex | undefined;
  let parsed: ParsedArgs | undefined;
  let out: Printer | undefined;
  try {
    parsed = parseArgs(io.argv, defaultArgs(io.env));
    if (parsed.command === undefined) {
      io.stdout.write(usage());
      return 0;
    }
    const cmd: Command | undefined = commandTable().get(parsed.command);
    if (!cmd) throw new UnknownCommand(parsed.command);
    const params = new Params(parsed.params);
    for (const p of cmd.reqd) if (!params.has(p)) throw new ParamNotFound(p);
    out = new Printer(io.stdout, modeOf(params));
    const target = resolveTarget(parsed.connection, io.env);
    let api: Api;
    if (cmd.offline) {
      api = new Api(() => Promise.reject(new Error('no server for this command')), '');
    } else {
      const trace = parsed.connection.debug
        ? (line: string) => void io.stderr.write(`debug: ${line}\n`)
        : undefined;
      conn = await connect(target, credentials(parsed.connection, target), io.transport, trace);
      api = new Api(conn.transport, conn.session);
    }
    refs = new RefIndex(api);
    const ctx: Ctx = { command: cmd.name, api, params, out, refs, io, target };
    await cmd.run(ctx);
    out.flush();
    return 0;
  } catch (e) {
    if (e instanceof ExitWithError) {
      out?.flush();
      return e.code;
    }
    const lines = await errorLines(e, refs);
    io.stderr.write(lines.map((l) => `${l}\n`).join(''));
    return 1;
  } finally {
    await conn?.close();
  }
}

/** Entry point for `xapi-ts xe` and the `xe` bin. */
export async function main(args: string[]): Promise<void> {
  process.exitCode = await runXe({
    argv: args,
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    // Only `console` and confirmation prompts read stdin: opening the stream
    // costs every other command start-up time.
    get stdin() {
      return process.stdin;
    },
    isTTY: process.stderr.isTTY === true,
  });
}
