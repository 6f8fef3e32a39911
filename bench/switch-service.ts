// The service side of bench/switch.ts, in its own process: one echo interface
// served both directly over HTTP on a Unix socket and on a switch queue.
import { createDispatcher, declare, defineInterface, serveHttpUnix, t } from '../src/idl/index.js';
import { serveOnSwitch } from '../src/switch/service.js';

export const Echo = defineInterface({
  name: 'bench.echo',
  doc: 'Benchmark service.',
  methods: {
    echo: declare({ params: { dbg: t.string, n: t.int, text: t.string }, result: t.string, doc: 'Echo.' }),
  },
});

export const ECHO_QUEUE = 'org.xen.xapi.bench.echo';

const [switchSock, directSock] = process.argv.slice(2);
if (switchSock && directSock) {
  const dispatcher = createDispatcher(Echo, { echo: ({ text }) => text });
  await serveHttpUnix(dispatcher, directSock);
  await serveOnSwitch(dispatcher, { socketPath: switchSock, queue: ECHO_QUEUE, persistent: false });
  process.stdout.write('ready\n');
}
