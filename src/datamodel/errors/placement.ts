// Errors of VM placement: why a VM cannot boot on a host (xapi's
// assert_can_boot_here). Parameter names and orders follow the XenAPI.
import type { ErrorTable } from './table.js';

export const placementErrors = {
  HOST_NOT_LIVE: { params: [], doc: 'The host is not live: it cannot take the operation.' },
  VM_REQUIRES_SR: {
    params: ['vm', 'sr'],
    doc: 'The host cannot see an SR holding one of the VM’s disks (no plugged PBD).',
  },
  VM_REQUIRES_NETWORK: {
    params: ['vm', 'network'],
    doc: 'The host has no PIF on a network one of the VM’s VIFs uses (or the internal network is in use on another host).',
  },
} as const satisfies ErrorTable;
