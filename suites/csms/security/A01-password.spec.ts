/**
 * The CSMS updates a station's HTTP Basic password (2.0.1 A01; 1.6 security whitepaper A01), CSMS
 * under test, security profile 1. Its operator sets the password the harness names; the CSMS
 * sends it (2.0.1 SetVariables SecurityCtrlr.BasicAuthPassword, 1.6 ChangeConfiguration
 * AuthorizationKey: A01.FR.02). Accepted by the station, only the new password is admitted from
 * then on (A01.FR.03); refused, the old one stays valid (A01.FR.04).
 */
import { randomBytes } from 'node:crypto';
import { csmsCase, csmsTest } from '../../../fixtures/csms';
import { some } from '../../../harness/model/match';
import { registerSecret } from '../../../harness/model/secrets';
import type { CsmsAction } from '../../../harness/model/csms-actions';
import type { ScriptedStation } from '../../../harness/judge/as-station/scripted-station';
import type { OcppVersion } from '../../../harness/protocol/versions';

csmsTest.use({ securityProfile: 1 });

const useCase = { '2.0.1': 'A01 Update Charging Station Password for HTTP Basic Authentication', '1.6': '1.6 Security Whitepaper: A01 Update Charge Point Password for HTTP Basic Authentication' };

/**
 * Answers the CSMS's password change with `answer` (A01.FR.02: the request and the variable / key
 * it names). The value itself is a secret, redacted in the journal: the station goes on with the
 * password the operator was asked to set.
 */
async function passwordChange(station: ScriptedStation, version: OcppVersion, answer: 'Accepted' | 'Rejected'): Promise<void> {
  const o = { rule: 'A01.FR.02', within: station.timing.actionTimeout };
  if (version === '1.6') {
    station.reply('ChangeConfiguration', { status: answer }, { times: 1 });
    await station.expectCall('ChangeConfiguration', { key: 'AuthorizationKey' }, o);
    return;
  }
  const target = { component: { name: 'SecurityCtrlr' }, variable: { name: 'BasicAuthPassword' } };
  station.reply('SetVariables', { setVariableResult: [{ attributeStatus: answer, ...target }] }, { times: 1 });
  await station.expectCall('SetVariables', { setVariableData: some(target) }, o);
}

/** The station connects again with `password`: the CSMS must admit it (`rule`). */
async function reconnectWith(station: ScriptedStation, password: string, rule: string, what: string): Promise<void> {
  await station.disconnect(1000, 'reconnecting with the current password');
  const r = await station.steps(`Connect with ${what}: the CSMS must admit the station [${rule}]`, () => station.tryConnect({ password }));
  if (!r.ok) throw station.failure(rule, `the CSMS to admit the station with ${what}`, r.reason);
}

/**
 * Runs `body`, a case that asks the CSMS to store `fresh` as the station's password. If it fails on
 * the way, the CSMS may now hold `fresh` (a CSMS that assumed the change, or a case cut short): the
 * configured password is put back so the cases after this one still connect (one failure must not
 * cascade). Best effort, as a step of its own; the case keeps its own verdict.
 */
async function restoringPassword(station: ScriptedStation, version: OcppVersion, operate: (a: CsmsAction) => Promise<void>, stationId: string, configured: string, fresh: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (e) {
    await station.steps('Recovery: the configured password back in the CSMS, for the next cases', async () => {
      try {
        await station.disconnect(1000, 'recovery after a failed password case');
        if ((await station.tryConnect({ password: configured })).ok) return;
        if (!(await station.tryConnect({ password: fresh })).ok) return;
        await operate({ type: 'setBasicAuthPassword', stationId, password: configured });
        await passwordChange(station, version, 'Accepted');
        await station.disconnect(1000, 'reconnecting with the configured password');
        await station.tryConnect({ password: configured });
      } catch { /* the recovery is best effort: the case's own failure is what it reports */ }
    });
    throw e;
  }
}

