/**
 * Log uploads (1.6 security whitepaper N01, TC_079_CS / TC_079_CSMS): the file server takes a PUT or
 * POST only under a location a case opened, within its size limit; the harness station's upload;
 * the getLog operator action's arguments and JSON check.
 */
import { expect, test } from '@playwright/test';
import { checkCsmsAction, csmsActionArgs, describeCsmsAction } from '../../harness/model/csms-actions';
import { uploadLog } from '../../harness/judge/as-station/log-upload';
import { FirmwareServer } from '../../harness/services/firmware-server';

const send = (url: string, method: string, body: string): Promise<number> => fetch(url, { method, body }).then((r) => r.status);

test('the file server keeps uploads to an opened location (PUT, POST, below it) and refuses the rest', async () => {
  const files = await new FirmwareServer().start();
  try {
    const location = files.acceptUpload('logs', 64);
    expect(await send(location, 'PUT', 'one')).toBe(201);
    expect(await send(`${location}/security-1.log`, 'POST', 'two')).toBe(201);
    expect(files.uploadsTo('logs').map((u) => [u.method, u.body.toString()])).toEqual([['PUT', 'one'], ['POST', 'two']]);
    expect(await send(location.replace('/logs', '/other'), 'PUT', 'x')).toBe(403);
    expect(await fetch(location).then((r) => r.status)).toBe(405);
    expect(await send(location, 'PUT', 'x'.repeat(65)).catch(() => 413)).toBe(413);
    expect(files.uploadsTo('logs')).toHaveLength(2);
    files.reset();
    expect(files.uploads).toHaveLength(0);
    expect(await send(location, 'PUT', 'again')).toBe(403);
  } finally {
    await files.close();
  }
});

test('the harness station uploads over http(s) only, and says what happened', async () => {
  const files = await new FirmwareServer().start();
  try {
    const location = files.acceptUpload('csms-log');
    expect(await uploadLog(location, 'log\n', 2000)).toBe('uploaded');
    expect(files.uploadsTo('csms-log')[0].body.toString()).toBe('log\n');
    expect(await uploadLog(location.replace('csms-log', 'closed'), 'x', 2000)).toBe('not uploaded: HTTP 403');
    expect(await uploadLog('ftp://logs.example.com/in/', 'x', 2000)).toMatch(/^not uploaded: ftp/);
  } finally {
    await files.close();
  }
});

test('getLog: command arguments, words, JSON check', () => {
  const a = { type: 'getLog', stationId: 'CS1', logType: 'SecurityLog', location: 'https://logs.example.com/in/' } as const;
  expect(csmsActionArgs(a)).toEqual(['getLog', 'CS1', 'SecurityLog', 'https://logs.example.com/in/']);
  expect(describeCsmsAction(a)).toMatch(/security log .*https:\/\/logs\.example\.com\/in\//);
  expect(checkCsmsAction(a)).toBeUndefined();
  expect(checkCsmsAction({ ...a, logType: 'AuditLog' })).toMatch(/logType/);
  expect(checkCsmsAction({ ...a, location: '' })).toMatch(/location/);
});
