// Networks at first start: a default network and read-only PIFs for the
// host's physical interfaces, kept across restarts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer } from './support/xapi-server.js';
import { readHostInterfaces } from '../src/xapi/network/interfaces.js';

test('first start creates the default network and one PIF per physical interface', async () => {
  await using server = await startTestServer();
  const c = await server.client();
  const networks = Object.values(await c.network.get_all_records());
  assert.ok(networks.some((n) => n.bridge === 'xapi-ts0' && n.name_label === 'Default network'));
  const pifs = await c.PIF.get_all_records();
  const devices = readHostInterfaces().map((i) => i.device);
  assert.deepEqual(
    Object.values(pifs)
      .map((p) => p.device)
      .sort(),
    devices.sort(),
  );
  for (const [ref, p] of Object.entries(pifs)) {
    assert.equal(p.physical, true);
    assert.ok((await c.network.get_PIFs(p.network)).includes(ref), 'network.PIFs links back');
    assert.equal((await c.PIF_metrics.get_record(p.metrics)).carrier, p.currently_attached);
  }
  // A user network can be made, and VIF-less networks destroyed.
  const n = await c.network.create({ name_label: 'lab', other_config: {} });
  await c.network.destroy(n);
});
