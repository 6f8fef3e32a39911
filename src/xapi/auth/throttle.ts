// A limit on how many authentications run at once (xapi's auth semaphores).
// The limit is read at every acquisition and release, so a new value
// (pool.set_local_auth_max_threads) applies at once: to calls that arrive
// afterwards and to those already waiting.
export class Throttle {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: () => number) {}

  /** Calls running now. */
  get active(): number {
    return this.running;
  }

  /** Calls waiting for a turn. */
  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running < this.max()) this.running++;
    // A waiter is counted as running by whoever wakes it, so no newcomer can take its turn.
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      this.running--;
      this.wake();
    }
  }

  private max(): number {
    return Math.max(1, this.limit());
  }

  private wake(): void {
    while (this.waiting.length && this.running < this.max()) {
      this.running++;
      (this.waiting.shift() as () => void)();
    }
  }
}
