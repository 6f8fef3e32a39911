// The service side of bench/switch.ts, in its own process: the echo interface
// served both directly over HTTP on a Unix socket and on a switch queue.
// usage: switch-service.ts SWITCH_SOCKET DIRECT_SOCKET
import { createDispatcher, serveHttpUnix } from '../src/idl/index.js';
import { serveOnSwitch } from '../src/switch/service.js';
import { ECHO_QUEUE, Echo } from './echo-idl.js';

const [switchSock, directSock] = process.argv.slice(2) as [string, string];
const dispatcher = createDispatcher(Echo, { echo: ({ text }) => text });
await serveHttpUnix(dispatcher, directSock);
await serveOnSwitch(dispatcher, { socketPath: switchSock, queue: ECHO_QUEUE, persistent: false });
process.stdout.write('ready\n');
