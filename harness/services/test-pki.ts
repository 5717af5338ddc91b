/**
 * A per-run test PKI: a root CA, TLS server certificates it issues (for the CSMS endpoints and
 * the firmware server; one for another host name), station client certificates (security
 * profile 3), a firmware signing certificate, and "rogue" counterparts from an unknown issuer
 * for the negative cases. X.509 by @peculiar/x509 (maintained); CA and TLS keys
 * ECDSA P-256, plus an RSA 2048 server certificate (rsaEncryption key, for the TLS_RSA and
 * ECDHE-RSA suites: 2.0.1 A00.FR.318 / 1.6 whitepaper A00.FR.317 need both kinds). Firmware signatures: RSA-PSS with SHA-256 over the whole file (2.0.1 L01.FR.04:
 * "RSA-PSS or ECSchnorr ... SHA256"; Node has no ECSchnorr), base64 as in firmware.signature.
 */
import { X509Certificate as NodeCert, constants, createHash, createPrivateKey, sign, verify, webcrypto, type KeyObject } from 'node:crypto';
import type * as X509 from '@peculiar/x509';
import { parseSpki, x509 } from './x509';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

type KeyPair = webcrypto.CryptoKeyPair;

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const RSA_PSS = { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as const;
/** An rsaEncryption key (RSA-PSS keys cannot do the TLS_RSA key exchange). */
const RSA_TLS = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as const;
const PSS = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };

interface Identity { certPem: string; keyPem: string; key: KeyObject }
export interface TestPki {
  ca: Identity; server: Identity; signing: Identity; rogueSigning: Identity;
  /** The TLS server certificate for localhost with an RSA key (`server` has an ECDSA one). */
  serverRsa: Identity;
  /**
   * The root the firmware signing certificate chains to, the one a station must trust for it
   * (2.0.1 ManufacturerRootCertificate): the test CA in a per-run PKI; a root of its own, kept
   * across runs, when persisted; the user's root with their own signing certificate.
   */
  signingRoot: { certPem: string };
  /** Which signing PKI signs firmware, in words for the report. */
  signingSource: string;
  /** A TLS server certificate for localhost from an issuer nobody trusts. */
  rogueServer: Identity;
  /** A TLS server certificate from the trusted CA, for another host name. */
  wrongHostServer: Identity;
  /** The rogue root itself (to issue untrusted client certificates). */
  rogueCa: Identity;
  /** A client certificate for a station (security profile 3), issued by the trusted CA or the rogue one. */
  stationCert(stationId: string, opts?: { rogue?: boolean }): Promise<Identity>;
  /** A TLS server certificate from the trusted CA for these host names / addresses (a real station reaching the harness over the network); ECDSA, or RSA with `rsa`. */
  serverFor(hostnames: string[], opts?: { rsa?: boolean }): Promise<Identity>;
}

