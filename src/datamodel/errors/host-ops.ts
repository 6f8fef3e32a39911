// Errors of host power and maintenance operations (disable, enable, shutdown,
// reboot, evacuate). Parameter names and orders follow the XenAPI.
import type { ErrorTable } from './table.js';

export const hostOpErrors = {
  HOST_DISABLED: { params: ['host'], doc: 'The host is disabled: no new VMs may start on it.' },
  HOST_NOT_DISABLED: {
    params: [],
    doc: 'The operation needs the host disabled first (host.disable).',
  },
  HOST_DISABLED_UNTIL_REBOOT: {
    params: ['host'],
    doc: 'The host is shutting down or rebooting and cannot be re-enabled until it has restarted.',
  },
  HOST_EVACUATE_IN_PROGRESS: {
    params: ['host'],
    doc: 'The host is being evacuated: no VM may be started on it.',
  },
  HOST_IS_LIVE: { params: ['host'], doc: 'The host is already up: it cannot be powered on.' },
  CANNOT_EVACUATE_HOST: {
    params: ['errors'],
    doc: 'The host cannot be evacuated; the parameter lists, separated by |, each blocking VM as code,params.',
  },
} as const satisfies ErrorTable;
