// VDI messages of a disk in use: online resize, the on_boot mode and local caching.
import { call, param, t } from '../build.js';
import type { MessageDecl } from '../types.js';

export const vdiMiscMessages: readonly MessageDecl[] = [
  call('resize_online', {
    params: [
      param('vdi', t.ref('VDI'), 'The VDI to resize'),
      param('size', t.int, 'The new size of the VDI'),
    ],
    errors: [
      'VDI_IN_USE',
      'VDI_READONLY',
      'SR_OPERATION_NOT_SUPPORTED',
      'VM_BAD_POWER_STATE',
      'INVALID_VALUE',
    ],
    role: 'vm-admin',
    async: true,
    doc:
      'Grow a disk that a running VM has attached: the image grows and the guest sees the new size ' +
      '(QEMU block_resize). A disk no running VM has attached is resized as VDI.resize does.',
  }),
  call('set_on_boot', {
    params: [
      param('self', t.ref('VDI'), 'The VDI to modify'),
      param('value', t.enum('on_boot'), 'The value to set'),
    ],
    errors: ['VDI_IN_USE', 'SR_OPERATION_NOT_SUPPORTED', 'VDI_ON_BOOT_MODE_INCOMPATIBLE_WITH_OPERATION'],
    role: 'vm-admin',
    async: true,
    doc:
      'persist: changes are kept. reset: each time a VM starts with the disk, its contents go back to what ' +
      'they were when reset was set (on file SRs; other SR types refuse). Not while a running VM has it attached.',
  }),
  call('set_allow_caching', {
    params: [param('self', t.ref('VDI'), 'The VDI to modify'), param('value', t.bool, 'The value to set')],
    errors: ['VDI_IN_USE'],
    role: 'vm-admin',
    async: true,
    doc: "Allow the disk to be cached on the host's local cache SR. Not while a running VM has it attached.",
  }),
];
