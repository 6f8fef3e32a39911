// A clock that moves only when a test moves it, for the stores that take one
// (sessions, tasks): expiry is tested by advancing it, never by waiting.
import type { Clock } from '../../src/xapi/time.js';

export interface FakeClock {
  /** The clock to hand to the store. */
  readonly clock: Clock;
  /** Move the clock forward by `ms`. */
  advance(ms: number): void;
}

export function fakeClock(start = Date.UTC(2026, 0, 1)): FakeClock {
  let t = start;
  return {
    clock: () => t,
    advance(ms) {
      if (ms < 0) throw new Error('a clock only moves forward');
      t += ms;
    },
  };
}
