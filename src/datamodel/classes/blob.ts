import { blobMessages } from './blob-messages.js';
import { defineClass, field, nameFields, t, uid } from '../build.js';

export const blob = defineClass({
  name: 'blob',
  doc: 'A named binary object attached to another object.',
  writeRole: 'pool-operator',
  messages: blobMessages,
  fields: [
    uid(),
    ...nameFields(),
    field('size', t.int, 'DynamicRO', 'Size in bytes.'),
    field('public', t.bool, 'RW', 'True if the blob can be read without a session.', { default: false }),
    field('last_updated', t.datetime, 'StaticRO', 'When the contents were last written.'),
    field('mime_type', t.string, 'StaticRO', 'Media type of the contents.'),
  ],
});
