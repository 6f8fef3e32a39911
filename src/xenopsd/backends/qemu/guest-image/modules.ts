// Kernel modules for the guest initramfs. The Debian .deb ships no modules.dep and
// the host may have no kmod, so the load order is derived here from the `depends=`
// string in each module's .modinfo section.

/** Module names compare with '-' and '_' as the same character, as the kernel does. */
export function moduleName(fileOrName: string): string {
  return fileOrName.replace(/\.ko$/, '').replace(/-/g, '_');
}

/** The `depends=` list of a .ko file's contents (empty when it depends on nothing). */
export function moduleDepends(ko: Buffer): string[] {
  const at = ko.indexOf('\0depends=');
  if (at < 0) return [];
  const start = at + '\0depends='.length;
  const end = ko.indexOf(0, start);
  const list = ko.toString('latin1', start, end < 0 ? undefined : end);
  return list === '' ? [] : list.split(',').map(moduleName);
}

/**
 * The wanted modules plus everything they depend on, dependencies first.
 * `depsOf` answers for a module name, or undefined when no such module exists.
 */
export function loadOrder(
  wanted: readonly string[],
  depsOf: (name: string) => string[] | undefined,
): string[] {
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, chain: readonly string[]): void => {
    const n = moduleName(name);
    const s = state.get(n);
    if (s === 'done') return;
    if (s === 'visiting') throw new Error(`module dependency cycle: ${[...chain, n].join(' -> ')}`);
    const deps = depsOf(n);
    if (deps === undefined)
      throw new Error(`kernel module not found: ${n} (needed by ${chain.join(' -> ') || 'the guest'})`);
    state.set(n, 'visiting');
    for (const d of deps) visit(d, [...chain, n]);
    state.set(n, 'done');
    order.push(n);
  };
  for (const w of wanted) visit(w, []);
  return order;
}
