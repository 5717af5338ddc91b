/**
 * OCSP (RFC 6960) for ISO 15118 contract certificates (2.0.1 C07): the certificate's CertID from
 * its issuer, a request to a responder, a small responder that answers every query with one
 * status signed by its CA, and the CSMS side's query. Plain DER, written and read by hand (the
 * few structures OCPP needs); signatures with node:crypto.
 */
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseSpki, x509 } from './x509';

export type HashAlgorithm = 'SHA256' | 'SHA384' | 'SHA512';
export type OcspStatus = 'good' | 'revoked' | 'unknown';

/** OCPP OCSPRequestDataType: the CertID fields (hex) and where to ask. */
export interface OcspRequestData { hashAlgorithm: HashAlgorithm; issuerNameHash: string; issuerKeyHash: string; serialNumber: string; responderURL: string }

const HASH_OID: Record<HashAlgorithm, string> = { SHA256: '2.16.840.1.101.3.4.2.1', SHA384: '2.16.840.1.101.3.4.2.2', SHA512: '2.16.840.1.101.3.4.2.3' };
const OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const ECDSA_SHA256 = '1.2.840.10045.4.3.2';

// DER, by hand: tag, length, content.
const len = (n: number): Buffer => (n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]));
const tlv = (tag: number, ...content: Buffer[]): Buffer => { const c = Buffer.concat(content); return Buffer.concat([Buffer.from([tag]), len(c.length), c]); };
const seq = (...c: Buffer[]): Buffer => tlv(0x30, ...c);
const octets = (b: Buffer): Buffer => tlv(0x04, b);
const oid = (dotted: string): Buffer => {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const bytes = [a * 40 + b];
  for (const n of rest) { const part = [n & 0x7f]; for (let v = n >> 7; v > 0; v >>= 7) part.unshift((v & 0x7f) | 0x80); bytes.push(...part); }
  return tlv(0x06, Buffer.from(bytes));
};
const integerHex = (hex: string): Buffer => { let b = Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex'); if (b[0] & 0x80) b = Buffer.concat([Buffer.from([0]), b]); return tlv(0x02, b); };
const time = (d: Date): Buffer => tlv(0x18, Buffer.from(`${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`));

interface Node { tag: number; start: number; end: number; raw: Buffer; content: Buffer }
function read(buf: Buffer, at = 0): Node {
  const tag = buf[at];
  let n = buf[at + 1];
  let head = 2;
  if (n & 0x80) { const k = n & 0x7f; n = 0; for (let i = 0; i < k; i++) n = (n << 8) | buf[at + 2 + i]; head += k; }
  if (at + head + n > buf.length) throw new Error('truncated DER');
  return { tag, start: at, end: at + head + n, raw: buf.subarray(at, at + head + n), content: buf.subarray(at + head, at + head + n) };
}
function children(node: Node): Node[] {
  const out: Node[] = [];
  for (let at = 0; at < node.content.length;) { const c = read(node.content, at); out.push(c); at = c.end; }
  return out;
}

const hash = (alg: HashAlgorithm, b: ArrayBuffer | Buffer): string => createHash(alg.toLowerCase()).update(Buffer.from(b as ArrayBuffer)).digest('hex');

/** The CertID of `certPem` issued by `issuerPem` (RFC 6960 §4.1.1: hashes of the issuer's DER name and of its public key bits). */
export function ocspRequestData(certPem: string, issuerPem: string, responderURL: string, alg: HashAlgorithm = 'SHA256'): OcspRequestData {
  const cert = new x509.X509Certificate(certPem);
  const issuer = new x509.X509Certificate(issuerPem);
  const spki = parseSpki(issuer.publicKey.rawData);
  return { hashAlgorithm: alg, issuerNameHash: hash(alg, issuer.subjectName.toArrayBuffer()), issuerKeyHash: hash(alg, spki.subjectPublicKey), serialNumber: cert.serialNumber.replace(/^0+(?=.)/, '').toLowerCase(), responderURL };
}

const certId = (d: OcspRequestData): Buffer => seq(seq(oid(HASH_OID[d.hashAlgorithm]), tlv(0x05)), octets(Buffer.from(d.issuerNameHash, 'hex')), octets(Buffer.from(d.issuerKeyHash, 'hex')), integerHex(d.serialNumber));

/** An unsigned OCSPRequest for one certificate. */
export const ocspRequest = (d: OcspRequestData): Buffer => seq(seq(seq(seq(certId(d)))));

/** The CertID of the first request of an OCSPRequest (DER, as sent). */
function requestedCertId(req: Buffer): Buffer {
  const tbs = children(read(req))[0];
  const list = children(tbs).find((c) => c.tag === 0x30)!;
  return children(children(list)[0])[0].raw;
}

/** A successful OCSPResponse answering `certIdDer` with `status`, signed by `signer` (the CA itself, RFC 6960 §4.2.2.2). */
function ocspResponse(certIdDer: Buffer, status: OcspStatus, signer: { certPem: string; key: KeyObject }): Buffer {
  const now = new Date();
  const certStatus = status === 'good' ? tlv(0x80) : status === 'revoked' ? tlv(0xa1, time(new Date(now.getTime() - 86_400_000))) : tlv(0x82);
  const cert = new x509.X509Certificate(signer.certPem);
  const spki = parseSpki(cert.publicKey.rawData);
  const keyHash = createHash('sha1').update(Buffer.from(spki.subjectPublicKey)).digest();
  const tbs = seq(tlv(0xa2, octets(keyHash)), time(now), seq(seq(certIdDer, certStatus, time(now))));
  const signature = sign('sha256', tbs, signer.key);
  const basic = seq(tbs, seq(oid(ECDSA_SHA256)), tlv(0x03, Buffer.from([0]), signature), tlv(0xa0, seq(Buffer.from(cert.rawData))));
  return seq(tlv(0x0a, Buffer.from([0])), tlv(0xa0, seq(oid(OCSP_BASIC), octets(basic))));
}

/** The status an OCSPResponse gives, its signature checked against `trustedPem` (the issuer); 'error' when it is no valid answer. */
export function readOcspResponse(der: Buffer, trustedPem: string): OcspStatus | 'error' {
  try {
    const top = children(read(der));
    if (top[0].content[0] !== 0 || !top[1]) return 'error';
    const bytes = children(children(top[1])[0]);
    const basic = children(read(bytes[1].content));
    const [tbs, , sig] = basic;
    if (!verify('sha256', tbs.raw, createPublicKey(trustedPem), sig.content.subarray(1))) return 'error';
    const responses = children(tbs).filter((c) => c.tag === 0x30).pop()!;
    const single = children(children(responses)[0]);
    return single[1].tag === 0x80 ? 'good' : single[1].tag === 0xa1 ? 'revoked' : 'unknown';
  } catch { return 'error'; }
}

/** Asks the responder of `d` (HTTP POST, application/ocsp-request); 'error' when it cannot be reached or answers no valid response. */
export async function queryOcsp(d: OcspRequestData, trustedPem: string, timeoutMs: number): Promise<OcspStatus | 'error'> {
  try {
    const res = await fetch(d.responderURL, { method: 'POST', headers: { 'content-type': 'application/ocsp-request' }, body: ocspRequest(d), signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) return 'error';
    return readOcspResponse(Buffer.from(await res.arrayBuffer()), trustedPem);
  } catch { return 'error'; }
}

/** A responder on this machine answering every query with `status`; `requests` counts the queries it got. */
export interface OcspResponder { url: string; readonly requests: number; close(): Promise<void> }

export async function startOcspResponder(status: OcspStatus, signer: { certPem: string; key: KeyObject }, host = '127.0.0.1'): Promise<OcspResponder> {
  let requests = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const der = ocspResponse(requestedCertId(Buffer.concat(chunks)), status, signer);
        requests++;
        res.writeHead(200, { 'content-type': 'application/ocsp-response' }).end(der);
      } catch { res.writeHead(400).end(); }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://${host}:${port}/ocsp`, get requests() { return requests; }, close: () => new Promise((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}
