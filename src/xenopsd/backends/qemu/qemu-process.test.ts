import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { findOwnQemus } from './qemu-process.js';
import { startTestVm } from './testing.js';
import { skipWithout } from '../../../../test/support/qemu.js';

test(
  'a xenopsd instance finds its own QEMUs and no others',
  { skip: skipWithout('qemu-system-x86_64') },
  async (t) => {
    const tag = `t${randomBytes(4).toString('hex')}`;
    const mine = await startTestVm(undefined, { instanceTag: tag });
    t.after(() => mine.cleanup());
    const theirs = await startTestVm(undefined, { instanceTag: `${tag}x` });
    t.after(() => theirs.cleanup());
    const { UUID } = await mine.qmp.execute<{ UUID: string }>('query-uuid');
    assert.deepEqual(await findOwnQemus(tag), [{ pid: mine.proc.pid, uuid: UUID }]);
    await mine.qmp.execute('quit');
    await mine.proc.exited;
    assert.deepEqual(await findOwnQemus(tag), []);
  },
);
