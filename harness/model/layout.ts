/**
 * The neutral vocabulary of a station's layout that judges, sims, adapters and cases share:
 * a connector is named by its EVSE and its connector number on that EVSE (2.0.1 terms); 1.6's
 * single connectorId is the connector's position over all EVSEs, from 1.
 */
import { ConformanceError } from './errors';

export interface ConnectorRef { evseId: number; connectorId: number }

/** Connector references of a layout (connectors per EVSE, e.g. [1, 1]), in 1.6 connectorId order. */
export function layoutRefs(evses: number[]): ConnectorRef[] {
  return evses.flatMap((n, e) => Array.from({ length: n }, (_, c) => ({ evseId: e + 1, connectorId: c + 1 })));
}

/** 1.6 connectorId of a connector: its position over all EVSEs of the layout, from 1. */
export function connectorIndex(connectors: ConnectorRef[], ref: ConnectorRef): number {
  const i = connectors.findIndex((c) => c.evseId === ref.evseId && c.connectorId === ref.connectorId);
  if (i < 0) throw new ConformanceError('harness', `connector ${ref.evseId}/${ref.connectorId} is not in the station layout`, 'harness');
  return i + 1;
}
