import { redact } from './secrets';

/** Failures the harness raises, with the rule they quote, so reports can classify them. */
type FailureKind = 'protocol' | 'schema' | 'timeout' | 'disconnected' | 'harness' | 'unsupported';

export class ConformanceError extends Error {
  constructor(readonly rule: string, message: string, readonly kind: FailureKind = 'protocol') {
    // A harness error is marked in the message so reports never present it as the SUT's failure.
    super(redact(kind === 'harness' ? `[harness error] ${message}` : message));
    this.name = 'ConformanceError';
  }
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
