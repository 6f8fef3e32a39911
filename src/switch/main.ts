// `xapi-ts message-switch [--state-dir DIR] ...`: run the switch daemon until
// SIGTERM/SIGINT or a shutdown request.
import { parseArgs } from 'node:util';
import { startSwitch, DEFAULT_MAX_MESSAGE_BYTES } from './daemon.js';
import { defaultStateDir } from './paths.js';

const USAGE = `usage: xapi-ts message-switch [options]
  --state-dir DIR          state directory (default $XAPI_TS_STATE_DIR or .state/)
  --socket PATH            socket path (default <state-dir>/switch.sock)
  --durability POLICY      fsync (default: group commit with fdatasync) | none (write only)
  --memory-only            keep persistent queues in memory (no journal)
  --max-message-bytes N    largest request body accepted (default ${DEFAULT_MAX_MESSAGE_BYTES})
  --trace-entries N        trace ring size (default 1024)
  --trace-truncate N       payload characters kept in the trace (default 256)
`;

function int(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive integer`);
  return n;
}

export async function main(args: string[]): Promise<void> {
  let o;
  try {
    o = parseArgs({
      args,
      options: {
        'state-dir': { type: 'string' },
        socket: { type: 'string' },
        durability: { type: 'string' },
        'memory-only': { type: 'boolean' },
        'max-message-bytes': { type: 'string' },
        'trace-entries': { type: 'string' },
        'trace-truncate': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
    if (o.durability !== undefined && o.durability !== 'fsync' && o.durability !== 'none')
      throw new Error('--durability is fsync or none');
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (o.help) {
    process.stdout.write(USAGE);
    return;
  }
  const sw = await startSwitch({
    stateDir: o['state-dir'] ?? defaultStateDir(),
    ...(o.socket ? { socketPath: o.socket } : {}),
    ...(o.durability ? { durability: o.durability as 'fsync' | 'none' } : {}),
    memoryOnly: o['memory-only'] ?? false,
    ...(o['max-message-bytes']
      ? { maxMessageBytes: int(o['max-message-bytes'], '--max-message-bytes') }
      : {}),
    ...(o['trace-entries'] ? { traceEntries: int(o['trace-entries'], '--trace-entries') } : {}),
    ...(o['trace-truncate'] ? { traceTruncate: int(o['trace-truncate'], '--trace-truncate') } : {}),
    onShutdown: () => process.exit(0),
  });
  process.stderr.write(`message-switch: listening on ${sw.socketPath}\n`);
  const quit = (): void => void sw.close().then(() => process.exit(0));
  process.once('SIGTERM', quit);
  process.once('SIGINT', quit);
}
