/**
 * How much of a message the station fills in beyond what the schema requires: the optional
 * fields of BootNotification, StatusNotification, the transaction messages and meter values
 * (read by the dialects). Every choice is conformant; there is no fault here, only the legal
 * variations "everything optional present" and "nothing optional present".
 */
import { type FaultTable, policyOf } from './fault-table';
import type { VariantTable } from '../variant-spec';

interface WordingPolicy {
  /** usual: what the default station sends; all: every optional field it has a value for; minimal: only what the schema requires (and the rules ask). */
  optionalFields: 'usual' | 'all' | 'minimal';
}

export const WORDING_FAULTS = {} satisfies FaultTable<WordingPolicy>;

export const WORDING_VARIANTS = {
  'fields.optionalPresent': {
    description: 'fills in every optional field it has: 1.6 BootNotification chargeBoxSerialNumber, iccid, imsi, meterType, meterSerialNumber, StatusNotification info and vendorId, sampled values with format, location and phase-free units, StopTransaction transactionData; 2.0.1 BootNotification modem, TransactionEvent evse in every event, numberOfPhasesUsed and cableMaxCurrent, sampled values with location and unitOfMeasure',
    allowedBy: 'The 1.6 §6 Messages and 2.0.1 Part 2 Messages definitions and their JSON schemas mark these fields optional (cardinality 0..1 / 0..*); a receiver accepts them.',
    versions: ['1.6', '2.0.1'], sets: { optionalFields: 'all' },
  },
  'fields.minimal': {
    description: 'sends only the fields the schema requires: 1.6 no firmwareVersion, StatusNotification without timestamp, StopTransaction without reason when Local, sampled values without context/measurand/unit (their defaults); 2.0.1 BootNotification without firmwareVersion, TransactionEvent Started without meter values',
    allowedBy: 'The 1.6 and 2.0.1 schemas make these fields optional; 1.6 SampledValue type: an absent context, measurand or unit means Sample.Periodic, Energy.Active.Import.Register, Wh; 1.6 StopTransaction.req reason "MAY only be omitted when the Reason is Local"; 2.0.1 E01.FR.09 asks for Transaction.Begin values only when TxStartedMeasurands is configured (ours is not). The serial number stays (security profile 3 compares it with the certificate, A00.FR.511).',
    versions: ['1.6', '2.0.1'], sets: { optionalFields: 'minimal' },
  },
} satisfies VariantTable<WordingPolicy>;

export function wordingPolicy(active: ReadonlySet<string>): Readonly<WordingPolicy> {
  return policyOf<WordingPolicy>({ optionalFields: 'usual' }, WORDING_FAULTS, active, WORDING_VARIANTS);
}
