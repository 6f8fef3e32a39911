// SR.probe, probe_ext and make through the XenAPI, for the sim and file SR
// types: the SR found at a directory, an empty directory, and xapi's errors
// for a missing or bad device_config and an unknown type.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from './support/xapi-server.js';
import { failure } from './support/failure.js';

test('SR.probe and probe_ext: the SRs at a location, for every SR type this host has', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'xapi-ts-probe-'));
  try {
    await using srv = await startTestServer({ inMemory: true });
    const c = await srv.client();
    const host = (await c.host.get_all())[0] as string;
    const types = (await c.SR.get_supported_types()).filter((t) => t === 'sim' || t === 'file');
    assert.ok(types.includes('sim'));
    for (const type of types) {
      const location = join(dir, type);
      const sr = await c.SR.create(
        host,
        { location },
        2 ** 30,
        `${type} SR`,
        'probed',
        type,
        'user',
        false,
        {},
      );
      const uuid = await c.SR.get_uuid(sr);
      const size = await c.SR.get_physical_size(sr);

      const xml = await c.SR.probe(host, { location }, type, {});
      assert.equal(
        xml,
        `<?xml version="1.0" encoding="UTF-8"?>\n<SRlist><SR><size>${size}</size><name_label>${type} SR</name_label>` +
          `<name_description>probed</name_description><UUID>${uuid}</UUID></SR></SRlist>\n`,
      );
      const [found, ...more] = await c.SR.probe_ext(host, { location }, type.toUpperCase(), {});
      assert.deepEqual(more, []);
      assert.deepEqual(found?.configuration, { location });
      assert.equal(found?.complete, true);
      assert.equal(found?.sr?.uuid, uuid);
      assert.equal(found?.sr?.name_label, `${type} SR`);
      assert.equal(found?.sr?.total_space, size);
      assert.ok((found?.sr?.free_space ?? -1) >= 0 && (found?.sr?.free_space ?? 0) <= size);
      assert.equal(found?.sr?.health, 'healthy');

      // probing changed nothing: the SR is still plugged and the same
      assert.equal(await c.SR.get_uuid(sr), uuid);
    }

    // a directory without an SR: a configuration SR.create could use, no SR
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    assert.equal(
      await c.SR.probe(host, { location: empty }, 'sim', {}),
      '<?xml version="1.0" encoding="UTF-8"?>\n<SRlist></SRlist>\n',
    );
    assert.deepEqual(await c.SR.probe_ext(host, { location: empty }, 'sim', {}), [
      { configuration: { location: empty }, complete: true, extra_info: {} },
    ]);
    // an SR of another type is not one of this type
    if (types.includes('file')) {
      assert.deepEqual(
        (await c.SR.probe_ext(host, { location: join(dir, 'sim') }, 'file', {})).map((r) => r.sr),
        [undefined],
      );
    }

    await failure(c.SR.probe(host, {}, 'sim', {}), 'INVALID_VALUE', ['device_config:location', '']);
    await failure(c.SR.probe_ext(host, { location: 'relative/dir' }, 'sim', {}), 'INVALID_VALUE', [
      'device_config:location',
      'relative/dir',
    ]);
    const [status] = await failure(
      c.SR.probe(host, { location: join(dir, 'nowhere') }, 'sim', {}),
      'SR_BACKEND_FAILURE',
    );
    assert.equal(status, 'ENOENT');
    await failure(c.SR.probe(host, { location: dir }, 'nfs', {}), 'SR_UNKNOWN_DRIVER', ['nfs']);
    await failure(c.SR.probe_ext(host, { location: dir }, 'nfs', {}), 'SR_UNKNOWN_DRIVER', ['nfs']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('SR.make is deprecated, as in xapi', async () => {
  await using srv = await startTestServer({ inMemory: true });
  const c = await srv.client();
  const host = (await c.host.get_all())[0] as string;
  await failure(
    c.SR.make(host, { location: '/tmp/x' }, 0, 'n', 'd', 'sim', 'user', {}),
    'MESSAGE_DEPRECATED',
    [],
  );
});
