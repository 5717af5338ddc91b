import { redact } from './secrets';

/** Failures the harness raises, with the rule they quote, so reports can classify them. */
type FailureKind = 'protocol' | 'schema' | 'timeout' | 'disconnected' | 'harness' | 'unsupported';

export class ConformanceError extends Error {
  /** The last failures built, by message: the test runner passes on only the text, the report wants the rule. */
  private static readonly recent = new Map<string, { rule: string; kind: FailureKind; at: number }>();

  constructor(readonly rule: string, message: string, readonly kind: FailureKind = 'protocol') {
    // A harness error is marked in the message so reports never present it as the SUT's failure.
    super(redact(kind === 'harness' ? `[harness error] ${message}` : message));
    this.name = 'ConformanceError';
    ConformanceError.recent.set(this.message, { rule, kind, at: Date.now() });
    if (ConformanceError.recent.size > 64) ConformanceError.recent.delete(ConformanceError.recent.keys().next().value as string);
  }

  /** The rule, kind and time (epoch ms) of the failure whose message `text` carries (as the runner reports it), if the harness built it. */
  static structured(text: string): { rule: string; kind: FailureKind; at: number } | undefined {
    let best: { rule: string; kind: FailureKind; at: number } | undefined; let len = 0;
    for (const [message, v] of ConformanceError.recent) if (message.length > len && text.includes(message)) { best = v; len = message.length; }
    return best;
  }
}

/** The requirement tokens of a rule string ("B02.FR.04 / B03.FR.02" -> both ids): compared exactly, never as substrings. */
export function ruleTokens(rule: string): string[] {
  return rule.split(/[\s,;/()]+/).filter(Boolean);
}

/** An action the SUT adapter cannot perform: the case is skipped, not failed. */
export class UnsupportedAction extends Error {
  constructor(readonly action: string, readonly adapter: string) {
    super(`the ${adapter} adapter cannot perform "${action}"`);
    this.name = 'UnsupportedAction';
  }
}

/** A problem in the harness's own input (flags, config): exit code 2, never blamed on a SUT. */
export class UsageError extends Error {
  constructor(message: string) { super(message); this.name = 'UsageError'; }
}

/**
 * The SUT lacks what the case needs: an optional feature answered NotImplemented / NotSupported,
 * an optional setting unknown or read-only, or a need the device profile does not claim. The
 * case is skipped as not applicable, the need named; never a failure. Raised only for optional
 * things the profile does not claim: the same answer for a claimed feature or a Core requirement
 * stays a ConformanceError.
 */
export class NotApplicable extends Error {
  constructor(readonly need: string, readonly evidence: string) {
    super(`not applicable: needs ${need} (${evidence})`);
    this.name = 'NotApplicable';
  }
}