csmsCase({
  ids: { '2.0.1': 'TC_A_09_CSMS', '1.6': 'TC_073_CSMS' },
  title: 'Update Charging Station Password for HTTP Basic Authentication - Accepted',
  area: 'security', useCase,
  requirements: { '2.0.1': ['A01.FR.02', 'A01.FR.03', 'B01.FR.02'], '1.6': ['A01.FR.02', 'A01.FR.03', '1.6§4.2'] },
  catches: ['basicauth.keepsOldPassword'],
  actions: ['set the station\'s HTTP Basic password in the CSMS (twice: a new one, then the configured one back)'],
  expectation: 'The operator sets a new password: the CSMS sends it (2.0.1 SetVariables SecurityCtrlr.BasicAuthPassword, 1.6 ChangeConfiguration AuthorizationKey: A01.FR.02); the station accepts and reconnects. The CSMS now refuses the old password and admits the new one (A01.FR.03), and accepts the boot. Then the configured password is set back the same way (OCTT TC_073_CSMS: two changes).',
  source: 'OCTT TC_A_09_CSMS / TC_073_CSMS; refusing the replaced password is A01.FR.03\'s own check (OCTT only reconnects with the new one).',
}, async ({ booted, station, drv, operate, facts, ocppVersion }) => {
  void booted;
  if (!facts.password) csmsTest.skip(true, 'this case needs csms.facts.password');
  const fresh = randomBytes(20).toString('hex');
  registerSecret(fresh);
  await restoringPassword(station, ocppVersion, operate, facts.stationId, facts.password!, fresh, async () => {
    await operate({ type: 'setBasicAuthPassword', stationId: facts.stationId, password: fresh });
    await passwordChange(station, ocppVersion, 'Accepted');
    await station.disconnect(1000, 'reconnecting with the new password');
    const old = await station.steps('Connect with the replaced password: the CSMS must refuse [A01.FR.03]', () => station.tryConnect({ password: facts.password! }));
    station.requireRefusal(old, 'A01.FR.03', 'the CSMS to refuse the credentials the station replaced');
    await reconnectWith(station, fresh, 'A01.FR.03', 'the new password');
    await drv.bootUntilDecided({ status: 'Accepted' }, { rule: { '1.6': '1.6§4.2', '2.0.1': 'B01.FR.02' } });
    // The configured password back (TC_073_CSMS steps 4-6), so the next cases connect as configured.
    await operate({ type: 'setBasicAuthPassword', stationId: facts.stationId, password: facts.password! });
    await passwordChange(station, ocppVersion, 'Accepted');
    await reconnectWith(station, facts.password!, 'A01.FR.03', 'the configured password');
    await drv.bootUntilDecided({ status: 'Accepted' }, { rule: { '1.6': '1.6§4.2', '2.0.1': 'B01.FR.02' } });
  });
});

csmsCase({
  ids: { '2.0.1': 'TC_A_10_CSMS' },
  title: 'Update Charging Station Password for HTTP Basic Authentication - Rejected',
  area: 'security', useCase,
  requirements: { '2.0.1': ['A01.FR.02', 'A01.FR.04', 'B01.FR.02'] },
  catches: ['basicauth.assumesChanged'],
  actions: ['set the station\'s HTTP Basic password in the CSMS'],
  expectation: 'The operator sets a new password; the CSMS sends it (A01.FR.02) and the station answers Rejected, then reconnects with its old password: the CSMS still admits it (A01.FR.04) and accepts the boot.',
  source: 'OCTT TC_A_10_CSMS. 1.6 has no such OCTT case.',
}, async ({ booted, station, drv, operate, facts, ocppVersion }) => {
  void booted;
  if (!facts.password) csmsTest.skip(true, 'this case needs csms.facts.password');
  const fresh = randomBytes(20).toString('hex');
  registerSecret(fresh);
  await restoringPassword(station, ocppVersion, operate, facts.stationId, facts.password!, fresh, async () => {
    await operate({ type: 'setBasicAuthPassword', stationId: facts.stationId, password: fresh });
    await passwordChange(station, ocppVersion, 'Rejected');
    await reconnectWith(station, facts.password!, 'A01.FR.04', 'its old password');
    await drv.bootUntilDecided({ status: 'Accepted' }, { rule: 'B01.FR.02' });
  });
});
