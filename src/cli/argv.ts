// xe's command line, tokenised. xe's syntax is not a POSIX/GNU one: options
// are multi-letter words behind a single dash taking a value (`-pw secret`,
// `-pwf file`), every command parameter is a bare `key=value` word (keys may
// hold colons, `other-config:owner=me`), and `--name` is a switch that means
// `name=true`. node:util's parseArgs and the usual libraries reject `-pw`
// as a bundle of short flags and cannot express `key=value` operands, so this
// small tokenizer follows xe's own rules instead:
//  - connection words (`-s`, `-p`, `-u`, `-pw`, `-pwf`, `-h`, `--nossl`,
//    `--debug`, `--debug-on-fail`, `--traceparent`, and their `server=`,
//    `port=`, `username=`, `password=`, `passwordfile=` forms) may appear
//    anywhere and are taken out;
//  - the first remaining word is the command; it may not contain `=`;
//  - `--x` gives `x=true`; `key=value` splits at the first `=`; a bare word
//    `key` gives `key=` (empty value); any other `-x` is an unknown switch.

export interface Connection {
  readonly server?: string;
  readonly port?: string;
  readonly username?: string;
  readonly password?: string;
  readonly passwordFile?: string;
  readonly nossl?: boolean;
  readonly debug?: boolean;
}

export interface ParsedArgs {
  readonly command: string | undefined;
  /** Command parameters in command-line order; the first of a repeated key wins. */
  readonly params: readonly (readonly [string, string])[];
  readonly connection: Connection;
}

/** A command line that cannot be understood; xe reports it as a syntax error. */
export class SyntaxError extends Error {}

const KEYWORDS: Readonly<Record<string, keyof Connection>> = {
  server: 'server',
  port: 'port',
  username: 'username',
  password: 'password',
  passwordfile: 'passwordFile',
  nossl: 'nossl',
  debug: 'debug',
  debugonfail: 'debug',
};

const SWITCHES: Readonly<Record<string, string>> = {
  '-s': 'server',
  '-h': 'server',
  '-p': 'port',
  '-u': 'username',
  '-pw': 'password',
  '-pwf': 'passwordfile',
};

const FLAGS: Readonly<Record<string, string>> = {
  '--nossl': 'nossl',
  '--debug': 'debug',
  '--debug-on-fail': 'debugonfail',
};

function setKeyword(conn: Record<string, string | boolean>, key: string, value: string): boolean {
  const k = KEYWORDS[key];
  if (k === undefined) return false;
  conn[k] = k === 'nossl' || k === 'debug' ? value === 'true' : value;
  return true;
}

/**
 * Split xe's `XE_EXTRA_ARGS`: words separated by commas, `\,` for a literal comma.
 */
export function splitExtraArgs(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\' && s[i + 1] === ',') {
      cur += ',';
      i++;
    } else if (c === ',') {
      if (cur) out.push(cur);
      cur = '';
    } else cur += c;
  }
  if (cur) out.push(cur);
  return out;
}

/** `key=value` lines of an rc file (`~/.xe`); blank lines and `#` comments are skipped. */
export function parseRc(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq > 0) out.push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
  }
  return out;
}

/**
 * Parse an xe command line. `defaults` (from `~/.xe` then `XE_EXTRA_ARGS`)
 * come first, so the command line overrides them.
 */
export function parseArgs(argv: readonly string[], defaults: readonly string[] = []): ParsedArgs {
  const conn: Record<string, string | boolean> = {};
  const words: string[] = [];
  const all = [...defaults, ...argv];
  for (let i = 0; i < all.length; i++) {
    const a = all[i] as string;
    const sw = SWITCHES[a];
    if (sw !== undefined) {
      const v = all[i + 1];
      if (v === undefined) throw new SyntaxError(`Switch ${a} requires a parameter`);
      setKeyword(conn, sw, v);
      i++;
      continue;
    }
    if (a === '--traceparent') {
      i++; // accepted for compatibility; tracing is not implemented
      continue;
    }
    const flag = FLAGS[a];
    if (flag !== undefined) {
      setKeyword(conn, flag, 'true');
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0 && setKeyword(conn, a.slice(0, eq), a.slice(eq + 1))) continue;
    words.push(a);
  }
  const [command, ...rest] = words;
  if (command !== undefined && command.includes('=')) throw new SyntaxError('command name is missing');
  const params: [string, string][] = [];
  for (const w of rest) {
    if (w.startsWith('--')) params.push([w.slice(2), 'true']);
    else if (w.startsWith('-') && !w.includes('=')) throw new SyntaxError(`Unknown switch: ${w}`);
    else {
      const eq = w.indexOf('=');
      params.push(eq < 0 ? [w, ''] : [w.slice(0, eq), w.slice(eq + 1)]);
    }
  }
  return { command, params, connection: conn as Connection };
}

/** Parameters as a lookup: the first occurrence of a key wins, as in xe. */
export class Params {
  private readonly map = new Map<string, string>();
  constructor(readonly list: readonly (readonly [string, string])[]) {
    for (const [k, v] of list) if (!this.map.has(k)) this.map.set(k, v);
  }
  get(k: string): string | undefined {
    return this.map.get(k);
  }
  has(k: string): boolean {
    return this.map.has(k);
  }
  /** xe's boolean parameters: `--force` or `force=true`. */
  bool(k: string): boolean {
    const v = this.map.get(k);
    return v !== undefined && v.toLowerCase() === 'true';
  }
  keys(): string[] {
    return [...this.map.keys()];
  }
  /** `prefix:key=value` parameters as a map (`other-config:` etc.). */
  mapOf(prefix: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of this.list) if (k.startsWith(`${prefix}:`)) out[k.slice(prefix.length + 1)] = v;
    return out;
  }
}

/** Parameters every command accepts; never used as filters. */
export const STD_PARAMS: readonly string[] = [
  'server',
  'password',
  'port',
  'username',
  'minimal',
  'force',
  'multiple',
  'all',
  'message-priority',
  'trace',
  'json',
];
