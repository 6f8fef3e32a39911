// XenAPI datetimes: always `YYYYMMDDTHH:MM:SSZ` (UTC) in memory and on the wire.
// Inputs may also be RFC 3339 (`2024-05-10T16:41:04.123+02:00`), or either form
// without a time zone (taken as UTC); fractions of a second are dropped.

const DATETIME =
  /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})(?:[.,]\d+)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** The canonical form of a datetime string, or undefined if it is not one. */
export function normaliseDatetime(s: string): string | undefined {
  const m = DATETIME.exec(s);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, se, tz] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(se);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return undefined;
  // Reject days past the end of the month (Date.UTC would roll them over).
  if (day > daysInMonth(year, month)) return undefined;
  let offsetMin = 0;
  if (tz !== undefined && tz !== 'Z' && tz !== 'z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    const oh = Number(digits.slice(0, 2));
    const om = digits.length > 2 ? Number(digits.slice(2)) : 0;
    if (oh > 23 || om > 59) return undefined;
    offsetMin = sign * (oh * 60 + om);
  }
  if (offsetMin === 0 && second < 60) {
    // Already UTC: no arithmetic needed.
    return `${y}${mo}${d}T${h}:${mi}:${se}Z`;
  }
  // setUTCFullYear, unlike Date.UTC, does not map years 0..99 to 19xx.
  const t = new Date(0);
  t.setUTCFullYear(year, month - 1, day);
  t.setUTCHours(hour, minute - offsetMin, Math.min(second, 59));
  const outYear = t.getUTCFullYear();
  if (outYear < 0 || outYear > 9999) return undefined;
  return formatDatetime(t);
}

/** A Date as `YYYYMMDDTHH:MM:SSZ`. */
export function formatDatetime(t: Date): string {
  return (
    pad(t.getUTCFullYear(), 4) +
    pad(t.getUTCMonth() + 1, 2) +
    pad(t.getUTCDate(), 2) +
    'T' +
    pad(t.getUTCHours(), 2) +
    ':' +
    pad(t.getUTCMinutes(), 2) +
    ':' +
    pad(t.getUTCSeconds(), 2) +
    'Z'
  );
}
