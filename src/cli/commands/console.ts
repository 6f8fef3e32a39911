// `xe console`: attach the terminal to a VM's text console through xapi's
// /console handler — `CONNECT /console?ref=<console>&session_id=<session>
// HTTP/1.0`, a `200` reply, then raw bytes both ways. Ctrl-] detaches.
import { connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Command, Ctx } from '../command.js';
import { CliFailure } from '../errors.js';
import { forEachSelected } from '../select.js';

const DETACH = 0x1d; // Ctrl-]

/** The CONNECT request for a console. */
export function connectRequest(consoleRef: string, session: string): string {
  const q = new URLSearchParams({ ref: consoleRef, session_id: session });
  return `CONNECT /console?${q.toString()} HTTP/1.0\r\n\r\n`;
}

/** The connection and the event after which it can carry the request. */
function open(ctx: Ctx): { sock: Socket; ready: 'connect' | 'secureConnect' } {
  if (ctx.target.url) {
    const u = new URL(ctx.target.url);
    const host = u.hostname.replace(/^\[|\]$/g, '');
    // Hosts serve self-signed certificates, which xe accepts.
    if (u.protocol === 'https:') {
      return {
        sock: tlsConnect({ host, port: Number(u.port), rejectUnauthorized: false }),
        ready: 'secureConnect',
      };
    }
    return { sock: netConnect({ host, port: Number(u.port) }), ready: 'connect' };
  }
  return { sock: netConnect({ path: ctx.target.socketPath as string }), ready: 'connect' };
}

/** Connect and relay until either side closes or the user detaches. */
async function attach(ctx: Ctx, consoleRef: string): Promise<void> {
  const { sock, ready } = open(ctx);
  const stdin = ctx.io.stdin as
    (NodeJS.ReadableStream & { isTTY?: boolean; setRawMode?: (m: boolean) => void }) | undefined;
  await new Promise<void>((resolve, reject) => {
    let head = Buffer.alloc(0);
    let open = false;
    const onInput = (chunk: Buffer | string) => {
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      const i = b.indexOf(DETACH);
      if (i >= 0) {
        if (i > 0) sock.write(b.subarray(0, i));
        sock.end();
        return;
      }
      sock.write(b);
    };
    const onEnd = () => sock.end();
    const done = (err?: Error) => {
      stdin?.removeListener('data', onInput);
      stdin?.removeListener('end', onEnd);
      if (stdin?.isTTY && stdin.setRawMode) stdin.setRawMode(false);
      stdin?.pause();
      if (err) reject(err);
      else resolve();
    };
    sock.once(ready, () => sock.write(connectRequest(consoleRef, ctx.api.session)));
    sock.on('data', (chunk: Buffer) => {
      if (open) {
        ctx.io.stdout.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(head.subarray(0, end).toString('latin1'));
      if (!status || status[1] !== '200') {
        sock.destroy();
        done(
          new CliFailure(
            `The console could not be opened (${head.subarray(0, end).toString('latin1').split('\r\n')[0]})`,
          ),
        );
        return;
      }
      open = true;
      const rest = head.subarray(end + 4);
      if (rest.length) ctx.io.stdout.write(rest);
      if (stdin) {
        if (stdin.isTTY && stdin.setRawMode) stdin.setRawMode(true);
        stdin.on('data', onInput);
        // Input from a pipe: close the console when it ends.
        stdin.once('end', onEnd);
        stdin.resume();
      }
    });
    sock.once('error', (e) => done(new CliFailure(`Console connection failed: ${e.message}`)));
    sock.once('close', () => done());
  });
}

export const consoleCommands: readonly Command[] = [
  {
    name: 'console',
    reqd: [],
    optn: [],
    help: 'Attach to a particular console. Detach with Ctrl-].',
    selectors: 'vm',
    uses: ['console.get_all_records'],
    run: (ctx) =>
      forEachSelected(ctx, 'vm', { ignore: [], single: true, includeControl: true }, async (vm) => {
        const consoles = await ctx.api.records('console');
        const mine = Object.entries(consoles).filter(([, r]) => r['VM'] === vm.ref);
        const text = mine.find(([, r]) => r['protocol'] === 'vt100') ?? mine[0];
        if (!text) throw new CliFailure('No text console available');
        await attach(ctx, text[0]);
      }),
  },
];
