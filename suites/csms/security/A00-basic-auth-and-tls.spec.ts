/**
 * Security profile 2 (TLS with HTTP Basic), CSMS under test: the harness's station connects over
 * wss:// trusting the CSMS's CA. The CSMS must accept the right credentials, refuse a wrong
 * password or a user name that is not the station id before upgrading, and refuse TLS below 1.2.
 */
import { csmsCase, csmsTest } from '../../../fixtures/csms';

csmsTest.use({ securityProfile: 2 });

csmsCase({
  ids: { '2.0.1': 'TC_A_01_CSMS', '1.6': 'HX_TC_A_01_CSMS' },
  title: 'Basic Authentication - Valid username/password combination',
  area: 'security',
  useCase: { '2.0.1': 'A00 Security profile 2 (TLS with Basic Authentication)', '1.6': '1.6 Security Whitepaper: profile 2' },
  requirements: { '2.0.1': ['A00.FR.324', 'A00.FR.313', 'B01.FR.02'], '1.6': ['A00.FR.306', 'A00.FR.312', '1.6§4.2'] },
  catches: ['basicauth.rejectsValidPassword'],
  expectation: 'Over wss:// with TLS 1.2 or above, the station id as user name and the configured password (2.0.1: UTF-8 text; 1.6: the AuthorizationKey\'s bytes), the CSMS upgrades the connection (2.0.1 A00.FR.324: it checks the credentials, so valid ones pass) and accepts the boot. The 1.6 whitepaper has no Central System rule on checking Basic credentials: a refusal there is a soft finding.',
  actions: ['configure the station\'s password in the CSMS (csms.facts.password)'],
}, async ({ station, drv, facts }) => {
  if (!facts.password) csmsTest.skip(true, 'this case needs csms.facts.password');
  const connected = await drv.level({ '1.6': 'should', '2.0.1': 'shall' }, async () => { await station.connect({ rule: drv.rule({ '1.6': '1.6J§3.2', '2.0.1': 'A00.FR.324' }) }); return true; });
  if (!connected) return;
  await drv.bootUntilDecided({ status: 'Accepted' }, { rule: { '1.6': '1.6§4.2', '2.0.1': 'B01.FR.02' } });
});

for (const bad of ['user', 'password'] as const) {
  csmsCase({
    ids: { '2.0.1': bad === 'user' ? 'TC_A_02_CSMS' : 'TC_A_03_CSMS' },
    title: bad === 'user' ? 'Basic Authentication - Username does not equal ChargingStationId' : 'Basic Authentication - Invalid password',
    area: 'security',
    useCase: { '2.0.1': 'A00 Security profile 2 (TLS with Basic Authentication)' },
    requirements: { '2.0.1': ['A00.FR.324', 'A00.FR.307'] },
    catches: [bad === 'user' ? 'basicauth.ignoresUsername' : 'basicauth.acceptsWrongPassword'],
    expectation: `The station connects with ${bad === 'user' ? 'the right password but another user name than its id' : 'its id and a wrong password'}: the CSMS rejects the upgrade request (A00.FR.324, profile 2: it validates the identity and password of the Authorization header). 1.6: the whitepaper has no CSMS-side rule, so no 1.6 variant.`,
  }, async ({ station, facts }) => {
    if (!facts.password) csmsTest.skip(true, 'this case needs csms.facts.password');
    const rule = 'A00.FR.324';
    const r = await csmsTest.step(`Connect with ${bad === 'user' ? 'user name "NOT-THIS-STATION"' : 'a wrong password'}: the CSMS must refuse [${rule}]`, () => station.tryConnect(bad === 'user' ? { user: 'NOT-THIS-STATION' } : { password: 'wrong-password-0123456789' }));
    station.requireRefusal(r, rule, 'the CSMS to refuse the WebSocket upgrade');
  });
}

csmsCase({
  ids: { '2.0.1': 'TC_A_06_CSMS' },
  title: 'TLS - server-side certificate - TLS version too low',
  area: 'security',
  useCase: { '2.0.1': 'A00 Security profile 2 (TLS with Basic Authentication)' },
  requirements: { '2.0.1': ['A00.FR.313', 'A00.FR.315', 'A00.FR.307'] },
  catches: ['tls.allowsOldTls'],
  expectation: 'A station offering at most TLS 1.1 is refused: the CSMS terminates the handshake (A00.FR.315). 1.6: the whitepaper lets legacy Charge Points use TLS 1.0/1.1, so no 1.6 variant.',
}, async ({ station }) => {
  const r = await csmsTest.step('Connect offering TLS 1.1 at most: the CSMS must terminate [A00.FR.315]', () => station.tryConnect({ maxTlsVersion: 'TLSv1.1' }));
  station.requireRefusal(r, 'A00.FR.315', 'the CSMS to terminate a TLS 1.1 connection');
});
