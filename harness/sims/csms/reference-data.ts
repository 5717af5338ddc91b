/** What the reference CSMS knows before the run (ReferenceData, the seed of its store), built from the same facts a real CSMS under test is configured with. */
import { createHash } from 'node:crypto';
import type { CsmsFacts } from '../../config/run-config';
import type { Timing } from '../../model/timing';
import { makeImage } from '../../services/firmware-images';
import { signImage, testPki } from '../../services/test-pki';
import type { ReferenceData } from './store';

export async function referenceData(facts: CsmsFacts, timing: Timing, extra: Partial<ReferenceData> = {}): Promise<ReferenceData> {
  const pki = await testPki();
  const image = makeImage('2.0.0');
  const t = facts.tokens;
  const tokens: ReferenceData['tokens'] = {};
  const types = facts.tokenTypes ?? {};
  if (t.valid) tokens[t.valid] = { status: 'Accepted', groupId: t.group, type: types.valid };
  if (t.valid2) tokens[t.valid2] = { status: 'Accepted', groupId: t.group, type: types.valid2 };
  if (t.blocked) tokens[t.blocked] = { status: 'Blocked' };
  if (t.masterPass) tokens[t.masterPass] = { status: 'Accepted', groupId: t.masterPassGroup };
  if (t.expired) tokens[t.expired] = { status: 'Accepted', expiry: '2020-01-01T00:00:00.000Z' };
  if (t.emaid) tokens[t.emaid] = { status: 'Accepted', type: 'eMAID' };
  return {
    stations: [facts.stationId, ...(facts.upgradeStationId ? [facts.upgradeStationId] : [])], pending: facts.pendingStationId ? [facts.pendingStationId] : [], tokens,
    // The security-profile upgrade station (TC_A_19_CSMS / TC_083_CSMS) has the station's password.
    passwords: facts.password ? { [facts.stationId]: facts.password, ...(facts.upgradeStationId ? { [facts.upgradeStationId]: facts.password } : {}) } : undefined,
    firmware: { signingCertificate: pki.signing.certPem, signature: signImage(image, pki.signing.key), checksum: createHash('md5').update(image).digest('hex') },
    contractRoot: pki.ca.certPem,
    heartbeatInterval: timing.heartbeatInterval, retryInterval: timing.bootRetryInterval, messageTimeout: timing.messageTimeout,
    msPerSecond: timing.scale * 1000,
    ...extra,
  };
}