async function pem(keys: KeyPair): Promise<{ keyPem: string; key: KeyObject }> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey as never));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${der.toString('base64').replace(/(.{64})/g, '$1\n').trim()}\n-----END PRIVATE KEY-----\n`;
  return { keyPem, key: createPrivateKey(keyPem) };
}

type KeyKind = boolean | 'rsa-tls';
const newKeys = (rsa: KeyKind = false): Promise<KeyPair> => webcrypto.subtle.generateKey(rsa === 'rsa-tls' ? RSA_TLS : rsa ? RSA_PSS : ALG, true, ['sign', 'verify']) as Promise<KeyPair>;
const validity = (days = 7): { notBefore: Date; notAfter: Date } => ({ notBefore: new Date(Date.now() - 3600_000), notAfter: new Date(Date.now() + days * 86400_000) });

async function issue(name: string, issuer: Issuer | undefined, extensions: X509.Extension[], rsa: KeyKind = false, days = 7): Promise<{ cert: X509.X509Certificate; keys: KeyPair; id: Identity }> {
  const keys = await newKeys(rsa);
  const serialNumber = Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex');
  const cert = issuer
    ? await x509.X509CertificateGenerator.create({ serialNumber, subject: name, issuer: issuer.cert.subject, ...validity(days), signingAlgorithm: ALG, publicKey: keys.publicKey, signingKey: issuer.keys.privateKey, extensions })
    : await x509.X509CertificateGenerator.createSelfSigned({ serialNumber, name, ...validity(days), signingAlgorithm: ALG, keys, extensions });
  return { cert, keys, id: { certPem: cert.toString('pem'), ...(await pem(keys)) } };
}

let cached: Promise<TestPki> | undefined;
type Issuer = { cert: X509.X509Certificate; keys: KeyPair };
type Issued = Issuer & { id: Identity };
/** A root: its identity, and its certificate and keys for issuing, parsed on first use (a worker that issues nothing never loads @peculiar/x509). */
type Root = { id: Identity; issuer: () => Promise<Issuer> };
const rootOf = (made: Issued): Root => ({ id: made.id, issuer: () => Promise.resolve(made) });

/** The issuers behind the run's identities, to sign CSRs with (CertificateSigned). */
let issuers: { ca: Root; rogue: Root } | undefined;

/**
 * A root CA: new, or (with `file`) kept on disk so a real station trusts the same CA across
 * runs and worker restarts. The file holds a test key, outside the reports, readable by the owner only.
 */
async function root(name: string, extensions: X509.Extension[], file?: string): Promise<Issued> {
  if (file && existsSync(file)) return loadIssued(JSON.parse(readFileSync(file, 'utf8')) as Saved);
  const made = await issue(name, undefined, extensions, false, file ? 365 : 7);
  if (file) { mkdirSync(dirname(file), { recursive: true }); writeFileSync(file, JSON.stringify({ certPem: made.id.certPem, keyPem: made.id.keyPem }), { mode: 0o600 }); }
  return made;
}

/**
 * The environment variable naming a run's shared PKI file (written by shareRunPki in the run's
 * global setup): every worker process of the run loads the same PKI from it instead of making
 * its own (key generation costs about a CPU-second per process, three RSA keys among them).
 */
export const RUN_PKI_ENV = 'OCPP_HARNESS_RUN_PKI';

/** The identities a PKI issues at its making (beside the two roots). */
const LEAVES = ['server', 'serverRsa', 'signing', 'rogueSigning', 'rogueServer', 'wrongHostServer'] as const;
type Leaves = Record<(typeof LEAVES)[number], Identity>;
interface Saved { certPem: string; keyPem: string }
/** What the shared file holds: every identity, and the two roots' keys (to issue more certificates). */
type SharedPki = Record<'ca' | 'rogueRoot' | (typeof LEAVES)[number], Saved>;

/** An identity from its saved PEMs. */
const identityOf = (saved: Saved): Identity => ({ certPem: saved.certPem, keyPem: saved.keyPem, key: createPrivateKey(saved.keyPem) });

/** A root (or any certificate with its key) from its PEMs, as `issue` makes them. */
async function loadIssued(saved: Saved, id = identityOf(saved)): Promise<Issued> {
  const cert = new x509.X509Certificate(saved.certPem);
  const der = Buffer.from(saved.keyPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  const privateKey = await webcrypto.subtle.importKey('pkcs8', der, ALG, true, ['sign']);
  const publicKey = await cert.publicKey.export(ALG, ['verify']);
  return { cert, keys: { privateKey, publicKey } as KeyPair, id };
}

/**
 * Makes the run's PKI once and shares it with the run's worker processes through a file in a
 * private temporary folder (mode 0700 / 0600; test keys only, never in the reports): sets
 * RUN_PKI_ENV, which the workers inherit. Returns the clean-up (removes the folder), or
 * undefined when the variable is already set (a run inside a run shares the outer one's).
 */
export async function shareRunPki(): Promise<(() => void) | undefined> {
  if (process.env[RUN_PKI_ENV]) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-harness-run-pki-'));
  chmodSync(dir, 0o700);
  const file = join(dir, 'pki.json');
  const made = await makePki();
  writeFileSync(file, JSON.stringify(made.shared), { mode: 0o600 });
  process.env[RUN_PKI_ENV] = file;
  cached = Promise.resolve(made.pki);
  return () => { delete process.env[RUN_PKI_ENV]; rmSync(dir, { recursive: true, force: true }); };
}

/**
 * The run's PKI, made once per process, or loaded from the run's shared file (RUN_PKI_ENV);
 * `persistDir` keeps its root CAs across runs (real stations) and is never shared.
 */
export function testPki(persistDir?: string): Promise<TestPki> {
  const shared = persistDir ? undefined : process.env[RUN_PKI_ENV];
  cached ??= shared && existsSync(shared) ? loadPki(JSON.parse(readFileSync(shared, 'utf8')) as SharedPki) : makePki(persistDir).then((m) => m.pki);
  return cached;
}

async function loadPki(saved: SharedPki): Promise<TestPki> {
  const lazyRoot = (s: Saved): Root => {
    const id = identityOf(s);
    let loaded: Promise<Issued> | undefined;
    return { id, issuer: () => (loaded ??= loadIssued(s, id)) };
  };
  const ca = lazyRoot(saved.ca);
  const rogueRoot = lazyRoot(saved.rogueRoot);
  const leaves = Object.fromEntries(LEAVES.map((n) => [n, identityOf(saved[n])])) as Leaves;
  return assemble({ ca, rogueRoot, signingRoot: ca, signingSource: PER_RUN_SIGNING, leaves });
}

const PER_RUN_SIGNING = 'the harness\'s per-run signing PKI (signed by the run\'s test CA)';

interface Parts { ca: Root; rogueRoot: Root; signingRoot: Root; signingSource: string; leaves: Leaves }

/** The PKI from its parts: the issuing functions (station client certificates, server certificates) work from the two roots. */
function assemble(p: Parts): TestPki {
  const { ca, rogueRoot } = p;
  const clients = new Map<string, Promise<Identity>>();
  // 2.0.1 A00.FR.4xx / 1.6 WP: the station certificate's subject carries the station identity in CN and the operator in O.
  const stationCert = (stationId: string, opts: { rogue?: boolean } = {}): Promise<Identity> => {
    const key = `${opts.rogue ? 'rogue:' : ''}${stationId}`;
    if (!clients.has(key)) clients.set(key, (opts.rogue ? rogueRoot : ca).issuer().then((issuer) => issue(`CN=${stationId.replace(/[,+=]/g, '_')},O=ocpp-harness`, issuer, [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])])).then((c) => c.id));
    return clients.get(key)!;
  };
  issuers = { ca, rogue: rogueRoot };
  const serverFor = async (hostnames: string[], opts: { rsa?: boolean } = {}): Promise<Identity> => (await issue(`CN=${hostnames[0]}`, await ca.issuer(), [new x509.SubjectAlternativeNameExtension(hostnames.map((h) => (/^[\d.]+$|:/.test(h) ? { type: 'ip' as const, value: h } : { type: 'dns' as const, value: h })))], opts.rsa ? 'rsa-tls' : false)).id;
  return { ...p.leaves, serverFor, ca: ca.id, signingRoot: { certPem: p.signingRoot.id.certPem }, signingSource: p.signingSource, rogueCa: rogueRoot.id, stationCert };
}

/** A new PKI (its roots kept in `persistDir` when given), and what a shared file would hold of it. */
async function makePki(persistDir?: string): Promise<{ pki: TestPki; shared: SharedPki }> {
  const ca = await root('CN=OCPP Harness Test Root CA,O=ocpp-harness', [new x509.BasicConstraintsExtension(true, 1, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)], persistDir && join(persistDir, 'test-root-ca.json'));
  const server = await issue('CN=localhost', ca, [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }, { type: 'ip', value: '127.0.0.1' }])]);
  const serverRsa = await issue('CN=localhost', ca, [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }, { type: 'ip', value: '127.0.0.1' }])], 'rsa-tls');
  // Persisted (a real station): firmware is signed under a root of its own, kept across runs like the TLS CA, so the
  // station trusts it once (installed as its ManufacturerRootCertificate); per run, the test CA signs.
  const signingRoot = persistDir
    ? await root('CN=OCPP Harness Firmware Signing Root,O=ocpp-harness', [new x509.BasicConstraintsExtension(true, 0, true), new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true)], join(persistDir, 'firmware-signing-root.json'))
    : ca;
  const signing = await issue('CN=OCPP Harness Firmware Signing,O=ocpp-harness', signingRoot, [new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true)], true);
  const signingSource = persistDir
    ? `the harness's signing PKI, kept across runs in ${join(persistDir, 'firmware-signing-root.json')} (root: "${signingRoot.cert.subject}")`
    : PER_RUN_SIGNING;
  const rogueRoot = await root('CN=Unknown Root', [new x509.BasicConstraintsExtension(true, 1, true)], persistDir && join(persistDir, 'rogue-root-ca.json'));
  const rogueSigning = await issue('CN=OCPP Harness Firmware Signing,O=ocpp-harness', rogueRoot, [], true);
  const rogueServer = await issue('CN=localhost', rogueRoot, [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'localhost' }, { type: 'ip', value: '127.0.0.1' }])]);
  const wrongHostServer = await issue('CN=wrong-host.example.com', ca, [new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'wrong-host.example.com' }])]);
  const leaves: Leaves = { server: server.id, serverRsa: serverRsa.id, signing: signing.id, rogueSigning: rogueSigning.id, rogueServer: rogueServer.id, wrongHostServer: wrongHostServer.id };
  const saved = (i: Identity): Saved => ({ certPem: i.certPem, keyPem: i.keyPem });
  const shared = Object.fromEntries([['ca', saved(ca.id)], ['rogueRoot', saved(rogueRoot.id)], ...LEAVES.map((n) => [n, saved(leaves[n])])]) as SharedPki;
  return { pki: assemble({ ca: rootOf(ca), rogueRoot: rootOf(rogueRoot), signingRoot: rootOf(signingRoot), signingSource, leaves }), shared };
}

