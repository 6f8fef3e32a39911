// XenAPI datetimes: `YYYYMMDDTHH:MM:SSZ`, always UTC.
export function formatDateTime(d: Date): string {
  const iso = d.toISOString(); // 2024-05-10T16:41:04.123Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 19)}Z`;
}

export function now(): string {
  return formatDateTime(new Date());
}

export const DATETIME_UNSET = '19700101T00:00:00Z';

/**
 * Milliseconds since the epoch. The session and task stores read the time through one,
 * so that expiry can be tested by advancing a clock instead of waiting.
 */
export type Clock = () => number;

export const systemClock: Clock = () => Date.now();
