/**
 * Security profile 1 (unsecured transport with HTTP Basic), CSMS under test: the harness's
 * station connects over plain ws:// with the station id as user name and its password. The CSMS
 * must upgrade a station with the right credentials and refuse one without credentials, with a
 * wrong password or with another user name, before the upgrade (2.0.1 A00.FR.207; 1.6
 * whitepaper A00.FR.002 for a station that does not use the profile at all).
 */
import { csmsCase, csmsTest } from '../../../fixtures/csms';

csmsTest.use({ securityProfile: 1 });

const SP1 = { '2.0.1': 'A00 Security profile 1 (Unsecured Transport with Basic Authentication)', '1.6': '1.6 Security Whitepaper: profile 1' };

csmsCase({
  ids: { '2.0.1': 'TC_A_01_CSMS' },
  title: 'Basic Authentication - Valid username/password combination (security profile 1)',
  area: 'security',
  useCase: SP1,
  requirements: { '2.0.1': ['A00.FR.207', 'B01.FR.02'] },
  catches: ['basicauth.rejectsValidPassword'],
  expectation: 'Over ws:// with the station id as user name and the configured password as UTF-8 text (A00.FR.205), the CSMS validates the Authorization header (A00.FR.207), upgrades the connection and accepts the boot.',
  actions: ['configure the station\'s password in the CSMS (csms.facts.password)'],
}, async ({ station, drv, facts }) => {
  if (!facts.password) csmsTest.skip(true, 'this case needs csms.facts.password');
  await station.connect({ rule: 'A00.FR.207' });
  await drv.bootUntilDecided({ status: 'Accepted' }, { rule: 'B01.FR.02' });
});

for (const bad of ['user', 'password'] as const) {
  csmsCase({
    ids: { '2.0.1': bad === 'user' ? 'TC_A_02_CSMS' : 'TC_A_03_CSMS' },
    title: `${bad === 'user' ? 'Basic Authentication - Username does not equal ChargingStationId' : 'Basic Authentication - Invalid password'} (security profile 1)`,
    area: 'security',
    useCase: SP1,
    requirements: { '2.0.1': ['A00.FR.207', ...(bad === 'password' ? ['A00.FR.002'] : [])] },
    catches: bad === 'user' ? ['basicauth.ignoresUsername'] : ['basicauth.acceptsNoCredentials', 'basicauth.acceptsWrongPassword'],
    expectation: bad === 'user'
      ? 'The station connects over ws:// with the right password but another user name than its id: the CSMS refuses the upgrade (A00.FR.207: identity and password must match the Authorization header).'
      : 'The station connects over ws:// first without an Authorization header, then with its id and a wrong password: the CSMS refuses both upgrades (A00.FR.207). 1.6: the whitepaper has no Central System rule on a wrong password (its no-credentials half is TC_085_CSMS).',
    source: 'OCTT TC_A_02/03_CSMS (security profile 1 and/or 2; tzi-OCTT 2.0.1/A): TC_A_03 tries without the header, then with a wrong password.',
  }, async ({ station, facts }) => {
    if (!facts.password) csmsTest.skip(true, 'this case needs csms.facts.password');
    const rule = 'A00.FR.207';
    if (bad === 'password') {
      // A station without credentials does not use profile 1 at all (A00.FR.002) and has no header to match (A00.FR.207).
      const noneRule = 'A00.FR.207, A00.FR.002';
      const none = await csmsTest.step(`Connect without an Authorization header: the CSMS must refuse [${noneRule}]`, () => station.tryConnect({ password: null }));
      station.requireRefusal(none, noneRule, 'the CSMS to refuse the WebSocket upgrade of a station sending no credentials');
    }
    const r = await csmsTest.step(`Connect with ${bad === 'user' ? 'user name "NOT-THIS-STATION"' : 'a wrong password'}: the CSMS must refuse [${rule}]`, () => station.tryConnect(bad === 'user' ? { user: 'NOT-THIS-STATION' } : { password: 'wrong-password-0123456789' }));
    station.requireRefusal(r, rule, 'the CSMS to refuse the WebSocket upgrade');
  });
}

csmsCase({
  ids: { '1.6': 'TC_085_CSMS' },
  title: 'Basic Authentication - Valid username/password combination (security profile 1)',
  area: 'security',
  useCase: SP1,
  requirements: { '1.6': ['A00.FR.002', '1.6§4.2'] },
  catches: ['basicauth.acceptsNoCredentials', 'basicauth.rejectsValidPassword'],
  expectation: 'Over ws://, a connection without an Authorization header is refused (whitepaper A00.FR.002: a Charge Point not using the Central System\'s profile is rejected); then the station id with the AuthorizationKey as password is upgraded and the boot accepted. The whitepaper has no Central System rule on checking the credentials themselves (its remark: the server "needs to validate" the header first), so refusing valid credentials is a soft finding.',
  actions: ['configure the station\'s password in the CSMS (csms.facts.password)'],
  source: 'OCTT TC_085_CSMS (tzi-OCTT 1.6/test_tc_085_csms.py): upgrade without Authorization refused, then valid credentials accepted, boot.',
}, async ({ station, drv, facts }) => {
  if (!facts.password) csmsTest.skip(true, 'this case needs csms.facts.password');
  const none = await csmsTest.step('Connect without an Authorization header: the Central System must reject [A00.FR.002]', () => station.tryConnect({ password: null }));
  station.requireRefusal(none, 'A00.FR.002', 'the Central System to reject a connection that does not use security profile 1');
  const connected = await drv.level({ '1.6': 'should' }, async () => { await station.connect({ rule: '1.6J§3.2' }); return true; });
  if (!connected) return;
  await drv.bootUntilDecided({ status: 'Accepted' }, { rule: '1.6§4.2' });
});
