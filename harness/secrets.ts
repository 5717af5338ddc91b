/**
 * Secrets (passwords, keys) the harness knows of. Everything that leaves the harness as text —
 * journal entries, findings, failure messages, step titles, reports — goes through `redact`,
 * so a secret never appears in a report, a log or an error message.
 */
const secrets = new Set<string>();

export function registerSecret(secret: string | undefined): void {
  if (secret && secret.length >= 4) secrets.add(secret);
}

export const REDACTED = '«redacted»';

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
