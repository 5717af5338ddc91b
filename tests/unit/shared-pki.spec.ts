/**
 * The run's shared test PKI (harness/services/test-pki.ts shareRunPki): the self-test's global
 * setup made it once; this worker loads it instead of generating keys, the file is private, and
 * the loaded PKI still issues certificates from the shared root.
 */
import { expect, test } from '@playwright/test';
import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { RUN_PKI_ENV, issuedBy, shareRunPki, testPki } from '../../harness/services/test-pki';

test('every worker of a run uses the PKI its global setup made, from a private file', async () => {
  const file = process.env[RUN_PKI_ENV];
  expect(file, `${RUN_PKI_ENV} is set by tests/support/selftest-setup.ts`).toBeTruthy();
  expect(statSync(file!).mode & 0o777).toBe(0o600);
  expect(statSync(dirname(file!)).mode & 0o777).toBe(0o700);
  const saved = JSON.parse(readFileSync(file!, 'utf8')) as { ca: { certPem: string }; server: { certPem: string } };
  const pki = await testPki();
  expect(pki.ca.certPem).toBe(saved.ca.certPem);
  expect(pki.server.certPem).toBe(saved.server.certPem);
  // Issuing still works from the loaded root.
  expect(issuedBy((await pki.stationCert('SHARED-PKI-1')).certPem, pki.ca.certPem)).toBe(true);
  expect(issuedBy((await pki.stationCert('SHARED-PKI-1', { rogue: true })).certPem, pki.ca.certPem)).toBe(false);
  // A run inside a run (the e2e tests' CLI runs) shares the outer one's: nothing new is made.
  expect(await shareRunPki()).toBeUndefined();
});
