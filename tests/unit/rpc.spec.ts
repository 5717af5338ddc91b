import { expect, test } from '@playwright/test';
import { CALL, CALLERROR, CALLRESULT, ERROR_CODES, errorCode, parseFrame, serialize } from '../../harness/protocol/rpc';

test.describe('OCPP-J framing', () => {
  test('parses CALL, CALLRESULT and CALLERROR', () => {
    expect(parseFrame('[2,"1","Heartbeat",{}]')).toEqual({ ok: true, frame: { type: CALL, id: '1', action: 'Heartbeat', payload: {} } });
    expect(parseFrame('[3,"1",{"currentTime":"x"}]')).toEqual({ ok: true, frame: { type: CALLRESULT, id: '1', payload: { currentTime: 'x' } } });
    expect(parseFrame('[4,"1","NotImplemented","",{}]')).toEqual({ ok: true, frame: { type: CALLERROR, id: '1', code: 'NotImplemented', description: '', details: {} } });
  });

  test('round-trips through serialize', () => {
    for (const text of ['[2,"a","BootNotification",{"reason":"PowerUp"}]', '[3,"a",{}]', '[4,"a","GenericError","x",{"k":1}]']) {
      const parsed = parseFrame(text);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(serialize(parsed.frame)).toBe(text);
    }
  });

  const bad: [string, string, string | undefined][] = [
    ['this is not json {', 'notJson', undefined],
    ['{"a":1}', 'notArray', undefined],
    ['[2, 17, "Heartbeat", {}]', 'badMessageId', undefined],
    ['[2, "", "Heartbeat", {}]', 'badMessageId', undefined],
    [`[2, "${'x'.repeat(37)}", "Heartbeat", {}]`, 'badMessageId', undefined],
    ['[7, "1", "Heartbeat", {}]', 'unknownMessageType', '1'],
    ['[2, "1", 5, {}]', 'badAction', '1'],
    ['[2, "1", "Heartbeat", []]', 'badPayload', '1'],
    ['[2, "1", "Heartbeat"]', 'badPayload', '1'],
    ['[3, "1"]', 'badPayload', '1'],
    ['[4, "1", "X"]', 'badPayload', '1'],
  ];
  for (const [text, problem, id] of bad) {
    test(`reports ${problem} for ${text.slice(0, 30)}`, () => {
      const r = parseFrame(text);
      expect(r.ok).toBe(false);
      if (!r.ok) { expect(r.error.problem).toBe(problem); expect(r.error.id).toBe(id); }
    });
  }

  test('maps problems to each version\'s error codes', () => {
    expect(errorCode('1.6', 'notJson')).toBe('FormationViolation');
    expect(errorCode('2.0.1', 'notJson')).toBe('RpcFrameworkError');
    expect(errorCode('1.6', 'occurrence')).toBe('OccurenceConstraintViolation');
    expect(errorCode('2.0.1', 'occurrence')).toBe('OccurrenceConstraintViolation');
    expect(errorCode('2.0.1', 'unknownMessageType')).toBe('MessageTypeNotSupported');
    for (const v of ['1.6', '2.0.1'] as const) {
      for (const p of ['notJson', 'notArray', 'badMessageId', 'unknownMessageType', 'badAction', 'badPayload', 'unknownAction', 'occurrence', 'type', 'property', 'formation'] as const) {
        expect(ERROR_CODES[v]).toContain(errorCode(v, p));
      }
    }
  });
});
