// pool.* trust between hosts: CA certificates and CRLs (files of the trust
// store, CA certificates also as Certificate records of type ca, named),
// TLS verification and send_test_post, the HTTPS client that uses them.
import { request } from 'node:https';
import { X509Certificate } from 'node:crypto';
import { apiError } from '../../datamodel/api-error.js';
import type { CallContext } from '../context.js';
import type { XapiDb } from '../store.js';
import { formatDateTime } from '../time.js';
import { TrustStore, validateCaCertificate } from '../http/trust-store.js';

function store(ctx: CallContext): TrustStore {
  return new TrustStore(ctx.services.tls.directory);
}

function addCaRecord(db: XapiDb, name: string, cert: X509Certificate): void {
  db.create('Certificate', {
    uuid: crypto.randomUUID(),
    name,
    type: 'ca',
    host: 'OpaqueRef:NULL',
    not_before: formatDateTime(new Date(cert.validFrom)),
    not_after: formatDateTime(new Date(cert.validTo)),
    fingerprint: cert.fingerprint256,
  });
}

function caRecords(db: XapiDb): [string, string][] {
  return [...db.all('Certificate')].filter(([, r]) => r.type === 'ca').map(([ref, r]) => [ref, r.name]);
}

async function installCa(ctx: CallContext, name: string, pem: string): Promise<void> {
  const cert = validateCaCertificate(pem, new Date());
  store(ctx).install('ca', name, pem);
  addCaRecord(ctx.services.db, name, cert);
}

async function uninstallCa(ctx: CallContext, name: string): Promise<void> {
  store(ctx).uninstall('ca', name);
  const { db } = ctx.services;
  for (const [ref, n] of caRecords(db)) if (n === name) db.destroy('Certificate', ref);
}

/** POST `body` to https://host:port/, verifying the peer when the pool verifies TLS. */
function postOverTls(
  host: string,
  port: number,
  body: string,
  verify: boolean,
  trust: TrustStore,
): Promise<string> {
  const ca = trust.list('ca').map((n) => trust.read('ca', n));
  const crl = trust.list('crl').map((n) => trust.read('crl', n));
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host,
        port,
        method: 'POST',
        path: '/',
        headers: { host, 'content-length': Buffer.byteLength(body) },
        rejectUnauthorized: verify,
        ...(verify && ca.length ? { ca } : {}),
        ...(verify && crl.length ? { crl } : {}),
        timeout: 30_000,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve(text));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out after 30 s')));
    req.once('error', reject);
    req.end(body);
  });
}

export const poolTrustActions = {
  async install_ca_certificate(ctx: CallContext, name: string, cert: string) {
    await installCa(ctx, name, cert);
  },
  async uninstall_ca_certificate(ctx: CallContext, name: string) {
    await uninstallCa(ctx, name);
  },
  async certificate_install(ctx: CallContext, name: string, cert: string) {
    await installCa(ctx, name, cert);
  },
  async certificate_uninstall(ctx: CallContext, name: string) {
    await uninstallCa(ctx, name);
  },
  async certificate_list(ctx: CallContext) {
    return caRecords(ctx.services.db)
      .map(([, n]) => n)
      .sort();
  },
  async crl_install(ctx: CallContext, name: string, cert: string) {
    store(ctx).install('crl', name, cert);
  },
  async crl_uninstall(ctx: CallContext, name: string) {
    store(ctx).uninstall('crl', name);
  },
  async crl_list(ctx: CallContext) {
    return store(ctx).list('crl');
  },
  async certificate_sync(ctx: CallContext) {
    const trust = store(ctx);
    const { db } = ctx.services;
    const files = new Set(trust.list('ca'));
    const recorded = new Set<string>();
    for (const [ref, name] of caRecords(db)) {
      if (files.has(name) && !recorded.has(name)) recorded.add(name);
      else db.destroy('Certificate', ref);
    }
    for (const name of files) {
      if (recorded.has(name)) continue;
      try {
        addCaRecord(db, name, new X509Certificate(trust.read('ca', name)));
      } catch {
        throw apiError('CERTIFICATE_CORRUPT', { name });
      }
    }
  },
  async enable_tls_verification(ctx: CallContext) {
    const { db, pool } = ctx.services;
    db.update('pool', pool, { tls_verification_enabled: true });
    for (const [host] of db.all('host')) db.update('host', host, { tls_verification_enabled: true });
  },
  async send_test_post(ctx: CallContext, host: string, port: number, body: string) {
    const { db, pool } = ctx.services;
    const verify = db.get('pool', pool).tls_verification_enabled;
    try {
      return await postOverTls(host, port, body, verify, store(ctx));
    } catch (e) {
      throw apiError('INTERNAL_ERROR', {
        message: `send_test_post: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  },
};
