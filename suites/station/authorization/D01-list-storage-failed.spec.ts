/** The Local Authorization List cannot be stored: SendLocalList answered Failed (1.6 §5.15, §7.47; OCTT TC_043_3_CS). */
import { ocppCase } from '../../../fixtures/ocpp-case';
import { SETTINGS } from '../../../harness/judge/as-csms/requests';
import { needs } from '../../../harness/model/profile';

ocppCase({
  ids: { '1.6': 'TC_043_3_CS' }, title: 'Send Local Authorization List - Failed', area: 'authorization',
  useCase: { '1.6': '1.6 §5.15 Send Local List' },
  needs: [needs.feature('LocalAuthListManagement'), needs.writable(SETTINGS.listEnabled)],
  requirements: { '1.6': ['1.6§5.15', '1.6§7.47'] },
  catches: ['localList.storageFailureAccepted'],
  actions: ['listStorage'],
  expectation: 'With its local list storage made to fail (rig action listStorage failing), the station answers a Full SendLocalList (listVersion 2) with status Failed: the answer says whether it applied the update (1.6 §5.15; §7.47 Failed).',
  source: 'OCTT TC_043_3_CS: "CP put in a state where storing fails"; how is the rig\'s (an adapter that cannot do it makes the case not applicable).',
}, async ({ booted, ocpp, auth, tokens, hardware }) => {
  void booted;
  await ocpp.configure(SETTINGS.listEnabled, 'true');
  await hardware.listStorage(true);
  try {
    await auth.sendLocalList(2, 'Full', [{ token: tokens.valid, status: 'Accepted' }], 'Failed', { rule: '1.6§5.15, 1.6§7.47' });
  } finally {
    await hardware.listStorage(false);
  }
});
