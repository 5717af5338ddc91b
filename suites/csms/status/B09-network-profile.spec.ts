/**
 * CSMS under test, provisioning: a new network connection profile on the operator's request
 * (2.0.1 B09), which the station accepts or fails to store; the CSMS goes on serving it.
 */
import { csmsCase } from '../../../fixtures/csms';
import { satisfies } from '../../../harness/model/match';

const RESULTS: { id: string; status: 'Accepted' | 'Failed'; title: string; because: string }[] = [
  { id: 'TC_B_42_CSMS', status: 'Accepted', title: 'Set new NetworkConnectionProfile - Accepted', because: 'stores it (Accepted, B09.FR.01)' },
  { id: 'TC_B_44_CSMS', status: 'Failed', title: 'Set new NetworkConnectionProfile - Failed', because: 'fails to store it (Failed, B09.FR.03)' },
];
/** The slot the operator chooses: one of NetworkConfigurationPriority's valuesList ("1,2"), not the active one (1). */
const SLOT = 2;

for (const r of RESULTS) {
  csmsCase({
    ids: { '2.0.1': r.id },
    title: r.title,
    area: 'status',
    useCase: { '2.0.1': 'B09 Setting a new NetworkConnectionProfile' },
    requirements: { '2.0.1': ['Part2§B09', 'G02.FR.03'] },
    catches: ['network.wrongSlot', 'heartbeat.wrongTime'],
    expectation: `The operator gives the station a connection profile for slot ${SLOT} (a slot of NetworkConfigurationPriority's valuesList "1,2"), pointing at this CSMS with the security profile in use: the CSMS sends SetNetworkProfileRequest with that configurationSlot, ocppCsmsUrl and securityProfile (B09 describes it; no CSMS-side FR: a different request is a soft finding). The station ${r.because}; the CSMS goes on serving it: the next Heartbeat is answered with its current time (G02.FR.03).`,
    actions: [`give the station a network connection profile for slot ${SLOT} with this CSMS's URL`],
  }, async ({ booted: _b, station, drv, operate, facts }) => {
    const securityProfile = Number(station.deviceModel.valueOf({ name: 'SecurityCtrlr' }, { name: 'SecurityProfile' }) ?? 0);
    const csmsUrl = station.opts.url;
    station.reply('SetNetworkProfile', { status: r.status });
    const after = station.mark('the operator sets a network profile');
    await operate({ type: 'setNetworkProfile', stationId: facts.stationId, slot: SLOT, csmsUrl, securityProfile });
    await drv.should(() => station.expectCall('SetNetworkProfile', { configurationSlot: SLOT, connectionData: { ocppCsmsUrl: csmsUrl, securityProfile } }, { rule: 'Part2§B09', within: station.timing.actionTimeout, after }));
    await drv.heartbeat({ currentTime: satisfies('within 60 s of now', (a) => typeof a === 'string' && Math.abs(Date.parse(a) - Date.now()) < 60_000) }, { rule: 'G02.FR.03' });
  });
}
