/**
 * Update the station's HTTP Basic password (2.0.1 A01: SetVariables SecurityCtrlr.BasicAuthPassword;
 * 1.6 security whitepaper A01: ChangeConfiguration AuthorizationKey). A password it accepts is kept
 * (A01.FR.01) and sent with every later connection (A00.FR.203); one outside the format of
 * A00.FR.205 is refused and the old one stays in use. The passwords never appear in the report.
 */
import { test } from '../../../fixtures';
import { ocppCase } from '../../../fixtures/ocpp-case';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import { oneOf } from '../../../harness/model/match';
import { needs } from '../../../harness/model/profile';
import type { OcppDriver } from '../../../harness/judge/as-csms/ocpp-driver';

const useCase = { '2.0.1': 'A01 Update Charging Station Password for HTTP Basic Authentication', '1.6': '1.6 Security Whitepaper: A01 Update Charge Point Password for HTTP Basic Authentication' };

/**
 * From now on the harness CSMS admits only `password`; the station reconnects with it (A01
 * scenario steps 3-4; after RebootRequired, once reset). A station that has not reconnected after
 * a message timeout is disconnected by the CSMS, so its next connection shows its credentials.
 */
async function expectReconnectWith(ocpp: OcppDriver, password: string, status: string, rule: string): Promise<void> {
  const csms = ocpp.csms;
  csms.requireBasicAuth(password);
  const changed = csms.mark('the CSMS now admits only the password the station should be using');
  if (status === 'RebootRequired') {
    // 2.0.1 A01 / TC_A_09_CS step 5-6: a station that needs a reboot for the new password is reset and boots.
    await csms.callExpecting('Reset', ocpp.version === '1.6' ? { type: 'Hard' } : { type: 'Immediate' }, { status: 'Accepted' }, { rule: ocpp.rule({ '1.6': '1.6§5.14', '2.0.1': 'B11.FR.01' }) });
    await csms.waitForConnection({ rule, within: csms.timing.rebootTimeout, after: changed });
    return;
  }
  await csms.waitForConnection({ rule, within: csms.timing.messageTimeout, after: changed }).catch(() => csms.disconnect(1000, 'reconnect with the current password'));
  await csms.waitForConnection({ rule, within: csms.timing.messageTimeout * 2, after: changed });
}

ocppCase({
  ids: { '2.0.1': 'TC_A_09_CS', '1.6': 'TC_073_CS' },
  title: 'Update Charging Station Password for HTTP Basic Authentication - Accepted',
  area: 'security', useCase,
  needs: [needs.writable(SETTINGS.password)],
  requirements: { '2.0.1': ['A01.FR.01', 'A00.FR.203', 'B05.FR.10'], '1.6': ['A01.FR.01', 'A00.FR.203', '1.6§5.3'] },
  catches: ['basicauth.ignoresNewPassword'],
  actions: ['configure the station\'s current and new password (sut.password, sut.newPassword)'],
  expectation: 'The CSMS sets a new password (2.0.1 SetVariables SecurityCtrlr.BasicAuthPassword, 1.6 ChangeConfiguration AuthorizationKey, hex): it is Accepted (or RebootRequired, then a reset) and kept (A01.FR.01); the harness CSMS then admits only the new one (its own duty, A01.FR.03) and the station reconnects with it, as it sends its current credentials with every connection (A00.FR.203). Then the old password is set back the same way and used (OCTT TC_073_CS steps 4-6).',
  source: 'OCTT TC_A_09_CS / TC_073_CS; the reconnection is A01 scenario steps 3-4 (no FR of its own), so it is judged by A00.FR.203 and A01.FR.01.',
}, async ({ booted, ocpp, sutConfig }) => {
  void booted;
  test.skip(!sutConfig.password || !sutConfig.newPassword, 'no current and new Basic auth password configured (sut.password, sut.newPassword)');
  ocpp.csms.requireBasicAuth(sutConfig.password!);
  const setRule = { '1.6': 'A01.FR.01, 1.6§5.3', '2.0.1': 'A01.FR.01, B05.FR.10' };
  const rule = 'A00.FR.203, A01.FR.01';
  const status = await ocpp.setSetting(SETTINGS.password, sutConfig.newPassword!, oneOf('Accepted', 'RebootRequired'), { rule: setRule });
  // A real station keeps the new password: the configured one is put back afterwards whatever happens below.
  ocpp.configured.push({ setting: SETTINGS.password, previous: sutConfig.password! });
  await expectReconnectWith(ocpp, sutConfig.newPassword!, status, rule);
  const back = await ocpp.setSetting(SETTINGS.password, sutConfig.password!, oneOf('Accepted', 'RebootRequired'), { rule: setRule });
  await expectReconnectWith(ocpp, sutConfig.password!, back, rule);
});

ocppCase({
  ids: { '2.0.1': 'TC_A_10_CS' },
  title: 'Update Charging Station Password for HTTP Basic Authentication - Rejected',
  area: 'security', useCase,
  needs: [needs.writable(SETTINGS.password)],
  requirements: { '2.0.1': ['A00.FR.205', 'B05.FR.07', 'A00.FR.203'] },
  catches: ['basicauth.acceptsShortPassword'],
  actions: ['configure the station\'s password (sut.password)'],
  expectation: 'The CSMS sets a BasicAuthPassword of 10 characters, below the 16 of A00.FR.205: the station answers Rejected (B05.FR.07: a value not in the variable\'s format) and keeps using its old password, with which it reconnects (A00.FR.203).',
  source: 'OCTT TC_A_10_CS. 1.6 has no such OCTT case (TC_073_CS only tests the accepted change).',
}, async ({ booted, ocpp, sutConfig }) => {
  void booted;
  test.skip(!sutConfig.password, 'no Basic auth password configured (sut.password)');
  ocpp.csms.requireBasicAuth(sutConfig.password!);
  // Were it accepted after all, a real station would keep it: the configured password goes back afterwards.
  ocpp.configured.push({ setting: SETTINGS.password, previous: sutConfig.password! });
  await ocpp.setSetting(SETTINGS.password, 'Short-pw-1', 'Rejected', { rule: 'A00.FR.205, B05.FR.07' });
  ocpp.configured.pop();
  ocpp.csms.disconnect(1000, 'reconnect with the password you use');
  await expectReconnectWith(ocpp, sutConfig.password!, 'Accepted', 'A00.FR.203');
});
