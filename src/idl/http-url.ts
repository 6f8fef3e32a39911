// A transport to a service behind an HTTP(S) URL: JSON-RPC bodies POSTed to it,
// path and query kept (how one host's xenopsd reaches another's through that
// host's xapi, the session travelling in the query).
import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { apiError } from '../datamodel/api-error.js';
import type { Transport, TransportCall } from './client.js';
import { MAX_BODY_BYTES, readBody } from './http.js';

/** JSON-RPC bodies POSTed to an HTTP(S) URL, path and query kept (the session travels in the query). */
export class HttpUrlTransport implements Transport {
  private readonly url: URL;
  private readonly agent: HttpAgent;

  constructor(readonly address: string) {
    this.url = new URL(address);
    const secure = this.url.protocol === 'https:';
    // Migration peers are toolstacks with their own (self-signed) certificates, as xapi's are.
    this.agent = secure
      ? new HttpsAgent({ keepAlive: true, maxSockets: 16, rejectUnauthorized: false })
      : new HttpAgent({ keepAlive: true, maxSockets: 16 });
  }

  call(body: string, call: TransportCall): Promise<string> {
    const where = `${this.url.protocol}//${this.url.host}${this.url.pathname}`;
    return new Promise((resolve, reject) => {
      if (call.signal?.aborted) {
        reject(apiError('RPC_CANCELLED', { service: call.service, method: call.method }));
        return;
      }
      let timer: NodeJS.Timeout | undefined;
      const finish = (): void => {
        if (timer) clearTimeout(timer);
        call.signal?.removeEventListener('abort', onAbort);
      };
      const unreachable = (e: Error): void => {
        finish();
        reject(apiError('RPC_SERVICE_UNREACHABLE', { address: where, reason: e.message }));
      };
      const send = this.url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(
        {
          agent: this.agent,
          method: 'POST',
          protocol: this.url.protocol,
          hostname: this.url.hostname,
          port: this.url.port,
          path: `${this.url.pathname}${this.url.search}`,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          readBody(res, MAX_BODY_BYTES).then((text) => {
            finish();
            if (res.statusCode === 200) resolve(text);
            else
              reject(
                apiError('RPC_BAD_RESPONSE', {
                  service: call.service,
                  reason: `HTTP ${res.statusCode}: ${text.slice(0, 200).trim()}`,
                }),
              );
          }, unreachable);
        },
      );
      const onAbort = (): void => {
        finish();
        req.destroy();
        reject(apiError('RPC_CANCELLED', { service: call.service, method: call.method }));
      };
      call.signal?.addEventListener('abort', onAbort, { once: true });
      if (call.timeoutMs !== undefined) {
        const ms = call.timeoutMs;
        timer = setTimeout(() => {
          finish();
          req.destroy();
          reject(apiError('RPC_TIMEOUT', { service: call.service, method: call.method, timeout: ms / 1000 }));
        }, ms);
      }
      req.on('error', unreachable);
      req.end(body);
    });
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }
}