/**
 * The PKI with the user's own firmware signing certificate, key and root (config
 * sut.firmwareSigning) in place of the harness's: checked that the certificate chains to the
 * root and that the key is the certificate's.
 */
export function withOwnSigning(pki: TestPki, files: { certificateFile: string; keyFile: string; rootFile: string }): TestPki {
  const certPem = readFileSync(files.certificateFile, 'utf8');
  const keyPem = readFileSync(files.keyFile, 'utf8');
  const rootPem = readFileSync(files.rootFile, 'utf8');
  const cert = new NodeCert(certPem);
  const root = new NodeCert(rootPem);
  if (!cert.checkIssued(root) || !cert.verify(root.publicKey)) throw new Error(`firmware signing: ${files.certificateFile} is not issued by ${files.rootFile}`);
  const key = createPrivateKey(keyPem);
  if (!cert.checkPrivateKey(key)) throw new Error(`firmware signing: ${files.keyFile} is not the key of ${files.certificateFile}`);
  return { ...pki, signing: { certPem, keyPem, key }, signingRoot: { certPem: rootPem }, signingSource: `your signing certificate ${files.certificateFile} ("${cert.subject.replace(/\n/g, ', ')}"), root ${files.rootFile} (config sut.firmwareSigning)` };
}

/** Base64 RSA-PSS / SHA-256 signature of a whole image (L01.FR.04). */
export function signImage(image: Buffer, key: KeyObject): string {
  return sign('sha256', image, { key, ...PSS }).toString('base64');
}

