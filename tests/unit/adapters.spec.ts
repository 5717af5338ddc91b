import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnsupportedAction } from '../../harness/errors';
import { CommandSut } from '../../harness/sut/command';
import { ManualSut } from '../../harness/sut/manual';

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
    await expect(sut.perform({ type: 'powerCycle' })).rejects.toThrow(/exited with code 1: relay stuck/);
  });

  test('command: a hanging rig times out', async () => {
    const sut = new CommandSut('sleep 5;', 200);
    await expect(sut.perform({ type: 'powerOn' })).rejects.toThrow(/timed out after 200 ms/);
  });

  test('manual: without a terminal every action is unsupported', async () => {
    const sut = new ManualSut(1000, join(dir, 'no-such-tty'));
    expect(sut.supports('plugIn')).toBe(false);
    await expect(sut.perform({ type: 'plugIn', connector: { evseId: 1, connectorId: 1 } })).rejects.toBeInstanceOf(UnsupportedAction);
  });
});
