/** No AuthorizeRequest at all when AuthCtrlr.DisableRemoteAuthorization is true (2.0.1 Part 2 §2.3.8, C01, E03; OCTT TC_E_52_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import type { SettingName } from '../../../harness/judge/as-csms/requests';
import { needs } from '../../../harness/model/profile';

/** AuthCtrlr.DisableRemoteAuthorization: optional (Part 2 referenced components §2.3.8). */
const DISABLE_REMOTE_AUTHORIZATION = { component: 'AuthCtrlr', variable: 'DisableRemoteAuthorization' } satisfies SettingName;

ocppCase({
  ids: { '2.0.1': 'TC_E_52_CS' }, title: 'Local start transaction - Authorization first - DisableRemoteAuthorization', area: 'authorization',
  useCase: { '2.0.1': 'C01 EV Driver Authorization using RFID, E03 Start Transaction - IdToken First' },
  needs: [needs.writable(DISABLE_REMOTE_AUTHORIZATION)],
  requirements: { '2.0.1': ['Part2§DisableRemoteAuthorization', 'C01.FR.01'] },
  catches: ['auth.ignoresDisableRemoteAuthorization'],
  actions: ['presentCard', 'plugIn', 'observeRelay'],
  expectation: 'With AuthCtrlr.DisableRemoteAuthorization true, a token in neither the Authorization Cache nor the Local Authorization List, presented before the cable, brings no AuthorizeRequest; the token is not authorized, so no energy flows once the cable is in. A station without the (optional) variable is not applicable.',
  source: 'OCTT TC_E_52_CS; the token is tokens.unknown, which the harness CSMS would accept if asked (so a station that asks anyway starts charging).',
}, async ({ booted, ocpp, auth, csms, hardware, tokens }) => {
  const c = booted.connectors[0];
  const token = tokens.unknown;
  await ocpp.configure(DISABLE_REMOTE_AUTHORIZATION, 'true');
  auth.replyAuthorize(token, 'Accepted');
  const mark = csms.mark('present a token in neither the cache nor the list, then plug in');
  await hardware.presentCard(token, c);
  await hardware.plugIn(c);
  const because = 'with DisableRemoteAuthorization true';
  await csms.expectNoCall(auth.isAuthorize(token), {}, { rule: 'Part2§DisableRemoteAuthorization', forSeconds: csms.timing.messageTimeout / 2, after: mark, because });
  await ocpp.expectNoCharging(c, { rule: 'C01.FR.01', forSeconds: csms.timing.messageTimeout / 4, after: mark, because: 'for a token nobody authorized' });
  await hardware.expectRelay(c, false, 'C01.FR.01');
});
