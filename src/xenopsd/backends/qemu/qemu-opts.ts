// QEMU's `key=value,...` option syntax.

/** A value inside an option string: commas are escaped by doubling. */
export function optValue(v: string | number | boolean): string {
  if (typeof v === 'boolean') return v ? 'on' : 'off';
  return String(v).replace(/,/g, ',,');
}

/** `head,key=value,...` with values escaped; undefined values are left out. */
export function opts(
  head: string,
  kv: Readonly<Record<string, string | number | boolean | undefined>>,
): string {
  const parts = head === '' ? [] : [head];
  for (const [k, v] of Object.entries(kv)) if (v !== undefined) parts.push(`${k}=${optValue(v)}`);
  return parts.join(',');
}
