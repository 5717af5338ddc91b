export const OCPP_VERSIONS = ['1.6', '2.0.1'] as const;
export type OcppVersion = (typeof OCPP_VERSIONS)[number];

/** WebSocket subprotocol names (OCPP-J 1.6 §3.2, OCPP 2.0.1 Part 4 §3.2). */
export const SUBPROTOCOL: Record<OcppVersion, string> = { '1.6': 'ocpp1.6', '2.0.1': 'ocpp2.0.1' };

export function versionOfSubprotocol(protocol: string): OcppVersion | undefined {
  return OCPP_VERSIONS.find((v) => SUBPROTOCOL[v] === protocol);
}

export function isOcppVersion(v: unknown): v is OcppVersion {
  return typeof v === 'string' && (OCPP_VERSIONS as readonly string[]).includes(v);
}
