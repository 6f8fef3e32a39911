// Knowing that a call has reached a component, without sleeping: `obj[method]`
// keeps working as before, and `reached(n)` resolves once it has been entered
// n times in all (e.g. a client's long poll has arrived at the server).
export interface CallCount {
  readonly count: number;
  reached(n: number): Promise<void>;
}

export function countCalls<K extends string, O extends Record<K, (...args: never[]) => unknown>>(
  obj: O,
  method: K,
): CallCount {
  const real = obj[method].bind(obj) as (...args: never[]) => unknown;
  let count = 0;
  const waiters: { n: number; resolve: () => void }[] = [];
  const counted = (...args: never[]): unknown => {
    count++;
    for (const w of waiters.filter((w) => w.n <= count)) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
    return real(...args);
  };
  Object.assign(obj, { [method]: counted });
  return {
    get count() {
      return count;
    },
    reached: (n) => (n <= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ n, resolve }))),
  };
}
