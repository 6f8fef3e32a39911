// The host's TLS server certificate through the API: its Certificate record,
// host.install_server_certificate (validated, then served at once),
// reset_server_certificate and get_server_certificate.
import { X509Certificate } from 'node:crypto';
import type { CallContext } from '../context.js';
import type { XapiDb } from '../store.js';
import { formatDateTime } from '../time.js';
import { certificateFacts, validateServerCertificate } from '../http/tls-validate.js';
import type { ServerTls } from '../http/tls.js';

/** Make the host's `host` Certificate record describe `pem`, replacing an older one. */
export function recordServerCertificate(db: XapiDb, host: string, pem: string): string {
  const facts = certificateFacts(new X509Certificate(pem));
  let kept: string | undefined;
  for (const [ref, row] of db.all('Certificate')) {
    if (row.host !== host || row.type !== 'host') continue;
    if (!kept && row.fingerprint === facts.fingerprint) kept = ref;
    else db.destroy('Certificate', ref);
  }
  return (
    kept ??
    db.create('Certificate', {
      uuid: crypto.randomUUID(),
      name: '',
      type: 'host',
      host,
      not_before: formatDateTime(facts.notBefore),
      not_after: formatDateTime(facts.notAfter),
      fingerprint: facts.fingerprint,
    })
  );
}

async function loaded(ctx: CallContext): Promise<ServerTls> {
  const { tls } = ctx.services;
  await tls.ready();
  recordServerCertificate(ctx.services.db, ctx.services.host, tls.certificate.certificate);
  return tls;
}

export const hostCertificateActions = {
  async install_server_certificate(
    ctx: CallContext,
    _host: string,
    certificate: string,
    privateKey: string,
    chain: string,
  ) {
    validateServerCertificate(certificate, privateKey, chain, new Date());
    const tls = await loaded(ctx);
    await tls.install({ certificate, privateKey, chain });
    recordServerCertificate(ctx.services.db, ctx.services.host, certificate);
  },
  async reset_server_certificate(ctx: CallContext, _host: string) {
    const tls = await loaded(ctx);
    await tls.reset();
    recordServerCertificate(ctx.services.db, ctx.services.host, tls.certificate.certificate);
  },
  async get_server_certificate(ctx: CallContext, _host: string) {
    return (await loaded(ctx)).certificate.certificate;
  },
};
