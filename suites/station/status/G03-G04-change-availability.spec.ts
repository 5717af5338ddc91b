/** Change availability of an EVSE, a connector, the station (2.0.1 G03/G04, 1.6 §5.2). */
import { ocppCase, type CaseMeta } from '../../../fixtures/ocpp-case';
import type { OcppDriver, Target } from '../../../harness/judge/as-csms/ocpp-driver';

const ACCEPTED = { '1.6': '1.6§5.2', '2.0.1': 'G03.FR.02' } as const;
const STATION_ACCEPTED = { '1.6': '1.6§5.2', '2.0.1': 'G04.FR.03' } as const;
const REPORTED = { '1.6': '1.6§5.2', '2.0.1': 'G03.FR.04' } as const;
const STATION_REPORTED = { '1.6': '1.6§5.2', '2.0.1': 'G04.FR.05' } as const;

const EVSE: Target = { evseId: 1 };
const CONNECTOR: Target = { evseId: 1, connectorId: 1 };
const STATION: Target = {};

const meta = (m: Omit<CaseMeta, 'area'>): CaseMeta => ({ area: 'status', ...m });
const useCase = { '2.0.1': 'G03 Change Availability EVSE/Connector', '1.6': '1.6 §5.2 Change Availability' };
const stationUseCase = { '2.0.1': 'G04 Change Availability Charging Station', '1.6': '1.6 §5.2 Change Availability' };

/** OCTT Reusable State "Unavailable": ChangeAvailability Inoperative, Accepted, connectors reported Unavailable. */
async function makeUnavailable(ocpp: OcppDriver, target: Target): Promise<void> {
  const station = target.evseId === undefined;
  await ocpp.changeAvailability(target, false, 'Accepted', { rule: station ? STATION_ACCEPTED : ACCEPTED });
  await ocpp.expectStatuses(ocpp.connectorsOf(target), 'Unavailable', { rule: station ? STATION_REPORTED : REPORTED });
  if (station) await ocpp.expectStationStatus('Unavailable', { rule: '1.6§5.2' });
}

async function makeOperative(ocpp: OcppDriver, target: Target): Promise<void> {
  const station = target.evseId === undefined;
  await ocpp.changeAvailability(target, true, 'Accepted', { rule: station ? STATION_ACCEPTED : ACCEPTED });
  await ocpp.expectStatuses(ocpp.connectorsOf(target), 'Available', { rule: station ? STATION_REPORTED : REPORTED });
  if (station) await ocpp.expectStationStatus('Available', { rule: '1.6§5.2' });
}

for (const [target, title, ids, uc] of [
  [EVSE, 'EVSE', { '2.0.1': 'TC_G_03_CS', '1.6': 'HX_TC_G_03_CS' }, useCase],
  [CONNECTOR, 'Connector', { '2.0.1': 'TC_G_07_CS' }, useCase],
  [STATION, 'Charging Station', { '2.0.1': 'TC_G_05_CS', '1.6': 'HX_TC_G_05_CS' }, stationUseCase],
] as const) {
  ocppCase(meta({
    ids, title: `Change Availability ${title} - Operative to inoperative`, useCase: uc,
    requirements: { '2.0.1': target === STATION ? ['G04.FR.01', 'G04.FR.03', 'G04.FR.05'] : ['G03.FR.02', 'G03.FR.04', 'G03.FR.06'], '1.6': ['1.6§5.2'] },
    catches: target === EVSE
      ? ['availability.ignoresInoperative', 'availability.rejects', 'reply.late', 'hostile.silent', 'hostile.disconnectAfterBoot']
      : ['availability.ignoresInoperative', 'availability.rejects'],
    expectation: `ChangeAvailability Inoperative for the ${title.toLowerCase()} is Accepted and each of its connectors is reported Unavailable.`,
  }), async ({ booted, ocpp }) => {
    void booted;
    await makeUnavailable(ocpp, target);
  });

  ocppCase(meta({
    ids: Object.fromEntries(Object.entries(ids).map(([v, id]) => [v, id.replace(/_(03|07|05)_/, (_m, n: string) => `_${String(Number(n) + 1).padStart(2, '0')}_`)])),
    title: `Change Availability ${title} - Inoperative to operative`, useCase: uc,
    requirements: { '2.0.1': target === STATION ? ['G04.FR.03', 'G04.FR.05'] : ['G03.FR.02', 'G03.FR.04', 'G03.FR.07'], '1.6': ['1.6§5.2'] },
    catches: ['availability.rejects'],
    expectation: `From Unavailable, ChangeAvailability Operative is Accepted and each connector of the ${title.toLowerCase()} is reported Available again.`,
  }), async ({ booted, ocpp }) => {
    void booted;
    await makeUnavailable(ocpp, target);
    await makeOperative(ocpp, target);
  });
}

for (const [target, operative, ids] of [
  [EVSE, true, { '2.0.1': 'TC_G_09_CS', '1.6': 'HX_TC_G_09_CS' }],
  [EVSE, false, { '2.0.1': 'TC_G_10_CS', '1.6': 'HX_TC_G_10_CS' }],
  [STATION, true, { '2.0.1': 'TC_G_12_CS', '1.6': 'HX_TC_G_12_CS' }],
  [STATION, false, { '2.0.1': 'TC_G_13_CS', '1.6': 'HX_TC_G_13_CS' }],
  [CONNECTOR, true, { '2.0.1': 'TC_G_15_CS' }],
  [CONNECTOR, false, { '2.0.1': 'TC_G_16_CS' }],
] as const) {
  const what = target === STATION ? 'Charging Station' : target === EVSE ? 'EVSE' : 'Connector';
  const state = operative ? 'operative' : 'inoperative';
  const rule = { '1.6': '1.6§5.2', '2.0.1': target === STATION ? 'G04.FR.04' : 'G03.FR.03' };
  ocppCase(meta({
    ids, title: `Change Availability ${what} - ${state[0].toUpperCase()}${state.slice(1)} to ${state}`, useCase: target === STATION ? stationUseCase : useCase,
    requirements: { '2.0.1': [rule['2.0.1']], '1.6': ['1.6§5.2'] },
    catches: ['availability.sameStateRejected'],
    expectation: `Asking for the state the ${what.toLowerCase()} is already in is answered Accepted.`,
  }), async ({ booted, ocpp }) => {
    void booted;
    if (!operative) await makeUnavailable(ocpp, target);
    await ocpp.changeAvailability(target, operative, 'Accepted', { rule });
  });
}
