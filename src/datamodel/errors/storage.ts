// Errors of virtual block devices, disks and storage repositories.
// Parameter names and orders follow the XenAPI.
import type { ErrorTable } from './table.js';

export const storageErrors = {
  VBD_NOT_UNPLUGGABLE: {
    params: ['vbd'],
    doc: 'The drive is not marked unpluggable, so it cannot be hot-unplugged.',
  },
  VBD_NOT_REMOVABLE_MEDIA: { params: ['vbd'], doc: 'The drive has no removable media (not a CD drive).' },
  VBD_IS_EMPTY: { params: ['vbd'], doc: 'The drive is empty.' },
  VBD_NOT_EMPTY: { params: ['vbd'], doc: 'The drive already holds media.' },
  VDI_IN_USE: { params: ['vdi', 'operation'], doc: 'Another operation is using the disk.' },
  SR_FULL: {
    params: ['requested', 'maximum'],
    doc: 'The SR has too little space for the requested size (bytes).',
  },
} as const satisfies ErrorTable;
