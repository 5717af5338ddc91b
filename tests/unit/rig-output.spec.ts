import { expect, test } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UnsupportedAction } from '../../harness/model/errors';
import { registerSecret } from '../../harness/model/secrets';
import { RigError } from '../../harness/sut/adapter';
import { CommandSut } from '../../harness/sut/command';
import { CommandOperator, HttpOperator } from '../../harness/sut/csms-operators';

// Issue 13 item 4: a rig's or operator adapter's own output is quoted (trimmed, secrets redacted)
// in the skip or failure message and kept for the step's attachment; "exit 1" is never all.
test.describe('rigs that tell why', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ocpp-rig-'));
  const rig = join(dir, 'rig.sh');
  const secret = 'rig-secret-PASSWORD-1234';
  writeFileSync(rig, [
    '#!/bin/sh',
    'case "$1" in',
    `  powerCycle) echo "relay board: using password ${secret}" >&2; echo "step 1 ok"; exit 1;;`,
    '  raiseFault) echo "this rig has no fault injector"; exit 3;;',
    '  unplug) exit 1;;',
    '  clearCache) echo "CSMS UI login failed" >&2; exit 1;;',
    '  plugIn) echo "cable robot moved"; exit 0;;',
    '  presentCard) i=0; while [ $i -lt 500 ]; do echo "line $i of a chatty rig" >&2; i=$((i+1)); done; exit 2;;',
    'esac',
  ].join('\n'), { mode: 0o755 });
  registerSecret(secret);

  test('a failing rig: its stderr, redacted, in the message and in the output to attach', async () => {
    const sut = new CommandSut(rig, 5000);
    const e = await sut.perform({ type: 'powerCycle' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RigError);
    expect((e as Error).message).toMatch(/exited with code 1; stderr: "relay board: using password «redacted»"/);
    expect((e as Error).message).not.toContain(secret);
    const out = sut.takeOutput();
    expect(out?.stderr).toContain('relay board');
    expect(out?.stderr).not.toContain(secret);
    expect(out?.stdout).toBe('step 1 ok');
    expect(sut.takeOutput()).toBeUndefined();
  });

  test('"cannot do this" (exit 3) quotes the rig in the skip reason; a silent failure says it printed nothing', async () => {
    const sut = new CommandSut(rig, 5000);
    const skip = await sut.perform({ type: 'raiseFault', connector: { evseId: 1, connectorId: 1 }, errorCode: 'GroundFailure' }).catch((x: unknown) => x);
    expect(skip).toBeInstanceOf(UnsupportedAction);
    expect((skip as Error).message).toBe('the command adapter cannot perform "raiseFault": stdout: "this rig has no fault injector"');
    await expect(sut.perform({ type: 'unplug', connector: { evseId: 1, connectorId: 1 } })).rejects.toThrow(/exited with code 1; it printed nothing \(no stderr, no stdout\)/);
  });

  test('a successful action keeps its output for the step; a long output is trimmed to its end', async () => {
    const sut = new CommandSut(rig, 5000);
    await sut.perform({ type: 'plugIn', connector: { evseId: 1, connectorId: 1 } });
    expect(sut.takeOutput()).toEqual({ stdout: 'cable robot moved', stderr: '' });
    const e = await sut.perform({ type: 'presentCard', idToken: 'X', connector: { evseId: 1, connectorId: 1 } }).catch((x: unknown) => x) as RigError;
    expect(e.output.stderr.length).toBeLessThanOrEqual(1501);
    expect(e.output.stderr).toContain('line 499 of a chatty rig');
    expect(e.message.length).toBeLessThan(600);
    expect(e.message).toContain('line 499');
  });

  test('operator adapters: the command operator and the HTTP hook quote what they said', async () => {
    await expect(new CommandOperator(rig, 5000).perform({ type: 'clearCache', stationId: 'CS1' } as never)).rejects.toThrow(/exited with code 1; stderr: "CSMS UI login failed"/);
    const server = createServer((req, res) => {
      if (req.url === '/501') { res.writeHead(501).end('this CSMS has no local list page'); return; }
      res.writeHead(500).end(`stack trace: token ${secret} rejected`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    try {
      const skip = await new HttpOperator(`http://127.0.0.1:${port}/501`, 5000).perform({ type: 'clearCache', stationId: 'CS1' } as never).catch((x: unknown) => x);
      expect((skip as Error).message).toContain('body: "this CSMS has no local list page"');
      const fail = await new HttpOperator(`http://127.0.0.1:${port}/500`, 5000).perform({ type: 'clearCache', stationId: 'CS1' } as never).catch((x: unknown) => x);
      expect(fail).toBeInstanceOf(RigError);
      expect((fail as Error).message).toContain('answered HTTP 500');
      expect((fail as Error).message).toContain('«redacted»');
      expect((fail as Error).message).not.toContain(secret);
    } finally { server.close(); }
  });
});