/** Whether `certPem` was issued by `caPem` and is valid now. */
export function issuedBy(certPem: string, caPem: string): boolean {
  try {
    const cert = new NodeCert(certPem);
    const ca = new NodeCert(caPem);
    const now = Date.now();
    return cert.checkIssued(ca) && cert.verify(ca.publicKey) && Date.parse(cert.validFrom) <= now && now <= Date.parse(cert.validTo);
  } catch { return false; }
}

/** Whether `signature` (base64) is a valid signature of `image` by the certificate's key. */
export function verifyImage(image: Buffer, signature: string, certPem: string): boolean {
  try { return verify('sha256', image, { key: new NodeCert(certPem).publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, Buffer.from(signature, 'base64')); } catch { return false; }
}

/** A new key pair and a PKCS#10 CSR (PEM) for `subject` (A02.FR.02/03: the station makes a key pair and sends a CSR). */
export async function makeCsr(subject: string): Promise<{ csrPem: string; keyPem: string }> {
  const keys = await newKeys();
  const csr = await x509.Pkcs10CertificateRequestGenerator.create({ name: subject, keys, signingAlgorithm: ALG });
  return { csrPem: csr.toString('pem'), keyPem: (await pem(keys)).keyPem };
}

/** Issues a certificate for a CSR from the run's CA (or the rogue one: a certificate the station must reject). */
export async function signCsr(csrPem: string, opts: { rogue?: boolean } = {}): Promise<string> {
  await testPki();
  const issuer = await (opts.rogue ? issuers!.rogue : issuers!.ca).issuer();
  const csr = new x509.Pkcs10CertificateRequest(csrPem);
  if (!(await csr.verify())) throw new Error('the CSR signature does not verify');
  const serialNumber = Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex');
  const cert = await x509.X509CertificateGenerator.create({ serialNumber, subject: csr.subject, issuer: issuer.cert.subject, ...validity(), signingAlgorithm: ALG, publicKey: csr.publicKey, signingKey: issuer.keys.privateKey, extensions: [new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth])] });
  return cert.toString('pem');
}

