/**
 * The simulated station losing its power supply (the rig's powerCycle): what becomes of the
 * transactions that were running. 1.6 §4.10 asks for a StopTransaction for every transaction
 * that stopped, with the reason that fits (PowerLoss, a SHOULD); when it goes out is the
 * station's choice: by default after the reboot (queued like every transaction message), or,
 * with a backup supply (variant power.stopsBeforeShutdown), before going down.
 */
import type { VariantTable } from '../variant-spec';
import { type FaultTable, policyOf } from './fault-table';
import type { SimulatedStation } from './simulated-station';

interface PowerLossPolicy {
  /** Stops the running transactions, and reports it, before going down (a backup supply). */
  stopsBeforeShutdown: boolean;
  /** Reports the transactions the power loss ended, after the reboot at the latest (1.6 §4.10). */
  reportsStop: boolean;
  /** The stop reason it reports (1.6 §4.10: PowerLoss). */
  reason: string;
}

export const POWER_LOSS_FAULTS = {
  'power.forgetsTransactions': { description: 'after a power loss during a transaction, never sends the StopTransaction of that transaction', rules: { '1.6': ['1.6§4.10'] }, breaks: { reportsStop: false } },
  'power.wrongStopReason': { description: 'stops its transactions before going down on a power loss, but with reason Other instead of PowerLoss', rules: { '1.6': ['1.6§4.10.Reason'] }, should: true, breaks: { stopsBeforeShutdown: true, reason: 'Other' } },
} satisfies FaultTable<PowerLossPolicy>;

export const POWER_LOSS_VARIANTS = {
  'power.stopsBeforeShutdown': {
    description: 'has a backup supply: on a power loss it stops the running transactions (reason PowerLoss) and waits for the StopTransaction replies before going down',
    allowedBy: '1.6 §4.10 (a StopTransaction for every stopped transaction; the text does not say when it is sent); OCTT TC_032_1_CS (PICS: configured to stop transactions before going down) and TC_032_2_CS (after the reboot)',
    versions: ['1.6'], sets: { stopsBeforeShutdown: true },
  },
} satisfies VariantTable<PowerLossPolicy>;

const CORRECT: PowerLossPolicy = { stopsBeforeShutdown: false, reportsStop: true, reason: 'PowerLoss' };

export class PowerLoss {
  readonly policy: Readonly<PowerLossPolicy>;

  constructor(private readonly s: SimulatedStation, active: ReadonlySet<string>) {
    this.policy = policyOf(CORRECT, POWER_LOSS_FAULTS, active, POWER_LOSS_VARIANTS);
  }

  /** The supply is cut: the station goes down; the transactions running end with the power (reported before or after the reboot). */
  async cut(): Promise<void> {
    const { s } = this;
    const running = s.connectors.filter((c) => c.tx);
    if (running.length && this.policy.stopsBeforeShutdown) {
      s.hardware('power failing: the backup supply stops the transactions first');
      for (const c of running) s.tx.end(c, this.policy.reason);
      await s.txQueue.drained(s.ms(s.opts.messageTimeout ?? 30));
    } else if (running.length && this.policy.reportsStop) {
      // Nothing more goes out on this connection: the StopTransactions wait in the queue for the reboot.
      s.link.drop();
      for (const c of running) s.tx.end(c, this.policy.reason);
    }
    const finishing = running.filter((c) => c.plugged && this.policy.reportsStop);
    s.powerOff();
    // The cable is still in after the reboot and the transaction is over: Finishing (1.6 §7.7).
    for (const c of finishing) c.finishing = true;
  }
}
