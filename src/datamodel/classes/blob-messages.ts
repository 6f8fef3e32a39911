// Blobs: named binary objects attached to a VM, host, pool, network or SR,
// whose contents travel over HTTP (`/blob?ref=…`).
import { call, param, t } from '../build.js';
import type { MessageDecl, Role } from '../types.js';

/** `<class>.create_new_blob`: an empty blob named `name` in the object's `blobs`. */
export function createNewBlob(cls: string, self: string, role: Role): MessageDecl {
  return call('create_new_blob', {
    params: [
      param(self, t.ref(cls), `The ${cls}.`),
      param('name', t.string, 'The name associated with the blob.'),
      param(
        'mime_type',
        t.string,
        'The mime type of the data; the empty string means application/octet-stream.',
      ),
      param('public', t.bool, 'True if the blob may be read without a session.', false),
    ],
    result: t.ref('blob'),
    resultDoc: 'The reference of the blob, needed for populating its data',
    role,
    async: true,
    doc: `Create a placeholder for a named binary blob of data associated with this ${cls}; its data is written with HTTP PUT to /blob?ref=<blob>.`,
  });
}

export const blobMessages: readonly MessageDecl[] = [
  call('create', {
    params: [
      param(
        'mime_type',
        t.string,
        'The mime type of the data; the empty string means application/octet-stream.',
      ),
      param('public', t.bool, 'True if the blob may be read without a session.', false),
    ],
    result: t.ref('blob'),
    resultDoc: 'The reference of the created blob',
    role: 'pool-operator',
    async: true,
    doc: 'Create a placeholder for a binary blob attached to nothing.',
  }),
  call('destroy', {
    params: [param('self', t.ref('blob'), 'The blob.')],
    role: 'pool-operator',
    async: true,
    doc: 'Destroy a blob and its data.',
  }),
];
