// What a command is and what it runs with. The CLI runs in any process with
// injected streams, environment and transport, so tests drive it in-process.
import type { Transport } from '../client/transport.js';
import { messages } from '../datamodel/index.js';
import type { Api } from './api.js';
import type { Params } from './argv.js';
import type { Printer, Writable } from './output.js';
import type { RefIndex } from './refs.js';

export interface XeIo {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Raw input for `console`; prompts are not used. */
  readonly stdin?: NodeJS.ReadableStream;
  /** Whether stderr is a terminal (progress bars). */
  readonly isTTY?: boolean;
  /** A ready transport instead of connecting by the command line's settings (tests). */
  readonly transport?: Transport;
}

export interface Ctx {
  readonly command: string;
  readonly api: Api;
  readonly params: Params;
  readonly out: Printer;
  readonly refs: RefIndex;
  readonly io: XeIo;
  /** Where the server is, for the HTTP handlers (console). */
  readonly target: { readonly url?: string; readonly socketPath?: string };
}

export type Selectors = 'vm' | 'host' | 'sr';

export interface Command {
  readonly name: string;
  readonly reqd: readonly string[];
  readonly optn: readonly string[];
  readonly help: string;
  /** Shown in `xe help` without `--all`. */
  readonly standard?: boolean;
  /** Objects are chosen by selectors (`vm=`, field filters, `--multiple`). */
  readonly selectors?: Selectors;
  /** XenAPI messages the command calls, `Class.message`. */
  readonly uses?: readonly string[];
  /** Runs without a server (help). */
  readonly offline?: boolean;
  run(ctx: Ctx): Promise<void>;
}

/** The messages a command needs that the datamodel does not have (yet). */
export function missingMessages(cmd: Command): string[] {
  return (cmd.uses ?? []).filter((m) => !messages.has(m));
}
