/**
 * @peculiar/x509 and the ASN.1 pieces the harness uses, loaded on first use. Loading them (with
 * reflect-metadata, which they need first) takes about 0.2 CPU-seconds, and every Playwright
 * worker would pay it at start although most never issue or parse a certificate. Types: import
 * them with `import type * as X509 from '@peculiar/x509'`.
 */
import type * as X509 from '@peculiar/x509';
import type { AsnConvert as AsnConvertType } from '@peculiar/asn1-schema';
import type { SubjectPublicKeyInfo as SpkiType } from '@peculiar/asn1-x509';
import { webcrypto } from 'node:crypto';

let lib: typeof X509 | undefined;

function load(): typeof X509 {
  if (!lib) {
    require('reflect-metadata');
    lib = require('@peculiar/x509') as typeof X509;
    lib.cryptoProvider.set(webcrypto as unknown as Parameters<typeof lib.cryptoProvider.set>[0]);
  }
  return lib;
}

/** The @peculiar/x509 module (its crypto provider: Node's WebCrypto), loaded when a member is first read. */
export const x509: typeof X509 = new Proxy({} as typeof X509, {
  get: (_target, name) => (load() as unknown as Record<string | symbol, unknown>)[name],
});

/** Parses a certificate's DER public key field as SubjectPublicKeyInfo (@peculiar/asn1-x509). */
export function parseSpki(der: ArrayBuffer): SpkiType {
  load();
  const { AsnConvert } = require('@peculiar/asn1-schema') as { AsnConvert: typeof AsnConvertType };
  const { SubjectPublicKeyInfo } = require('@peculiar/asn1-x509') as { SubjectPublicKeyInfo: typeof SpkiType };
  return AsnConvert.parse(der, SubjectPublicKeyInfo);
}
