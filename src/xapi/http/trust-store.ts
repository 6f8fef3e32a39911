// The CA certificates and CRLs the pool trusts, one PEM file each under
// <stateDir>/tls/ca and <stateDir>/tls/crl, named as xapi names them (letters,
// digits, ".", "_", "-", ending in .pem, not starting with "."). TLS clients
// that verify peers use them as their trust anchors and revocation lists.
import { X509Certificate } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { apiError, type ApiError } from '../../datamodel/api-error.js';

export type TrustKind = 'ca' | 'crl';

const SAFE_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*\.pem$/;

const ERRORS = {
  ca: {
    invalid: (name: string) => apiError('CERTIFICATE_NAME_INVALID', { name }),
    exists: (name: string) => apiError('CERTIFICATE_ALREADY_EXISTS', { name }),
    missing: (name: string) => apiError('CERTIFICATE_DOES_NOT_EXIST', { name }),
    corrupt: (name: string) => apiError('CERTIFICATE_CORRUPT', { name }),
  },
  crl: {
    invalid: (name: string) => apiError('CRL_NAME_INVALID', { name }),
    exists: (name: string) => apiError('CRL_ALREADY_EXISTS', { name }),
    missing: (name: string) => apiError('CRL_DOES_NOT_EXIST', { name }),
    corrupt: (name: string) => apiError('CRL_CORRUPT', { name }),
  },
} satisfies Record<TrustKind, Record<string, (name: string) => ApiError>>;

function iso(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

/** A CA certificate as xapi accepts one: one PEM X.509 certificate, valid now. */
export function validateCaCertificate(pem: string, now: Date): X509Certificate {
  let cert: X509Certificate;
  try {
    if (!/-----BEGIN CERTIFICATE-----/.test(pem)) throw new Error('not PEM');
    cert = new X509Certificate(pem);
  } catch {
    throw apiError('CA_CERTIFICATE_INVALID', {});
  }
  const notBefore = new Date(cert.validFrom);
  const notAfter = new Date(cert.validTo);
  if (now < notBefore)
    throw apiError('CA_CERTIFICATE_NOT_VALID_YET', { now: iso(now), not_before: iso(notBefore) });
  if (now > notAfter) throw apiError('CA_CERTIFICATE_EXPIRED', { now: iso(now), not_after: iso(notAfter) });
  return cert;
}

export class TrustStore {
  constructor(private readonly tlsDir: string) {}

  private dir(kind: TrustKind): string {
    const d = join(this.tlsDir, kind);
    try {
      mkdirSync(d, { recursive: true, mode: 0o755 });
    } catch {
      throw apiError('CERTIFICATE_LIBRARY_CORRUPT', {});
    }
    return d;
  }

  private path(kind: TrustKind, name: string): string {
    if (!SAFE_NAME.test(name)) throw ERRORS[kind].invalid(name);
    return join(this.dir(kind), name);
  }

  install(kind: TrustKind, name: string, pem: string): void {
    const path = this.path(kind, name);
    if (existsSync(path)) throw ERRORS[kind].exists(name);
    if (kind === 'crl' && !/-----BEGIN X509 CRL-----/.test(pem)) throw ERRORS.crl.corrupt(name);
    try {
      writeFileSync(`${path}.tmp`, pem, { mode: 0o644 });
      renameSync(`${path}.tmp`, path);
    } catch {
      throw apiError('CERTIFICATE_LIBRARY_CORRUPT', {});
    }
  }

  uninstall(kind: TrustKind, name: string): void {
    const path = this.path(kind, name);
    if (!existsSync(path)) throw ERRORS[kind].missing(name);
    try {
      rmSync(path);
    } catch {
      throw ERRORS[kind].corrupt(name);
    }
  }

  /** The names installed, sorted. */
  list(kind: TrustKind): string[] {
    const d = this.dir(kind);
    return readdirSync(d)
      .filter((n) => SAFE_NAME.test(n) && lstatSync(join(d, n)).isFile())
      .sort();
  }

  read(kind: TrustKind, name: string): string {
    return readFileSync(this.path(kind, name), 'utf8');
  }
}
