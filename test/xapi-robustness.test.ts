// Malformed and hostile input: every request gets a XenAPI error or a clean
// refusal, and the server stays up. Includes a fuzz run of 10,000 random and
// mutated requests per codec over HTTP keep-alive.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { startTestServer, TEST_PASSWORD } from './support/xapi-server.js';

interface Reply {
  status: number;
  type: string;
  body: string;
}

function post(
  url: string,
  path: string,
  body: string | Buffer,
  agent?: Agent,
  type = 'text/xml',
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request(
      {
        host: u.hostname,
        port: u.port,
        path,
        method: 'POST',
        agent: agent ?? false,
        headers: { 'content-type': type, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type']),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const xmlCall = (method: string, params: string[]): string =>
  `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params>${params
    .map((p) => `<param><value>${p}</value></param>`)
    .join('')}</params></methodCall>`;

async function alive(url: string): Promise<void> {
  const r = await post(
    url,
    '/jsonrpc',
    JSON.stringify({ jsonrpc: '2.0', method: 'system.listMethods', params: [], id: 1 }),
    undefined,
    'application/json',
  );
  assert.equal(r.status, 200, 'the server still answers');
}

test('malformed requests get XenAPI errors or clean refusals', async () => {
  await using server = await startTestServer();
  const url = server.url;
  // Broken XML and JSON: HTTP 500 with an HTML body, as xapi does.
  for (const [path, body] of [
    ['/', '<methodCall><methodName>x</methodName><params>'],
    ['/', 'not xml at all'],
    ['/jsonrpc', '{"method": "session.login_with_password", "params": ['],
    ['/jsonrpc', '{"jsonrpc":"2.0","method":"x","params":[]}'],
    ['/jsonrpc', '[]'],
  ] as const) {
    const r = await post(url, path, body);
    assert.equal(r.status, 500, `${path} ${body}`);
    assert.match(r.type, /text\/html/);
  }
  // Wrong arity, wrong types, unknown methods: Failure envelopes.
  const login = await post(url, '/', xmlCall('session.login_with_password', ['root', TEST_PASSWORD]));
  const session = /<name>Value<\/name><value>(OpaqueRef:[^<]+)</.exec(login.body)?.[1] as string;
  assert.ok(session);
  const cases: [string, string[], string][] = [
    ['VM.get_all', [], 'MESSAGE_PARAMETER_COUNT_MISMATCH'],
    ['VM.get_record', [session, '<boolean>1</boolean>'], 'FIELD_TYPE_ERROR'],
    ['VM.frobnicate', [session], 'MESSAGE_METHOD_UNKNOWN'],
    ['pool.set_name_label', [session, 'OpaqueRef:nope', 'x'], 'HANDLE_INVALID'],
  ];
  for (const [method, params, code] of cases) {
    const r = await post(url, '/', xmlCall(method, params));
    assert.equal(r.status, 200);
    assert.match(
      r.body,
      new RegExp(`<name>Status</name><value>Failure</value>.*<value>${code}</value>`),
      method,
    );
  }
  // XO posts XML-RPC to /xmlrpc and Python to /RPC2: both reach the XML-RPC handler.
  for (const path of ['/xmlrpc', '/RPC2']) {
    const r = await post(url, path, xmlCall('VM.get_all', [session]));
    assert.match(r.body, /<value>Success<\/value>/, path);
  }
  // Bodies over the limit are refused.
  const big = await post(url, '/', xmlCall('VM.get_all', ['x'.repeat(400 * 1024)]));
  assert.equal(big.status, 413);
  await alive(url);
});

test('a slow-loris client is cut off and the server stays up', async () => {
  await using server = await startTestServer({ http: { headersTimeoutMs: 300, requestTimeoutMs: 1000 } });
  const port = Number(new URL(server.url).port);
  const sock = connect(port, '127.0.0.1');
  await new Promise<void>((r) => sock.once('connect', () => r()));
  // Headers that never finish: the server must close the connection itself.
  sock.write('POST / HTTP/1.1\r\nHost: x\r\n');
  let answer = '';
  sock.on('data', (d: Buffer) => (answer += d.toString()));
  await new Promise<void>((r) => sock.once('close', () => r()));
  assert.match(answer, /^HTTP\/1\.1 408/);
  await alive(server.url);
});

/** A small deterministic PRNG so a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function mutate(text: string, rand: () => number): string {
  const chars = [...text];
  const n = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < n; i++) {
    const at = Math.floor(rand() * (chars.length + 1));
    const op = rand();
    const junk = ['<', '>', '"', '{', '}', '[', ']', ',', '\\', '\u0000', '&', 'é', '\uFFFF', '9', ' '];
    if (op < 0.4) chars.splice(at, 1);
    else if (op < 0.8) chars.splice(at, 0, junk[Math.floor(rand() * junk.length)] as string);
    else chars.splice(at, Math.floor(rand() * 8));
  }
  return chars.join('');
}

function randomValueXml(rand: () => number, depth = 0): string {
  const r = rand();
  if (depth > 2 || r < 0.5) {
    const scalars = [
      `<int>${Math.floor(rand() * 1e6)}</int>`,
      `<boolean>${rand() < 0.5 ? 1 : 0}</boolean>`,
      `<double>${rand()}</double>`,
      `OpaqueRef:${Math.floor(rand() * 1e9)}`,
      '<dateTime.iso8601>20240510T16:41:04Z</dateTime.iso8601>',
      '<nil/>',
      '',
    ];
    return scalars[Math.floor(rand() * scalars.length)] as string;
  }
  if (r < 0.75) return `<array><data><value>${randomValueXml(rand, depth + 1)}</value></data></array>`;
  return `<struct><member><name>k</name><value>${randomValueXml(rand, depth + 1)}</value></member></struct>`;
}

const METHODS = [
  'VM.get_all',
  'pool.get_record',
  'pool.set_name_label',
  'event.from',
  'task.create',
  'host.get_servertime',
  'nope.nope',
  'Async.task.cancel',
];

test('fuzz: 10,000 random and mutated requests per codec leave the server up', async () => {
  await using server = await startTestServer();
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const login = await post(server.url, '/', xmlCall('session.login_with_password', ['root', TEST_PASSWORD]));
  const session = /<name>Value<\/name><value>(OpaqueRef:[^<]+)</.exec(login.body)?.[1] as string;
  try {
    for (const codec of ['xml', 'json'] as const) {
      const rand = rng(codec === 'xml' ? 1 : 2);
      const statuses = new Map<number, number>();
      const total = 10_000;
      const batch = 32;
      for (let i = 0; i < total; i += batch) {
        await Promise.all(
          Array.from({ length: Math.min(batch, total - i) }, async () => {
            const method = METHODS[Math.floor(rand() * METHODS.length)] as string;
            const nParams = Math.floor(rand() * 4);
            let body: string;
            if (codec === 'xml') {
              const params = [
                rand() < 0.8 ? session : 'junk',
                ...Array.from({ length: nParams }, () => randomValueXml(rand)),
              ];
              body = xmlCall(method, params);
            } else {
              const params = [
                rand() < 0.8 ? session : 7,
                ...Array.from({ length: nParams }, () =>
                  rand() < 0.5 ? rand() : { a: [rand() < 0.5, 'x'] },
                ),
              ];
              body = JSON.stringify({ jsonrpc: rand() < 0.5 ? '2.0' : undefined, method, params, id: i });
            }
            if (rand() < 0.5) body = mutate(body, rand);
            const r = await post(
              server.url,
              codec === 'xml' ? '/' : '/jsonrpc',
              body,
              agent,
              codec === 'xml' ? 'text/xml' : 'application/json',
            );
            statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
            // Every answer is an envelope (200) or a clean parse refusal (500 HTML).
            assert.ok(
              r.status === 200 || (r.status === 500 && r.type.includes('text/html')),
              `${r.status} ${r.body.slice(0, 200)}`,
            );
            if (r.status === 200 && codec === 'xml')
              assert.match(r.body, /^<\?xml version="1.0"\?><methodResponse>/);
            if (r.status === 200 && codec === 'json') JSON.parse(r.body);
          }),
        );
      }
      assert.ok((statuses.get(200) ?? 0) > 1000, `${codec}: enough requests got through to dispatch`);
      await alive(server.url);
    }
  } finally {
    agent.destroy();
  }
});
