// The signals a running guest can be sent from outside: magic SysRq keys and
// the hardware triggers of Xen's domctl (`xl trigger`). Shared by xapi, which
// checks its callers' values, and xenopsd with its backends.
import { apiError } from '../datamodel/api-error.js';

export const VM_TRIGGERS = ['nmi', 'reset', 'init', 'power', 'sleep', 's3resume'] as const;
export type VmTrigger = (typeof VM_TRIGGERS)[number];

/** A trigger name as xapi accepts it (any case), or INVALID_VALUE [trigger, value]. */
export function parseTrigger(value: string): VmTrigger {
  const t = value.toLowerCase();
  const found = VM_TRIGGERS.find((x) => x === t);
  if (!found) throw apiError('INVALID_VALUE', { field: 'trigger', value });
  return found;
}

/**
 * A SysRq key: one character that names a SysRq command (Linux's table is
 * `0-9` and `a-z`), or INVALID_VALUE [key, value].
 */
export function parseSysrqKey(value: string): string {
  if (!/^[0-9a-z]$/.test(value)) throw apiError('INVALID_VALUE', { field: 'key', value });
  return value;
}
