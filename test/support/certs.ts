// Certificates for tests, made with openssl in a temporary directory.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  readonly certificate: string;
  readonly privateKey: string;
}

/**
 * A self-signed certificate: `key` is an openssl -newkey argument (`rsa:2048`,
 * `ec -pkeyopt ec_paramgen_curve:P-256` is given as ['ec', ...]); `digest` its signature hash.
 */
export function makeCertificate(
  opts: { key?: readonly string[]; digest?: string; cn?: string } = {},
): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'xapi-ts-cert-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        ...(opts.key ?? ['rsa:2048']),
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        `-${opts.digest ?? 'sha256'}`,
        '-days',
        '30',
        '-subj',
        `/CN=${opts.cn ?? 'test.example'}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    return { certificate: readFileSync(cert, 'utf8'), privateKey: readFileSync(key, 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
