/**
 * Secrets (passwords, keys) the harness knows of. Everything that leaves the harness as text —
 * journal entries, findings, failure messages, step titles, reports — goes through `redact`,
 * so a secret never appears in a report, a log or an error message.
 */
const secrets = new Set<string>();

export function registerSecret(secret: string | undefined): void {
  if (secret && secret.length >= 4) secrets.add(secret);
}

const REDACTED = '«redacted»';

export function redact(text: string): string {
  if (!secrets.size || !text) return text;
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  return out;
}

/** HTTP Basic credentials of a station: 2.0.1 A00.FR.205 the password as UTF-8; 1.6 the AuthorizationKey's bytes (hex-decoded). */
export function basicCredentials(version: '1.6' | '2.0.1', stationId: string, password: string): Buffer {
  const secret = version === '1.6' && /^([0-9a-fA-F]{2})+$/.test(password) ? Buffer.from(password, 'hex') : Buffer.from(password, 'utf8');
  return Buffer.concat([Buffer.from(`${stationId}:`, 'utf8'), secret]);
}

/** The decoded credentials of an `Authorization: Basic ...` header ("user:secret" bytes), or undefined without one. */
export function basicAuthOf(header: string | undefined): { raw: Buffer; user: string; secret: Buffer } | undefined {
  const given = /^Basic\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!given) return undefined;
  const raw = Buffer.from(given, 'base64');
  const colon = raw.indexOf(0x3a);
  return { raw, user: raw.subarray(0, Math.max(0, colon)).toString('utf8'), secret: raw.subarray(colon + 1) };
}
