// The ceiling for bench:api: a bare Node http server answering every POST
// with a canned body (the same bytes our server sends for the same call);
// HTTPS when given a key and certificate.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';

const [, , type, file, keyFile, certFile] = process.argv;
const { readFileSync } = await import('node:fs');
const body = readFileSync(file as string);
const answer = (req: IncomingMessage, res: ServerResponse): void => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': type, 'content-length': body.length });
    res.end(body);
  });
};
const server =
  keyFile && certFile
    ? createHttpsServer({ keepAlive: true, key: readFileSync(keyFile), cert: readFileSync(certFile) }, answer)
    : createServer({ keepAlive: true }, answer);
server.listen(0, '127.0.0.1', () => {
  const a = server.address();
  process.stdout.write(`bare: listening on ${typeof a === 'object' && a ? a.port : 0}\n`);
});
