/**
 * Named timing settings, in the specification's seconds. Against a real SUT `scale` is 1;
 * against the embedded station the default run scales every interval down by the same factor
 * (both sides agree on it) so a full run is fast and still exercises every timing rule.
 */
export interface Timing {
  /** Real seconds per specification second. */
  scale: number;
  /** Real milliseconds of scheduling allowance on this machine, added to every tolerance. */
  slackMs: number;
  /** Heartbeat interval the harness CSMS gives in BootNotification / sets in config (s). */
  heartbeatInterval: number;
  /** Interval the harness gives with a Pending / Rejected BootNotification reply (s). */
  bootRetryInterval: number;
  /** How long to wait for an expected message or a reply (OCTT "message timeout", s). */
  messageTimeout: number;
  /** How long a station may take to reboot and send BootNotification again (s). */
  rebootTimeout: number;
  /** How long an operator or rig may take to perform a physical action (s). */
  actionTimeout: number;
  /** Tolerance on a periodic message's interval (s); OCTT 1.6 TC_001 allows ±1 s. */
  intervalTolerance: number;
}

export const SPEC_TIMING: Timing = {
  scale: 1, slackMs: 250, heartbeatInterval: 20, bootRetryInterval: 10, messageTimeout: 30,
  rebootTimeout: 300, actionTimeout: 120, intervalTolerance: 1,
};

/**
 * Embedded station: 1 spec second = 50 ms. The intervals a case judges a station's timing by
 * (heartbeat, boot retry) are chosen so that their scaled windows stay about 2 s, and the
 * slack covers a busy machine's scheduling delay: a correct station must never miss a window,
 * nor a wrong one slip into it, because the CI machine was loaded (tests/e2e/busy-machine).
 */
export const EMBEDDED_TIMING: Timing = {
  ...SPEC_TIMING, scale: 0.05, slackMs: 400, heartbeatInterval: 40, bootRetryInterval: 40, messageTimeout: 30,
  rebootTimeout: 30, actionTimeout: 10,
};

/** Real milliseconds for a span given in specification seconds. */
export function ms(t: Timing, specSeconds: number): number {
  return Math.round(specSeconds * t.scale * 1000);
}

/** Formats a wait for messages: "30 s" or "30 s (scaled: 1.50 s)". */
export function describeSpan(t: Timing, specSeconds: number): string {
  return t.scale === 1 ? `${specSeconds} s` : `${specSeconds} s (scaled ×${t.scale}: ${(ms(t, specSeconds) / 1000).toFixed(2)} s)`;
}
