// How RRD numbers are written and read back. xapi prints values with C's
// "%0.5g" and spells the special values the way C# and JavaScript clients
// expect ("NaN", "Infinity", "-Infinity"); zero is written "0.0". Clients
// (XenCenter, Xen Orchestra) parse these strings, so the shapes matter.

/** A float as xapi's RRD code prints it: `%0.5g`, with NaN/Infinity spelled out. */
export function formatRrdFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  if (x === 0) return '0.0';
  // Fast path (the export formats ~10^6 values): for 1e-4 <= |x| < 1e5 after
  // rounding, JavaScript's toPrecision uses fixed notation exactly when C does.
  const ax = x < 0 ? -x : x;
  if (ax >= 1e-4 && ax < 1e5) {
    const p = x.toPrecision(5);
    if (p.indexOf('e') < 0) return stripZeros(p);
  }
  return formatG(x, 5);
}

/** A float written without loss (for files we read back ourselves). */
export function formatExactFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return String(x);
}

/**
 * C's `%.<precision>g`: the exponent X is that of the `%e` conversion after
 * rounding; `%e` style is used when X < -4 or X >= precision, and trailing
 * zeros (and a trailing point) are removed.
 */
export function formatG(x: number, precision: number): string {
  const p = precision === 0 ? 1 : precision;
  const exp = x.toExponential(p - 1); // e.g. "1.2346e+9"
  const e = Number(exp.slice(exp.indexOf('e') + 1));
  if (e < -4 || e >= p) {
    const [mant = '', ex = ''] = exp.split('e');
    const sign = ex.startsWith('-') ? '-' : '+';
    const digits = ex.replace(/^[+-]/, '').padStart(2, '0');
    return `${stripZeros(mant)}e${sign}${digits}`;
  }
  return stripZeros(x.toFixed(p - 1 - e));
}

function stripZeros(s: string): string {
  if (s.indexOf('.') < 0) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (s.charCodeAt(end - 1) === 46 /* . */) end--;
  return end === s.length ? s : s.slice(0, end);
}

/**
 * Parse a number written by either formatter above, or by OCaml/rrdtool
 * ("nan", "inf", "-inf" too). Returns undefined for anything else.
 */
export function parseRrdFloat(s: string): number | undefined {
  const t = s.trim();
  switch (t.toLowerCase()) {
    case 'nan':
    case '-nan':
      return NaN;
    case 'infinity':
    case 'inf':
    case '+inf':
    case '+infinity':
      return Infinity;
    case '-infinity':
    case '-inf':
      return -Infinity;
  }
  if (t === '' || !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return undefined;
  return Number(t);
}
