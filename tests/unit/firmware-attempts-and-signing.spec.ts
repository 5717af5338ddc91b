import { expect, test } from '@playwright/test';
import { request } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeImage } from '../../harness/services/firmware-images';
import { FirmwareServer, attemptsIn } from '../../harness/services/firmware-server';
import { testPki, withOwnSigning, signImage, verifyImage } from '../../harness/services/test-pki';

const fetch = (url: string, method: string, range?: number): Promise<{ status: number; body: Buffer; headers: Record<string, unknown> }> => new Promise((resolve, reject) => {
  const req = request(url, { method, headers: range ? { range: `bytes=${range}-` } : {} }, (res) => {
    const c: Buffer[] = [];
    res.on('data', (d: Buffer) => c.push(d));
    res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(c), headers: res.headers }));
    res.on('error', reject);
  });
  req.on('error', reject);
  req.end();
});

test('the file server answers HEAD and Range, and counts attempts, not requests (TC_L_07_CS)', async () => {
  const server = await new FirmwareServer().start();
  try {
    const image = makeImage('4.0.0');
    const url = server.add('fw.bin', image);
    const head = await fetch(url, 'HEAD');
    expect(head.status).toBe(200);
    expect(Number(head.headers['content-length'])).toBe(image.length);
    const part = await fetch(url, 'GET', 1000);
    expect(part.status).toBe(206);
    expect(part.body.equals(image.subarray(1000))).toBe(true);
    // HEAD + GET = one attempt; a Range request continues the attempt it resumes; a plain GET starts another.
    expect(server.attemptsOf('fw.bin').map((a) => a.requests.map((r) => r.method))).toEqual([['HEAD', 'GET']]);
    await fetch(url, 'GET');
    expect(server.attemptsOf('fw.bin')).toHaveLength(2);
    // A missing image: HEAD 404 then GET 404 is still one attempt.
    const missing = url.replace('fw.bin', 'nope.bin');
    await fetch(missing, 'HEAD');
    await fetch(missing, 'GET');
    expect(attemptsIn(server.requests.filter((r) => r.path.includes('nope'))).length).toBe(1);
  } finally { await server.close(); }
});

test('a user\'s own firmware signing certificate replaces the harness\'s, checked against its root and key', async () => {
  const pki = await testPki();
  const dir = mkdtempSync(join(tmpdir(), 'fw-signing-'));
  const files = { certificateFile: join(dir, 'sign.pem'), keyFile: join(dir, 'sign.key'), rootFile: join(dir, 'root.pem') };
  // The harness's own signing identity stands in for "the user's": certificate, key, and the root it chains to.
  writeFileSync(files.certificateFile, pki.signing.certPem);
  writeFileSync(files.keyFile, pki.signing.keyPem);
  writeFileSync(files.rootFile, pki.signingRoot.certPem);
  const own = withOwnSigning(pki, files);
  expect(own.signingSource).toContain('sign.pem');
  const image = makeImage('5.0.0');
  expect(verifyImage(image, signImage(image, own.signing.key), own.signing.certPem)).toBe(true);
  writeFileSync(files.rootFile, pki.rogueCa.certPem);
  expect(() => withOwnSigning(pki, files)).toThrow(/is not issued by/);
  writeFileSync(files.rootFile, pki.signingRoot.certPem);
  writeFileSync(files.keyFile, pki.rogueSigning.keyPem);
  expect(() => withOwnSigning(pki, files)).toThrow(/is not the key of/);
});
