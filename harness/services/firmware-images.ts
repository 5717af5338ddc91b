/**
 * Firmware images the harness makes per run: a header naming the version, a body, and a SHA-256
 * of header+body at the end, so a station that installs it can tell an intact image from a
 * damaged one (as a real station checks its package before installing).
 */
import { createHash, randomBytes } from 'node:crypto';

const MAGIC = 'OCPPFW1';

export function makeImage(version: string, opts: { size?: number; corrupt?: boolean } = {}): Buffer {
  const header = Buffer.from(`${MAGIC} ${version}\n`, 'utf8');
  const body = randomBytes(opts.size ?? 64 * 1024);
  const digest = createHash('sha256').update(header).update(body).digest();
  if (opts.corrupt) digest[0] ^= 0xff;
  return Buffer.concat([header, body, digest]);
}

/** The version an intact image carries, or undefined when the image is damaged or not an image. */
export function inspectImage(image: Buffer): { version: string } | undefined {
  if (image.length < 40 || image.subarray(0, MAGIC.length).toString('utf8') !== MAGIC) return undefined;
  const newline = image.indexOf(0x0a);
  const digest = createHash('sha256').update(image.subarray(0, image.length - 32)).digest();
  if (newline < 0 || !digest.equals(image.subarray(image.length - 32))) return undefined;
  return { version: image.subarray(MAGIC.length + 1, newline).toString('utf8') };
}
