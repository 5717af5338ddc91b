/**
 * What the harness accepts from a peer before it cuts it off: a frame larger than
 * `maxFrameBytes` (WebSocket close 1009), more than `maxFramesPerSecond` frames in one second
 * (close 1008), a peer that does not answer pings within `pongTimeoutSeconds` (terminated).
 * Each is a finding with the rule it breaks, never a crash or a memory blow-up.
 */
export interface Limits {
  maxFrameBytes: number;
  maxFramesPerSecond: number;
  /** Seconds between WebSocket pings the harness sends (0 = no pings). */
  pingSeconds: number;
  /** Seconds a peer has to answer a ping with a pong. */
  pongTimeoutSeconds: number;
  /** Seconds a TLS / WebSocket handshake may take. */
  handshakeSeconds: number;
}

/** Safe defaults: far above any OCPP traffic (a CALL waits for its reply), far below exhausting memory. */
export const DEFAULT_LIMITS: Limits = { maxFrameBytes: 1024 * 1024, maxFramesPerSecond: 2000, pingSeconds: 0, pongTimeoutSeconds: 10, handshakeSeconds: 10 };

export const RULE_FRAME_SIZE = 'harness limit: frame size';
export const RULE_FRAME_RATE = 'harness limit: frame rate';
/** RFC 6455 §5.5.2: an endpoint MUST answer a Ping with a Pong. */
export const RULE_PONG = 'RFC 6455 §5.5.2 ping/pong';
/** RFC 6455 §8.1: text frames carry valid UTF-8; the connection fails otherwise. */
export const RULE_UTF8 = 'RFC 6455 §8.1 UTF-8';
