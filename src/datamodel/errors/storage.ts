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
  SR_HAS_PBD: {
    params: ['sr'],
    doc: 'The SR is still connected to a host through a PBD; unplug it first.',
  },
  SR_HAS_NO_PBDS: { params: ['sr'], doc: 'The SR has no attached PBD on this host.' },
  SR_NOT_ATTACHED: { params: ['sr'], doc: 'The SR is not attached.' },
  SR_NOT_EMPTY: { params: [], doc: 'The SR still holds disks.' },
  SR_UNKNOWN_DRIVER: { params: ['driver'], doc: 'No storage plugin handles this SR type.' },
  SR_OPERATION_NOT_SUPPORTED: { params: ['sr'], doc: 'The SR type does not support the operation.' },
  SR_UUID_EXISTS: { params: ['uuid'], doc: 'An SR with this UUID already exists.' },
  SR_BACKEND_FAILURE: {
    params: ['status', 'stdout', 'stderr'],
    doc: 'The storage backend failed: its exit status or error code and what it printed.',
  },
  PBD_EXISTS: { params: ['sr', 'host', 'pbd'], doc: 'The SR already has a PBD on this host.' },
  VDI_MISSING: { params: ['sr', 'vdi'], doc: 'The disk was not found in the SR.' },
  VDI_READONLY: { params: ['vdi'], doc: 'The operation needs write access but the disk is read-only.' },
  VDI_TOO_SMALL: {
    params: ['vdi', 'minimum_size'],
    doc: 'The disk is too small; resize it to at least the minimum size (bytes).',
  },
  VDI_NOT_MANAGED: { params: ['vdi'], doc: 'The disk is a hidden base image, not managed by clients.' },
} as const satisfies ErrorTable;
