// Errors of the metrics daemon link.
import type { ErrorTable } from './table.js';

export const rrddErrors = {
  RRDD_UNAVAILABLE: {
    params: ['reason'],
    doc: 'The metrics daemon (rrdd) is not configured for this host or could not be reached.',
  },
} as const satisfies ErrorTable;
