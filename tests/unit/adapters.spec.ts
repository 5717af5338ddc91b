import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnsupportedAction } from '../../harness/model/errors';
import { CommandSut } from '../../harness/sut/command';
import { ManualSut, terminalIo } from '../../harness/sut/manual';

test.describe('SUT adapters', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-adapter-'));
  const log = join(dir, 'log.txt');
  const rig = join(dir, 'rig.sh');
  writeFileSync(rig, `#!/bin/sh\necho "$@|$OCPP_ACTION|$OCPP_ID_TOKEN" >> ${log}\ncase "$1" in raiseFault) exit 3;; powerCycle) echo "relay stuck" >&2; exit 1;; esac\n`, { mode: 0o755 });

  test('command: passes the action as arguments and environment, never as shell text', async () => {
    const sut = new CommandSut(rig, 5000);
    await sut.perform({ type: 'plugIn', connector: { evseId: 1, connectorId: 2 } });
    await sut.perform({ type: 'presentCard', idToken: '$(touch pwned); echo', connector: { evseId: 1, connectorId: 1 } });
    const lines = readFileSync(log, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('plugIn 1 2|plugIn|');
    expect(lines[1]).toBe('presentCard $(touch pwned); echo 1 1|presentCard|$(touch pwned); echo');
  });

  test('command: exit 3 means unsupported (case skipped), other failures are errors with stderr', async () => {
    const sut = new CommandSut(rig, 5000);
    await expect(sut.perform({ type: 'raiseFault', connector: { evseId: 1, connectorId: 1 }, errorCode: 'GroundFailure' })).rejects.toBeInstanceOf(UnsupportedAction);
    await expect(sut.perform({ type: 'powerCycle' })).rejects.toThrow(/exited with code 1; stderr: "relay stuck"/);
  });

  test('command: a hanging rig times out', async () => {
    const sut = new CommandSut('sleep 5;', 200);
    await expect(sut.perform({ type: 'powerOn' })).rejects.toThrow(/timed out after 200 ms/);
  });

  test('manual: the operator is asked exactly the physical step, and answers are read', async () => {
    const prompts: string[] = [];
    const answers = ['', 's', 'y', 'maybe', 'n', '1234'];
    const sut = new ManualSut(1000, { available: () => true, ask: async (p) => { prompts.push(p.split('\n')[0]); return answers.shift()!; } });
    await sut.perform({ type: 'presentCard', idToken: 'VALIDTAG01', connector: { evseId: 1, connectorId: 1 } });
    await expect(sut.perform({ type: 'plugIn', connector: { evseId: 2, connectorId: 1 } })).rejects.toBeInstanceOf(UnsupportedAction);
    expect(await sut.observe({ what: 'relay', connector: { evseId: 1, connectorId: 1 } })).toBe(true);
    expect(await sut.observe({ what: 'relay', connector: { evseId: 1, connectorId: 1 } })).toBe(false);
    expect(await sut.observe({ what: 'energy', connector: { evseId: 1, connectorId: 1 } })).toBe(1234);
    expect(prompts[0]).toBe('Present card VALIDTAG01 to the reader of EVSE 1 connector 1.');
    expect(prompts[1]).toBe('Plug an EV cable into EVSE 2 connector 1.');
    expect(prompts[2]).toBe('Is the relay (contactor) of EVSE 1 connector 1 closed, i.e. can energy flow?');
  });

  test('command: observations are read from the rig\'s output', async () => {
    const obs = join(dir, 'obs.sh');
    writeFileSync(obs, `#!/bin/sh\ncase "$1" in observeRelay) echo closed;; observeEnergy) echo 1500;; *) exit 3;; esac\n`, { mode: 0o755 });
    const sut = new CommandSut(obs, 5000);
    expect(await sut.observe({ what: 'relay', connector: { evseId: 1, connectorId: 1 } })).toBe(true);
    expect(await sut.observe({ what: 'energy', connector: { evseId: 1, connectorId: 1 } })).toBe(1500);
    await sut.perform({ type: 'enterCode', code: '4711', connector: { evseId: 1, connectorId: 1 } }).catch((e: Error) => expect(e).toBeInstanceOf(UnsupportedAction));
  });

  test('manual: without a terminal every action is unsupported', async () => {
    const sut = new ManualSut(1000, terminalIo(join(dir, 'no-such-tty')));
    expect(sut.supports('plugIn')).toBe(false);
    await expect(sut.perform({ type: 'plugIn', connector: { evseId: 1, connectorId: 1 } })).rejects.toBeInstanceOf(UnsupportedAction);
  });
});
