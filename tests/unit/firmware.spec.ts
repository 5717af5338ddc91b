import { expect, test } from '@playwright/test';
import { get } from 'node:https';
import { inspectImage, makeImage } from '../../harness/services/firmware-images';
import { FirmwareServer } from '../../harness/services/firmware-server';
import { issuedBy, signImage, testPki, verifyImage } from '../../harness/services/test-pki';

test.describe('firmware images, PKI and file server', () => {
  test('images carry their version and a checksum', () => {
    expect(inspectImage(makeImage('1.2.3'))).toEqual({ version: '1.2.3' });
    expect(inspectImage(makeImage('1.2.3', { corrupt: true }))).toBeUndefined();
    expect(inspectImage(Buffer.alloc(1000, 0x42))).toBeUndefined();
  });

  test('signatures (RSA-PSS, SHA-256) verify only for the signed image and the signing certificate chains to the test CA only', async () => {
    const pki = await testPki();
    const image = makeImage('2.0.0');
    const signature = signImage(image, pki.signing.key);
    expect(verifyImage(image, signature, pki.signing.certPem)).toBe(true);
    expect(verifyImage(makeImage('2.0.0'), signature, pki.signing.certPem)).toBe(false);
    expect(issuedBy(pki.signing.certPem, pki.ca.certPem)).toBe(true);
    expect(issuedBy(pki.rogueSigning.certPem, pki.ca.certPem)).toBe(false);
  });

  test('the HTTPS server serves with a certificate from the test CA and logs every request', async () => {
    const pki = await testPki();
    const server = await new FirmwareServer({ tls: pki.server }).start();
    const image = makeImage('9.9.9');
    const url = server.add('fw.bin', image);
    server.fail('fw.bin', 'notFound', 1);
    const fetchOnce = (): Promise<{ status: number; body: Buffer }> => new Promise((resolve, reject) => {
      get(url, { ca: pki.ca.certPem }, (res) => { const c: Buffer[] = []; res.on('data', (d: Buffer) => c.push(d)); res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(c) })); }).on('error', reject);
    });
    expect((await fetchOnce()).status).toBe(404);
    const second = await fetchOnce();
    expect(second.status).toBe(200);
    expect(second.body.equals(image)).toBe(true);
    expect(server.requestsOf('fw.bin').map((r) => r.outcome)).toEqual(['notFound', 'served']);
    await server.close();
  });
});
