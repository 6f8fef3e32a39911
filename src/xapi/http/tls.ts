// The host's TLS server certificate: generated self-signed at first start into
// <state>/tls (the key readable by root only), reused afterwards, replaced by
// host.install_server_certificate or reset_server_certificate. Listeners are
// told of every change and swap their secure context without a restart.
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { SecureContextOptions } from 'node:tls';

const run = promisify(execFile);

export interface ServerCertificate {
  /** The certificate, PEM. */
  readonly certificate: string;
  /** Its private key, unencrypted PEM. */
  readonly privateKey: string;
  /** Intermediate certificates, PEM, possibly empty. */
  readonly chain: string;
}

/** Names the self-signed certificate is issued to. */
export interface CertificateNames {
  readonly hostname: string;
  readonly address: string;
}

/** Days a self-signed certificate is valid, as xapi issues them (10 years). */
const SELF_SIGNED_DAYS = 3650;

/** A new self-signed certificate: an RSA-2048 key from Node, signed with SHA-256 by openssl. */
export async function selfSigned(names: CertificateNames, workDir: string): Promise<ServerCertificate> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const keyFile = join(workDir, `.new-${process.pid}.key`);
  writeFileSync(keyFile, pem, { mode: 0o600 });
  const san = [`DNS:${names.hostname || 'localhost'}`];
  if (isIP(names.address)) san.push(`IP:${names.address}`);
  else if (names.address) san.push(`DNS:${names.address}`);
  try {
    const { stdout } = await run('openssl', [
      'req',
      '-x509',
      '-new',
      '-key',
      keyFile,
      '-sha256',
      '-days',
      String(SELF_SIGNED_DAYS),
      '-subj',
      `/CN=${(names.hostname || 'localhost').replace(/[/=+\\]/g, '_')}`,
      '-addext',
      `subjectAltName=${san.join(',')}`,
    ]);
    return { certificate: stdout, privateKey: pem, chain: '' };
  } finally {
    rmSync(keyFile, { force: true });
  }
}

/** Write a file by renaming a complete copy over it, with its mode from the start. */
function writeAtomically(path: string, text: string, mode: number): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, text, { mode });
  renameSync(tmp, path);
}

export class ServerTls {
  private listeners: ((options: SecureContextOptions) => void)[] = [];
  private current: ServerCertificate | undefined;
  private loading: Promise<ServerCertificate> | undefined;
  private readonly dir: string;

  /** The certificate kept in `<stateDir>/tls`; nothing is read or made before `ready`. */
  constructor(
    stateDir: string,
    private readonly names: CertificateNames,
  ) {
    this.dir = join(stateDir, 'tls');
  }

  /** The directory of the host's TLS files (`<stateDir>/tls`). */
  get directory(): string {
    return this.dir;
  }

  /** Load the certificate, generating one at first start; later calls share the first. */
  ready(): Promise<ServerCertificate> {
    this.loading ??= this.load();
    return this.loading;
  }

  private async load(): Promise<ServerCertificate> {
    mkdirSync(this.dir, { recursive: true, mode: 0o700 });
    const files = ServerTls.files(this.dir);
    if (existsSync(files.certificate) && existsSync(files.privateKey)) {
      this.current = {
        certificate: readFileSync(files.certificate, 'utf8'),
        privateKey: readFileSync(files.privateKey, 'utf8'),
        chain: existsSync(files.chain) ? readFileSync(files.chain, 'utf8') : '',
      };
    } else {
      this.current = await selfSigned(this.names, this.dir);
      this.save(this.current);
    }
    return this.current;
  }

  private static files(dir: string) {
    return {
      certificate: join(dir, 'server.pem'),
      privateKey: join(dir, 'server.key'),
      chain: join(dir, 'chain.pem'),
    };
  }

  /** The certificate served now; only after `ready`. */
  get certificate(): ServerCertificate {
    if (!this.current) throw new Error('the server certificate is not loaded yet');
    return this.current;
  }

  /** Options for tls.createServer / setSecureContext: the key, the certificate and its chain. */
  contextOptions(): SecureContextOptions {
    const { certificate, privateKey, chain } = this.certificate;
    return { key: privateKey, cert: chain.trim() ? `${certificate.trimEnd()}\n${chain}` : certificate };
  }

  /** Called with the new context options whenever the certificate changes. */
  onChange(listener: (options: SecureContextOptions) => void): void {
    this.listeners.push(listener);
  }

  /** Serve `next` from now on (already validated) and keep it for later starts. */
  async install(next: ServerCertificate): Promise<void> {
    await this.ready();
    this.save(next);
    this.current = next;
    const options = this.contextOptions();
    for (const l of this.listeners) l(options);
  }

  /** Replace the certificate by a new self-signed one. */
  async reset(): Promise<void> {
    await this.ready();
    await this.install(await selfSigned(this.names, this.dir));
  }

  private save(c: ServerCertificate): void {
    const files = ServerTls.files(this.dir);
    writeAtomically(files.privateKey, c.privateKey, 0o600);
    writeAtomically(files.certificate, c.certificate, 0o644);
    if (c.chain.trim()) writeAtomically(files.chain, c.chain, 0o644);
    else rmSync(files.chain, { force: true });
  }
}
