/** Shared preparation of firmware images for the firmware cases. */
import * as allure from 'allure-js-commons';
import { test } from '../../../fixtures';
import { FirmwareDriver } from '../../../harness/judge/as-csms/firmware-driver';
import type { OcppDriver } from '../../../harness/judge/as-csms/ocpp-driver';
import { makeImage } from '../../../harness/services/firmware-images';
import type { FirmwareServer } from '../../../harness/services/firmware-server';
import { type TestPki, signImage } from '../../../harness/services/test-pki';

interface PreparedImage { name: string; url: string; version: string; signature: string; signingCertificate: string }

/**
 * Registers an image on the server: `corrupt` damages its checksum (the signature still
 * matches the damaged file), `badSignature` signs another file, `rogue` uses a signing
 * certificate from an unknown issuer.
 */
export function prepareImage(server: FirmwareServer, pki: TestPki, opts: { version?: string; corrupt?: boolean; badSignature?: boolean; rogue?: boolean; name?: string } = {}): PreparedImage {
  const version = opts.version ?? '2.0.0';
  const image = makeImage(version, { corrupt: opts.corrupt });
  const name = opts.name ?? `fw-${version}${opts.corrupt ? '-corrupt' : ''}.bin`;
  const signer = opts.rogue ? pki.rogueSigning : pki.signing;
  nameSigning(pki, !!opts.rogue);
  const signature = signImage(opts.badSignature ? makeImage(version) : image, signer.key);
  return { name, url: server.add(name, image), version, signature, signingCertificate: signer.certPem };
}

/** Says in the report which signing PKI signed the case's image (an annotation and an Allure parameter), once per case. */
function nameSigning(pki: TestPki, rogue: boolean): void {
  const info = test.info();
  const what = rogue ? 'a signing certificate from an issuer the station does not know (the negative case)' : pki.signingSource;
  if (info.annotations.some((a) => a.type === 'firmware signing' && a.description === what)) return;
  info.annotations.push({ type: 'firmware signing', description: what });
  void allure.parameter(rogue ? 'firmware signing (untrusted)' : 'firmware signing', what);
}

/** The usual update path of a version: 2.0.1 secure over HTTPS, 1.6 plain UpdateFirmware over HTTP. */
export function usualUpdate(ocpp: OcppDriver, files: { http: FirmwareServer; https: FirmwareServer }): { fw: FirmwareDriver; server: FirmwareServer; secure: boolean } {
  const secure = ocpp.version === '2.0.1';
  return { fw: new FirmwareDriver(ocpp, secure), server: secure ? files.https : files.http, secure };
}
