import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Toolstack, type AgentAction } from './toolstack.js';

/** A toolstack whose agent ends are recorded; resolves with them once it has ended. */
function recorded() {
  const ends: AgentAction[] = [];
  let stops = 0;
  let done: () => void = () => undefined;
  const ended = new Promise<void>((r) => (done = r));
  const ts = new Toolstack(
    '/nonexistent',
    '/nonexistent/xapi.sock',
    {
      agentDelayMs: 0,
      onAgentDown: (a) => {
        ends.push(a);
        done();
      },
    },
    async () => {
      stops++;
    },
  );
  return { ts, ends, stops: () => stops, ended };
}

test('the agent stops once, after the pause; later requests join it, a shutdown wins over a restart', async () => {
  const a = recorded();
  a.ts.scheduleAgent('restart');
  a.ts.scheduleAgent('restart');
  assert.equal(a.ts.pendingAgentAction, 'restart');
  assert.equal(a.stops(), 0, 'nothing stops before the pause');
  await a.ended;
  assert.deepEqual(a.ends, ['restart']);
  assert.equal(a.stops(), 1);

  const b = recorded();
  b.ts.scheduleAgent('restart');
  b.ts.scheduleAgent('shutdown');
  await b.ended;
  assert.deepEqual(b.ends, ['shutdown']);

  const c = recorded();
  c.ts.scheduleAgent('shutdown');
  c.ts.scheduleAgent('restart');
  await c.ended;
  assert.deepEqual(c.ends, ['shutdown']);
  assert.equal(c.stops(), 1);
});
