// What the daemon loop calls once per cycle: the host collector here, one
// collector per VM backend elsewhere.
import type { Reading } from '../rrd/types.js';

export interface Collector {
  readonly name: string;
  collect(): Promise<Reading[]>;
}
