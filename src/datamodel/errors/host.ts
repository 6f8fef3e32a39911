// Errors about hosts and placement. Parameter names and orders follow the XenAPI.
import type { ErrorTable } from './table.js';

export const hostErrors = {
  NO_HOSTS_AVAILABLE: { params: [], doc: 'No host can run the VM.' },
  HOST_NOT_ENOUGH_FREE_MEMORY: {
    params: ['needed', 'available'],
    doc: 'The host has too little free memory for the operation (bytes).',
  },
  HOST_OFFLINE: { params: ['host'], doc: 'The host cannot be reached.' },
  LICENCE_RESTRICTION: {
    params: ['feature'],
    doc: 'The licence does not include the feature the operation needs.',
  },
} as const satisfies ErrorTable;
