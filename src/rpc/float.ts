// Number formatting as xapi writes it: floats with C's "%.16g", 64-bit ints in decimal.

function stripZeros(s: string): string {
  if (s.indexOf('.') < 0) return s;
  let end = s.length;
  while (s.charCodeAt(end - 1) === 48 /* 0 */) end--;
  if (s.charCodeAt(end - 1) === 46 /* . */) end--;
  return s.slice(0, end);
}

/** Adds one to a string of decimal digits; `999` → `1000`. */
function incrementDigits(d: string): string {
  let i = d.length - 1;
  while (i >= 0 && d.charCodeAt(i) === 57 /* 9 */) i--;
  if (i < 0) return '1' + '0'.repeat(d.length);
  return d.slice(0, i) + String.fromCharCode(d.charCodeAt(i) + 1) + '0'.repeat(d.length - 1 - i);
}

const NONZERO = /[1-9]/;

/**
 * `printf("%.16g", x)`: 16 significant digits rounded half-to-even (as glibc
 * does on the exact binary value), trailing zeros removed, exponent form
 * (`1e-05`, `1.5e+20`) below 1e-4 or from 1e16 on; `nan`, `inf`, `-inf`.
 */
export function formatG16(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e16) return Object.is(x, -0) ? '-0' : String(x);
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const ax = Math.abs(x);
  let head: string;
  let exp: number;
  const e17 = ax.toExponential(16);
  if (e17.charCodeAt(e17.indexOf('e') - 1) !== 53 /* 5 */) {
    // No possible tie at the 17th digit: JavaScript's rounding (half up) is glibc's.
    const e = ax.toExponential(15);
    const ei = e.indexOf('e');
    head = e[0] + e.slice(2, ei);
    exp = Number(e.slice(ei + 1));
  } else {
    // 101 significant digits: enough to see whether the 17th digit on is an exact tie.
    const e = ax.toExponential(100);
    const ei = e.indexOf('e');
    exp = Number(e.slice(ei + 1));
    const all = e[0] + e.slice(2, ei);
    head = all.slice(0, 16);
    const next = all.charCodeAt(16);
    if (next > 53 || (next === 53 && (NONZERO.test(all.slice(17)) || (head.charCodeAt(15) & 1) === 1))) {
      head = incrementDigits(head);
      if (head.length > 16) {
        head = head.slice(0, 16);
        exp++;
      }
    }
  }
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= 16) {
    const abs = Math.abs(exp);
    return `${sign}${stripZeros(head[0] + '.' + head.slice(1))}e${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
  }
  if (exp < 0) return `${sign}${stripZeros('0.' + '0'.repeat(-exp - 1) + head)}`;
  return `${sign}${stripZeros(head.slice(0, exp + 1) + '.' + head.slice(exp + 1))}`;
}

/** An int64 value in decimal: exact digits of the double, never in exponent form. */
export function formatInt(x: number): string {
  return Math.abs(x) <= Number.MAX_SAFE_INTEGER ? String(x) : BigInt(x).toString();
}
