/**
 * Upgrade of a station's security profile, CSMS under test (2.0.1 A05, 1.6 whitepaper A05): the
 * operator moves a station from profile 1 (ws:// with HTTP Basic) to profile 2 (wss:// with
 * HTTP Basic). The CSMS sends the requests of the upgrade, serves the station at the higher
 * profile, and from then on refuses it at the lower one (2.0.1 A05.FR.07, whitepaper A05.FR.09).
 * The station the case upgrades is csms.facts.upgradeStationId, not the run's station: it stays
 * at profile 2 for good. The CSMS's URL for profile 2 is csms.facts.upgradeUrl.
 */
import { csmsCase, csmsTest } from '../../../fixtures/csms';
import { ScriptedStation } from '../../../harness/judge/as-station/scripted-station';
import { REPLY_LEVEL, STATUS_REPLY, StationDriver } from '../../../harness/judge/as-station/station-driver';
import type { CsmsAction } from '../../../harness/model/csms-actions';
import { layoutRefs } from '../../../harness/model/layout';
import { checkRule } from '../../../harness/model/rules';
import type { Match } from '../../../harness/model/match';
import type { OcppVersion } from '../../../harness/protocol/versions';

csmsTest.use({ securityProfile: 1 });

/** The slot the operator puts the profile-2 connection in: one of NetworkConfigurationPriority's valuesList ("1,2"), not the active one (1). */
const SLOT = 2;
const FROM = 1;
const TO = 2;

/** One request of the upgrade: what the operator starts, the CALL the CSMS sends, what that CALL must hold, the station's answer. */
interface UpgradeRequest { action: CsmsAction; call: string; holds: Match; rule: string; answer: Record<string, unknown> | ((p: Record<string, unknown>) => Record<string, unknown>) }

/** The upgrade's requests per version: 2.0.1 a connection profile, its priority, a reset (A05 scenario); 1.6 SecurityProfile, a hard reset (OCTT TC_083_CSMS). */
function upgradeRequests(version: OcppVersion, stationId: string, upgradeUrl: string): UpgradeRequest[] {
  if (version === '1.6') {
    return [
      { action: { type: 'setVariables', stationId, variables: [{ variable: 'SecurityProfile', value: String(TO) }] }, call: 'ChangeConfiguration', holds: { key: 'SecurityProfile', value: String(TO) }, rule: 'WP§A05, 1.6§5.3', answer: { status: 'Accepted' } },
      { action: { type: 'reset', stationId, resetType: 'Hard' }, call: 'Reset', holds: { type: 'Hard' }, rule: '1.6§5.14', answer: { status: 'Accepted' } },
    ];
  }
  return [
    {
      action: { type: 'setNetworkProfile', stationId, slot: SLOT, csmsUrl: upgradeUrl, securityProfile: TO }, call: 'SetNetworkProfile',
      holds: { configurationSlot: SLOT, connectionData: { ocppCsmsUrl: upgradeUrl, securityProfile: TO, ocppTransport: 'JSON', ocppVersion: 'OCPP20' } }, rule: 'Part2§A05, Part2§B09', answer: { status: 'Accepted' },
    },
    {
      action: { type: 'setVariables', stationId, variables: [{ component: 'OCPPCommCtrlr', variable: 'NetworkConfigurationPriority', value: `${SLOT},1` }] }, call: 'SetVariables',
      holds: { setVariableData: [{ component: { name: 'OCPPCommCtrlr' }, variable: { name: 'NetworkConfigurationPriority' }, attributeValue: `${SLOT},1` }] }, rule: 'Part2§A05, Part2§B05',
      answer: (p) => ({ setVariableResult: (p.setVariableData as { component: unknown; variable: unknown }[]).map((d) => ({ attributeStatus: 'Accepted', component: d.component, variable: d.variable })) }),
    },
    { action: { type: 'reset', stationId, resetType: 'OnIdle' }, call: 'Reset', holds: { type: 'OnIdle' }, rule: 'Part2§A05, Part2§B11', answer: { status: 'Accepted' } },
  ];
}

