/** The operator actions of remote unlock and firmware scheduling / publishing, and the token types of the CSMS facts. */
import { expect, test } from '@playwright/test';
import { parseRunConfig } from '../support/parse-config';
import { checkCsmsAction, csmsActionArgs, describeCsmsAction } from '../../harness/model/csms-actions';
import { MD5_HEX } from '../../harness/judge/as-station/remote-and-firmware';
import { diff } from '../../harness/model/match';

test('unlock, publish and unpublish: positional command arguments, descriptions and JSON checks', () => {
  expect(csmsActionArgs({ type: 'unlockConnector', stationId: 'CS1', evseId: 2, connectorId: 1 })).toEqual(['unlockConnector', 'CS1', '2', '1']);
  expect(csmsActionArgs({ type: 'publishFirmware', stationId: 'CS1', location: 'https://f/x.bin' })).toEqual(['publishFirmware', 'CS1', 'https://f/x.bin']);
  expect(csmsActionArgs({ type: 'unpublishFirmware', stationId: 'CS1', location: 'https://f/x.bin' })).toEqual(['unpublishFirmware', 'CS1', 'https://f/x.bin']);
  expect(describeCsmsAction({ type: 'unlockConnector', stationId: 'CS1', evseId: 2, connectorId: 1 })).toBe('In the CSMS, unlock connector 1 of EVSE 2 of station CS1');
  for (const type of ['unlockConnector', 'publishFirmware', 'unpublishFirmware']) expect(checkCsmsAction({ type, stationId: 'CS1' })).toBeUndefined();
});

test('updateFirmware: the optional download and install times follow the image, "-" standing for no download time', () => {
  const base = { type: 'updateFirmware', stationId: 'CS1', location: 'https://f/x.bin', signed: true } as const;
  expect(csmsActionArgs(base)).toEqual(['updateFirmware', 'CS1', 'https://f/x.bin', 'signed']);
  expect(csmsActionArgs({ ...base, retrieveDateTime: '2030-01-01T00:00:00.000Z' })).toEqual(['updateFirmware', 'CS1', 'https://f/x.bin', 'signed', '2030-01-01T00:00:00.000Z']);
  expect(csmsActionArgs({ ...base, installDateTime: '2030-01-01T00:00:00.000Z' })).toEqual(['updateFirmware', 'CS1', 'https://f/x.bin', 'signed', '-', '2030-01-01T00:00:00.000Z']);
  expect(describeCsmsAction({ ...base, installDateTime: '2030-01-01T00:00:00.000Z' })).toMatch(/installed at 2030-01-01T00:00:00.000Z$/);
});

test('the facts give each token its 2.0.1 type; a wrong type is refused with the valid names', () => {
  const c = parseRunConfig({ role: 'csms', csms: { url: 'ws://h/o', facts: { stationId: 'CS9', tokens: { valid: 'ABC' }, tokenTypes: { valid: 'Central' } } } });
  expect(c.csms.facts.tokenTypes).toEqual({ valid: 'Central' });
  expect(() => parseRunConfig({ role: 'csms', csms: { url: 'ws://h/o', facts: { tokenTypes: { valid: 'RFID' } } } })).toThrow(/IdTokenEnumType/);
});

test('a PublishFirmware checksum is an MD5 digest as 32 hexadecimal characters', () => {
  expect(diff({ checksum: '0123456789abcdef0123456789ABCDEF' }, { checksum: MD5_HEX })).toBeNull();
  expect(diff({ checksum: 'ASNFZ4mrze8BI0VniavN7w==' }, { checksum: MD5_HEX })).not.toBeNull();
  expect(diff({ checksum: '0123456789abcdef' }, { checksum: MD5_HEX })).not.toBeNull();
});
