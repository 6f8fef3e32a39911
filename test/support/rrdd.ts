// An in-process rrdd for tests, on <state>/rrdd.sock, reading the test
// xenopsd (test/support/toolstack.ts) with a clock the test steps: each cycle
// is one 5 s step, so RRD rows complete without waiting.
import { join } from 'node:path';
import { closeServer, createDispatcher, serveHttpUnix } from '../../src/idl/index.js';
import { Rrd } from '../../src/idl/rrd.js';
import { connectXenops } from '../../src/idl/xenops-client.js';
import { Rrdd } from '../../src/rrdd/daemon.js';
import { rrdImplementation } from '../../src/rrdd/rpc.js';

export interface SteppedRrdd {
  readonly rrdd: Rrdd;
  /** For XapiOptions.rrdd.target. */
  readonly target: string;
  /** Milliseconds since the epoch, as rrdd sees them. */
  readonly clock: () => number;
  /** Advance the clock by one 5 s step and read everything, `n` times. */
  cycles(n: number): Promise<void>;
  /** Set the clock (an rrdd restarted where the last one stopped). */
  setClock(ms: number): void;
  stop(): Promise<void>;
}

export async function startSteppedRrdd(stateDir: string, t0 = 1_900_000_000_000): Promise<SteppedRrdd> {
  let now = t0;
  const xenops = connectXenops(`xenops+unix://${join(stateDir, 'xenopsd-test.sock')}`, { timeoutMs: 4000 });
  const rrdd = new Rrdd({
    stateDir,
    intervalMs: 3_600_000, // cycles are run by the test
    clock: () => now,
    vmStats: () => xenops.client.call('HOST.vm_stats', { dbg: 'test' }),
    log: () => {},
  });
  await rrdd.start();
  const socket = join(stateDir, 'rrdd.sock');
  const http = await serveHttpUnix(createDispatcher(Rrd, rrdImplementation(rrdd)), socket);
  return {
    rrdd,
    target: `rrd+unix://${socket}`,
    clock: () => now,
    setClock(ms) {
      now = ms;
    },
    async cycles(n) {
      for (let i = 0; i < n; i++) {
        now += 5000;
        await rrdd.cycle();
      }
    },
    async stop() {
      await closeServer(http);
      await rrdd.stop();
      await xenops.close();
    },
  };
}