csmsCase({
  ids: { '2.0.1': 'TC_A_19_CSMS', '1.6': 'TC_083_CSMS' },
  title: 'Upgrade Charging Station Security Profile - Accepted',
  area: 'security',
  useCase: { '2.0.1': 'A05 Upgrade Charging Station Security Profile', '1.6': '1.6 Security Whitepaper: A05 Upgrade Charge Point Security Profile' },
  requirements: { '2.0.1': ['A05.FR.07', 'Part2§A05', 'A00.FR.324', 'B01.FR.02'], '1.6': ['A05.FR.09', 'WP§A05', '1.6§4.2'] },
  catches: { '2.0.1': ['upgrade.allowsDowngrade', 'network.wrongSlot', 'variables.wrongValue', 'reset.wrongType'], '1.6': ['upgrade.allowsDowngrade'] },
  expectation: `The operator upgrades the station from security profile ${FROM} (ws://) to ${TO} (wss://, same credentials). 2.0.1: the CSMS sends a SetNetworkProfile for slot ${SLOT} with its profile-${TO} URL and securityProfile ${TO}, a SetVariables putting slot ${SLOT} first in OCPPCommCtrlr.NetworkConfigurationPriority, and a Reset; 1.6: a ChangeConfiguration SecurityProfile=${TO} and a Hard Reset. These requests are the use case's scenario (no CSMS-side FR: soft findings). The station reconnects at profile ${TO}: the CSMS accepts it and its boot. Then the station tries profile ${FROM} again: the CSMS must refuse (2.0.1 A05.FR.07, whitepaper A05.FR.09), and accept profile ${TO} once more.`,
  actions: ['upgrade the station csms.facts.upgradeStationId to security profile 2 (connection profile / SecurityProfile, then reset)'],
  source: 'OCTT TC_A_19_CSMS (from profile 1) / TC_083_CSMS (tzi-OCTT): steps 1-13. The upgraded station stays at profile 2: it is csms.facts.upgradeStationId, not the run\'s station. A CSMS without a profile-2 URL (csms.facts.upgradeUrl): not applicable.',
}, async ({ station, facts, operate, clientTls, pki, csmsConfig, ocppVersion }) => {
  const stationId = facts.upgradeStationId;
  const upgradeUrl = facts.upgradeUrl;
  if (!stationId) csmsTest.skip(true, 'this case needs csms.facts.upgradeStationId (a station the CSMS may move to security profile 2 for good)');
  if (!upgradeUrl) csmsTest.skip(true, 'this case needs csms.facts.upgradeUrl (the CSMS\'s wss:// URL for security profile 2)');
  if (!facts.password) csmsTest.skip(true, 'this case needs csms.facts.password');
  // The harness's stations of this case: the same station at profile 1 (ws://) and at profile 2 (wss://, trusting the CSMS's CA), one journal.
  const at = (url: string, securityProfile: number): ScriptedStation => {
    const s = new ScriptedStation({ ...station.opts, stationId: stationId!, url, securityProfile, journal: station.journal, ca: csmsConfig.adapter === 'embedded' ? pki.ca.certPem : clientTls.ca });
    s.stepRunner = (title, body) => csmsTest.step(title, body);
    s.ruleCheck = (rule) => { checkRule(ocppVersion, rule, 'csms'); };
    return s;
  };
  const low = at(station.opts.url, FROM);
  const high = at(upgradeUrl!, TO);
  const drv = new StationDriver(low, layoutRefs(facts.evses));
  const drvHigh = new StationDriver(high, layoutRefs(facts.evses));
  const boot = { rule: { '1.6': '1.6§4.2', '2.0.1': 'B01.FR.02' } };
  // Profile 2 admits the station on its Basic credentials (2.0.1 A00.FR.324; the whitepaper has no Central System rule on them: soft).
  const admitted = drv.rule({ '1.6': '1.6J§3.2', '2.0.1': 'A00.FR.324' });
  const admittedLevel = { '1.6': 'should', '2.0.1': 'shall' } as const;
  try {
    await csmsTest.step(`Given: Booted at security profile ${FROM}`, async () => {
      const lowRule = drv.rule({ '1.6': '1.6J§3.2', '2.0.1': 'A00.FR.207' });
      const first = await low.tryConnect();
      if (!first.ok) {
        // An earlier run may have upgraded the station for good: then the case cannot run until the CSMS has it at profile 1 again.
        const already = await high.tryConnect();
        high.shutdown();
        csmsTest.skip(already.ok, `station ${stationId} connects at security profile ${TO} already (an earlier run upgraded it): put it back to profile ${FROM} in the CSMS`);
        throw low.failure(lowRule, `the CSMS to accept station ${stationId} at security profile ${FROM}`, first.reason, 'disconnected');
      }
      await drv.bootUntilDecided({ status: 'Accepted' }, boot);
    }, { box: true });
    for (const r of upgradeRequests(ocppVersion, stationId!, upgradeUrl!)) {
      low.reply(r.call, typeof r.answer === 'function' ? (c) => (r.answer as (p: Record<string, unknown>) => Record<string, unknown>)(c.payload) : r.answer, { times: 1 });
      const after = low.mark(`the operator asks for ${r.call}`);
      await operate(r.action);
      // The upgrade's requests are its scenario (2.0.1 A05 / whitepaper A05: no CSMS-side FR): what they carry is a soft finding.
      const got = await drv.should(() => low.expectCall(r.call, {}, { rule: r.rule, within: low.timing.actionTimeout, after }));
      if (got) await drv.should(() => low.expectPayload(got, r.holds, { rule: r.rule }));
    }
    await csmsTest.step(`The station reboots and connects at security profile ${TO}`, () => low.disconnect(1000, 'rebooting'));
    const up = await drv.level(admittedLevel, async () => { await high.connect({ rule: admitted }); return true; });
    if (!up) return;
    await drvHigh.bootUntilDecided({ status: 'Accepted' }, boot);
    await drvHigh.level(REPLY_LEVEL, () => drvHigh.reportAll('Available', { rule: STATUS_REPLY }));
    await high.disconnect(1000, 'trying the former profile');
    // 2.0.1 A05.FR.07 / whitepaper A05.FR.09: after a connection at the new profile, none at a lower one.
    const downgrade = drv.rule({ '1.6': 'A05.FR.09', '2.0.1': 'A05.FR.07' });
    const r = await csmsTest.step(`Connect at security profile ${FROM} again: the CSMS must refuse [${downgrade}]`, () => low.tryConnect());
    low.requireRefusal(r, downgrade, `the CSMS to refuse security profile ${FROM} after the station connected at ${TO}`);
    await drv.level(admittedLevel, () => high.connect({ rule: admitted }));
  } finally {
    low.shutdown();
    high.shutdown();
  }
});
