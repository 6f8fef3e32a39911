// Reading a stream until some text has arrived, told by its 'data' events rather
// than by looking again every few milliseconds. Call it before writing what
// provokes the answer, so that nothing read in between is missed.
import type { Readable } from 'node:stream';

/** Resolves with what `stream` delivers from now on, once that contains `text`. */
export function readUntil(stream: Readable, text: string, timeoutMs = 30_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = '';
    const finish = (e?: Error) => {
      clearTimeout(timer);
      stream.off('data', onData);
      stream.off('close', onClose);
      if (e) reject(e);
      else resolve(got);
    };
    const onData = (d: Buffer | string) => {
      got += d.toString();
      if (got.includes(text)) finish();
    };
    const onClose = () =>
      finish(new Error(`the stream closed before ${JSON.stringify(text)}: ${JSON.stringify(got)}`));
    const timer = setTimeout(
      () => finish(new Error(`no ${JSON.stringify(text)} within ${timeoutMs} ms: ${JSON.stringify(got)}`)),
      timeoutMs,
    );
    stream.on('data', onData);
    stream.once('close', onClose);
  });
}
