import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import forge from 'node-forge';

const { pki } = forge;

/** A certificate and its private key, both PEM. */
export interface CertificatePair {
  certPem: string;
  keyPem: string;
}

/** The CA is installed on phones once: it lasts long. */
const CA_VALIDITY_DAYS = 10 * 365;
/** Apple trusts no TLS server certificate valid for more than 825 days, even from a CA the user installed. */
const SERVER_VALIDITY_DAYS = 800;
/** Always in the server certificate: the machine itself, for a browser or curl on the server. */
export const LOCAL_HOSTS: readonly string[] = ['localhost', '127.0.0.1'];

const DNS_NAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;

/** Whether a `--host` value can go into a certificate: an IPv4/IPv6 address or a DNS name (no port, no scheme). */
export function isCertificateHost(host: string): boolean {
  return isIP(host) !== 0 || DNS_NAME.test(host);
}

/** RSA 2048 from node:crypto (fast, native), handed to node-forge, which writes the certificates. */
function newKeyPair(): { privateKey: forge.pki.rsa.PrivateKey; publicKey: forge.pki.rsa.PublicKey; keyPem: string } {
  const { privateKey: keyPem } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  });
  const privateKey = pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey;
  return { privateKey, publicKey: pki.setRsaPublicKey(privateKey.n, privateKey.e), keyPem };
}

/** A positive 128-bit serial number, as CAs must use (RFC 5280 §4.1.2.2). */
function serialNumber(): string {
  const bytes = randomBytes(16);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

function validity(cert: forge.pki.Certificate, days: number, now: Date): void {
  // An hour back: a phone whose clock is a little behind still accepts a fresh certificate.
  cert.validity.notBefore = new Date(now.getTime() - 60 * 60 * 1000);
  cert.validity.notAfter = new Date(now.getTime() + days * 24 * 60 * 60 * 1000);
}

function names(commonName: string): forge.pki.CertificateField[] {
  return [
    { shortName: 'O', value: 'Jixiao', valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class },
    { shortName: 'CN', value: commonName, valueTagClass: forge.asn1.Type.UTF8 as unknown as forge.asn1.Class },
  ];
}

/**
 * A new local certificate authority: what phones install once and trust, so that every server
 * certificate it signs later (new addresses, renewals) is trusted without touching the phones again.
 */
export function createCertificateAuthority(label: string, now = new Date()): CertificatePair {
  const { privateKey, publicKey, keyPem } = newKeyPair();
  const cert = pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  validity(cert, CA_VALIDITY_DAYS, now);
  const subject = names(`Jixiao 本地证书颁发机构（${label}）`);
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(privateKey, forge.md.sha256.create());
  return { certPem: pki.certificateToPem(cert), keyPem };
}

function utf8Value(attribute: forge.pki.CertificateField): forge.pki.CertificateField['value'] {
  return (attribute.valueTagClass as unknown) === forge.asn1.Type.UTF8 && typeof attribute.value === 'string'
    ? forge.util.decodeUtf8(attribute.value)
    : attribute.value;
}

/** Thrown when the CA files do not hold a CA certificate and its key. */
export class CertificateAuthorityError extends Error {}

/**
 * A server certificate signed by the CA, for the given hosts: IP addresses become IP SANs, names DNS
 * SANs (browsers read only the SANs, never the common name).
 */
export function issueServerCertificate(ca: CertificatePair, hosts: readonly string[], now = new Date()): CertificatePair {
  let caCert: forge.pki.Certificate;
  let caKey: forge.pki.rsa.PrivateKey;
  try {
    caCert = pki.certificateFromPem(ca.certPem);
    caKey = pki.privateKeyFromPem(ca.keyPem) as forge.pki.rsa.PrivateKey;
  } catch {
    throw new CertificateAuthorityError('不是 PEM 格式的 RSA 证书或私钥');
  }
  const caPublic = caCert.publicKey as forge.pki.rsa.PublicKey;
  if (caPublic.n.compareTo(caKey.n) !== 0) throw new CertificateAuthorityError('CA 私钥与 CA 证书不匹配');
  if (caCert.validity.notAfter.getTime() <= now.getTime())
    throw new CertificateAuthorityError(`CA 证书已于 ${caCert.validity.notAfter.toISOString().slice(0, 10)} 过期`);

  const { publicKey, keyPem } = newKeyPair();
  const cert = pki.createCertificate();
  cert.publicKey = publicKey;
  cert.serialNumber = serialNumber();
  validity(cert, SERVER_VALIDITY_DAYS, now);
  // Never outlive the CA: a certificate valid past its issuer is refused.
  if (cert.validity.notAfter > caCert.validity.notAfter) cert.validity.notAfter = caCert.validity.notAfter;
  cert.setSubject(names(hosts[0]));
  // Parsed names hold UTF-8 bytes, and setIssuer would encode them again: decode them first.
  cert.setIssuer(caCert.subject.attributes.map((attribute) => ({ ...attribute, value: utf8Value(attribute) })));
  cert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: hosts.map((host) => (isIP(host) ? { type: 7, ip: host } : { type: 2, value: host })) },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  cert.sign(caKey, forge.md.sha256.create());
  return { certPem: pki.certificateToPem(cert), keyPem };
}
