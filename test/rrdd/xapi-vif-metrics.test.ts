// VIF_metrics with rrdd, xapi and a simulator xenopsd: every VIF gets its
// metrics record, whose receive and transmit rates follow rrdd's vif_<n>_rx
// and _tx, and which goes with its VIF. rrdd's clock is stepped by 5 s per
// cycle, so the rates are there without waiting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startToolstack } from '../support/toolstack.js';
import { startSteppedRrdd } from '../support/rrdd.js';
import { makeVm } from '../support/vm-builder.js';
import { untilObject } from '../support/events.js';
import { failure } from '../support/failure.js';

test('VIF_metrics: one per VIF, its rates from rrdd, gone with the VIF', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'xapi-ts-vif-metrics-'));
  const rd = await startSteppedRrdd(stateDir);
  try {
    await using ts = await startToolstack({
      stateDir,
      rrdd: { target: rd.target, metricsEveryMs: 100 },
    });
    const c = await ts.client();
    const { vm, vif } = await makeVm(c);
    const metrics = await c.VIF.get_metrics(vif);
    const fresh = await c.VIF_metrics.get_record(metrics);
    assert.equal(fresh.io_read_kbs, 0);
    assert.equal(fresh.io_write_kbs, 0);
    assert.deepEqual(fresh.other_config, {});

    await c.VM.start(vm, false, false);
    await rd.cycles(4);
    const rx = (await c.VM.query_data_source(vm, 'vif_0_rx')) / 1024;
    const tx = (await c.VM.query_data_source(vm, 'vif_0_tx')) / 1024;
    assert.ok(rx > 0 && tx > 0, `${rx} ${tx}`);
    await untilObject(
      c,
      'VIF_metrics',
      metrics,
      (s) =>
        Math.abs(Number(s['io_read_kbs']) - rx) < 0.01 && Math.abs(Number(s['io_write_kbs']) - tx) < 0.01,
      'VIF_metrics to follow rrdd',
    );

    await c.VM.hard_shutdown(vm);
    await c.VIF.destroy(vif);
    // the generic destructor leaves the record to the metrics loop, which drops it
    let token = '';
    while ((await c.VIF_metrics.get_all()).includes(metrics)) {
      token = (await c.event.from(['vif_metrics'], token, 5)).token;
    }
    await failure(c.VIF_metrics.get_record(metrics), 'HANDLE_INVALID');
  } finally {
    await rd.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
});