/** Whether `certPem` (the first certificate of a chain) is signed by `caPem`, currently valid, and for the key of `csrPem` when given. */
export async function certificateValid(certPem: string, caPem: string, csrPem?: string): Promise<boolean> {
  try {
    const cert = firstCertificate(certPem);
    const ca = new x509.X509Certificate(caPem);
    const now = new Date();
    if (cert.notBefore > now || cert.notAfter < now) return false;
    if (!(await cert.verify({ publicKey: ca.publicKey, signatureOnly: true }))) return false;
    return csrPem === undefined || certificateForKey(certPem, csrPem);
  } catch { return false; }
}

/** The first certificate of a PEM chain (CertificateSigned carries the station's certificate first). */
function firstCertificate(chainPem: string): X509.X509Certificate {
  return new x509.X509Certificate(chainPem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/)?.[0] ?? chainPem);
}

/** Whether the first certificate of `chainPem` carries the public key of `csrPem`. */
export function certificateForKey(chainPem: string, csrPem: string): boolean {
  try {
    return Buffer.compare(Buffer.from(new x509.Pkcs10CertificateRequest(csrPem).publicKey.rawData), Buffer.from(firstCertificate(chainPem).publicKey.rawData)) === 0;
  } catch { return false; }
}

/** OCPP CertificateHashData of a certificate (RFC 6960 style: SHA-256 of the issuer's DER name and of its public key bits). */
export function certificateHashData(certPem: string): { hashAlgorithm: 'SHA256'; issuerNameHash: string; issuerKeyHash: string; serialNumber: string } {
  return { ...certificateHashDataWith(certPem, 'SHA256'), hashAlgorithm: 'SHA256' };
}

/** The same with another of OCPP's hash algorithms (HashAlgorithmEnumType: SHA256, SHA384, SHA512). */
export function certificateHashDataWith(certPem: string, hashAlgorithm: 'SHA256' | 'SHA384' | 'SHA512'): { hashAlgorithm: string; issuerNameHash: string; issuerKeyHash: string; serialNumber: string } {
  const cert = new x509.X509Certificate(certPem);
  const sha = (b: ArrayBuffer | Buffer): string => createHash(hashAlgorithm.toLowerCase()).update(Buffer.from(b as ArrayBuffer)).digest('hex');
  // Roots here are self-signed: the issuer's key is the certificate's own.
  const spki = parseSpki(cert.publicKey.rawData);
  return { hashAlgorithm, issuerNameHash: sha(cert.issuerName.toArrayBuffer()), issuerKeyHash: sha(spki.subjectPublicKey), serialNumber: cert.serialNumber.replace(/^0+(?=.)/, '').toLowerCase() };
}

/**
 * An ISO 15118 contract certificate for `emaid` (2.0.1 C07), issued by the test CA in the role of
 * the mobility operator's root, naming its OCSP responder in Authority Information Access.
 */
export async function contractCertificate(emaid: string, ocspUrl: string): Promise<Identity> {
  await testPki();
  return (await issue(`CN=${emaid.replace(/[,+=]/g, '_')},O=ocpp-harness`, await issuers!.ca.issuer(), [new x509.AuthorityInfoAccessExtension({ ocsp: ocspUrl })])).id;
}
