// VM messages of placement: where a VM may boot (src/xapi/placement/).
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

export const vmPlacementMessages: readonly MessageDecl[] = [
  call('assert_can_boot_here', {
    params: [param('self', t.ref('VM'), 'The VM.'), param('host', t.ref('host'), 'The host.')],
    errors: [
      'HOST_NOT_LIVE',
      'HOST_DISABLED',
      'VM_REQUIRES_SR',
      'VM_REQUIRES_NETWORK',
      'HOST_NOT_ENOUGH_FREE_MEMORY',
      'OPERATION_NOT_ALLOWED',
    ],
    role: 'read-only',
    async: true,
    doc: 'Fail with the reason the VM could not boot on the host now (liveness, enabled, SRs of its disks plugged there, networks of its VIFs, free memory), in xapi’s order.',
  }),
  call('get_possible_hosts', {
    params: [param('vm', t.ref('VM'), 'The VM.')],
    result: t.set(t.ref('host')),
    resultDoc: 'The possible hosts',
    role: 'read-only',
    async: true,
    doc: 'The live hosts the VM could boot on now (only its scheduled host while it is being started or moved).',
  }),
];
