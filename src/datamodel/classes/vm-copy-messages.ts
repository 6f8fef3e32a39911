// VM messages that make, copy and remove VMs, templates and snapshots.
import type { MessageDecl } from '../types.js';

export const vmCopyMessages: readonly MessageDecl[] = [];
