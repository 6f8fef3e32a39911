// The ceiling for bench:api: a bare Node http server answering every POST
// with a canned body (the same bytes our server sends for the same call).
import { createServer } from 'node:http';

const [, , type, file] = process.argv;
const { readFileSync } = await import('node:fs');
const body = readFileSync(file as string);
const server = createServer({ keepAlive: true }, (req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': type, 'content-length': body.length });
    res.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  process.stdout.write(`bare: listening on ${typeof a === 'object' && a ? a.port : 0}\n`);
});
