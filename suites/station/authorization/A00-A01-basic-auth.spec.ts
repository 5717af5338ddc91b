/** User and password of the station itself: HTTP Basic authentication, security profile 1 (2.0.1 A00, A01; 1.6 Security Whitepaper). */
import { test } from '../../../fixtures';
import { ocppCase } from '../../../fixtures/ocpp-case';

const useCase = { '2.0.1': 'A00 Security profile 1, A01 Update Charging Station Password', '1.6': '1.6 Security Whitepaper: profile 1, A01 Update Charge Point Password' };

ocppCase({
  ids: { '2.0.1': 'TC_A_01_CS', '1.6': 'HX_TC_A_01_CS' }, title: 'Basic Authentication - Valid username/password combination', area: 'authorization', useCase,
  requirements: { '2.0.1': ['A00.FR.202', 'A00.FR.203', 'A00.FR.204', 'A00.FR.205'], '1.6': ['A00.FR.202', 'A00.FR.203', 'A00.FR.204'] },
  catches: ['basicauth.noCredentials'],
  actions: ['powerCycle'],
  expectation: 'With security profile 1 the station sends HTTP Basic credentials (user = its identity, the configured password) and is admitted; a connection without them is refused with HTTP 401.',
  source: '1.6: no OCTT id confirmed; steps as TC_A_01_CS. The HTTP 401 refusal is the harness\'s choice (the specifications only say the CSMS validates).',
}, async ({ csms, ocpp, hardware, sutConfig }) => {
  test.skip(!sutConfig.password, 'no Basic auth password configured for the station under test (sut.password)');
  csms.requireBasicAuth(sutConfig.password!);
  const mark = csms.mark('power cycle with Basic auth required');
  await hardware.powerCycle();
  // A00.FR.203: 2.0.1 and, with the same number, the 1.6 security whitepaper (profile 1).
  await csms.waitForConnection({ rule: 'A00.FR.203', within: csms.timing.rebootTimeout, after: mark });
  await csms.expectCall('BootNotification', {}, { rule: ocpp.rule({ '1.6': '1.6§4.2', '2.0.1': 'B01.FR.01' }), after: mark });
});
