import { expect, test } from '@playwright/test';
import { actionsOf } from '../../harness/protocol/schemas';
import { isKnownAction, validatePayload } from '../../harness/protocol/validator';

test.describe('schema validation (official schemas)', () => {
  test('knows every action of both versions', () => {
    expect(actionsOf('1.6')).toEqual(expect.arrayContaining(['BootNotification', 'StatusNotification', 'ChangeAvailability', 'TriggerMessage', 'SignedUpdateFirmware']));
    expect(actionsOf('2.0.1')).toEqual(expect.arrayContaining(['BootNotification', 'TransactionEvent', 'NotifyEvent', 'SetVariables']));
    expect(isKnownAction('1.6', 'TransactionEvent')).toBe(false);
    expect(isKnownAction('2.0.1', 'StartTransaction')).toBe(false);
  });

  test('accepts valid payloads', () => {
    expect(validatePayload('1.6', 'BootNotification', 'request', { chargePointVendor: 'V', chargePointModel: 'M' })).toBeNull();
    expect(validatePayload('2.0.1', 'BootNotification', 'request', { reason: 'PowerUp', chargingStation: { model: 'M', vendorName: 'V' } })).toBeNull();
    expect(validatePayload('2.0.1', 'Heartbeat', 'response', { currentTime: '2026-11-25T10:00:00Z' })).toBeNull();
  });

  test('classifies violations the way OCPP-J names them', () => {
    expect(validatePayload('1.6', 'BootNotification', 'request', { chargePointVendor: 'V' })?.problem).toBe('occurrence');
    expect(validatePayload('1.6', 'StatusNotification', 'request', { connectorId: '1', errorCode: 'NoError', status: 'Available' })?.problem).toBe('type');
    expect(validatePayload('2.0.1', 'StatusNotification', 'request', { timestamp: '2026-11-25T10:00:00Z', connectorStatus: 'Broken', evseId: 1, connectorId: 1 })?.problem).toBe('property');
    expect(validatePayload('1.6', 'Heartbeat', 'request', { extra: 1 })?.problem).toBe('formation');
  });

  test('checks date-time formats', () => {
    const v = validatePayload('2.0.1', 'Heartbeat', 'response', { currentTime: 'yesterday' });
    expect(v?.problem).toBe('property');
    expect(v?.message).toContain('currentTime');
  });

  test('an action without schema is unknownAction', () => {
    expect(validatePayload('1.6', 'NoSuchAction', 'request', {})?.problem).toBe('unknownAction');
  });
});
