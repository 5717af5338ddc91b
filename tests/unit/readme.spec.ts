/**
 * The README documents what a user needs to write a rig and run a real device: every operator
 * action and rig action (typed records: a new action fails to compile here until it is listed),
 * --host, the fleet flags with --accept-prefix, list/--case/--area; it keeps the two contract
 * commands and never links outside the repository.
 */
import { expect, test } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CsmsActionType } from '../../harness/model/csms-actions';
import type { SutActionType } from '../../harness/sut/adapter';

const ROOT = join(__dirname, '..', '..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

const OPERATOR_ACTIONS: Record<CsmsActionType, true> = {
  remoteStart: true, remoteStop: true, clearCache: true, getLocalListVersion: true, sendLocalList: true,
  updateFirmware: true, changeAvailability: true, triggerBootNotification: true, renewStationCertificate: true,
  // cov-c3
  unlockConnector: true, publishFirmware: true, unpublishFirmware: true,
  // security (cov-s4)
  setBasicAuthPassword: true, renewV2GCertificate: true,
  getTransactionStatus: true,
  // Provisioning and trigger (cov-c1).
  getVariables: true, setVariables: true, getBaseReport: true, getReport: true, reset: true, setNetworkProfile: true, triggerMessage: true,
  // security (cov-n2)
  installCertificate: true, getInstalledCertificateIds: true, deleteCertificate: true,
  // log (cov-n3)
  getLog: true,
};
const RIG_ACTIONS: Record<SutActionType, true> = {
  powerOn: true, powerCycle: true, plugIn: true, unplug: true, unplugEvSide: true, evNotReady: true, presentCard: true, enterCode: true,
  raiseFault: true, clearFault: true, observeRelay: true, observeEnergy: true,
  selectTransactions: true,
  listStorage: true,
};

test('the README lists every operator action and every rig action in its tables', () => {
  const rows = README.split('\n').filter((l) => l.startsWith('| `'));
  for (const action of [...Object.keys(OPERATOR_ACTIONS), ...Object.keys(RIG_ACTIONS)]) {
    expect(rows.some((r) => r.startsWith(`| \`${action}`)), `README table row for ${action}`).toBe(true);
  }
});

test('the README keeps its two contract commands and documents --host, the fleet flags, list, --case and --area', () => {
  expect(README).toContain('npm install && npm start   # every suite against the built-in station and CSMS; report in reports/allure-report/index.html');
  expect(README).toContain('npm test                   # the harness\'s own tests');
  for (const text of ['--host 0.0.0.0', '--accept-prefix FLEET-', '--stations N', '--ramp', '--tx-every', '--id-prefix', 'ocpp-harness list', '--case TC_B_01_CS', '--area', '--allow-empty', 'A first real-device run in 5 minutes']) {
    expect(README, text).toContain(text);
  }
});

test('the README links only to files of the repository, and they exist', () => {
  const links = [...README.matchAll(/\]\(([^)]+)\)/g)].map((m) => m[1]);
  expect(links.length).toBeGreaterThan(3);
  for (const link of links) {
    expect(link, 'a link outside the repository').not.toMatch(/^[a-z]+:|^\/\/|^\.\.\//i);
    expect(existsSync(join(ROOT, link.split('#')[0])), `${link} exists`).toBe(true);
  }
});
