/**
 * Security profile upgrades, reference CSMS side (2.0.1 A05, 1.6 whitepaper A05): the profile
 * each station has connected with, by listener (ws:// = 1, wss:// = 2, wss:// asking for client
 * certificates = 3). Once a station has connected at a higher profile, a connection at a lower
 * one is refused (2.0.1 A05.FR.07, whitepaper A05.FR.09).
 */
import type { FaultSpec } from '../fault-spec';
import type { VariantTable } from '../variant-spec';
import { type Breaks, both, policyFor } from './concern';

export const SECURITY_UPGRADE_FAULTS = {
  'upgrade.allowsDowngrade': { description: 'lets a station that has connected at a higher security profile connect at its former, lower profile again', rules: both(['A05.FR.09'], ['A05.FR.07']) },
} satisfies Record<string, FaultSpec>;

interface UpgradePolicy {
  /** A05.FR.07 / whitepaper A05.FR.09: no lower profile after a station connected at a higher one. */
  locksUpgraded: boolean;
  /** The HTTP status refusing a lower profile. */
  refusalStatus: 401 | 403;
}

const CLEAN: UpgradePolicy = { locksUpgraded: true, refusalStatus: 401 };

/** Legal variations of upgrades (harness/sims/variant-spec.ts). */
export const SECURITY_UPGRADE_VARIANTS = {
  'upgrade.refuses403': {
    description: 'refuses a station at a lower security profile than it has reached with 403 Forbidden instead of 401 Unauthorized',
    allowedBy: '2.0.1 A05.FR.07 / whitepaper A05.FR.09: the CSMS does not allow the connection; how it refuses the upgrade request is not specified (RFC 6455 §4.2.2: any HTTP error status)',
    versions: ['1.6', '2.0.1'],
    sets: { refusalStatus: 403 },
  },
} satisfies VariantTable<UpgradePolicy>;

const BREAKS = {
  'upgrade.allowsDowngrade': { locksUpgraded: false },
} satisfies Breaks<UpgradePolicy, keyof typeof SECURITY_UPGRADE_FAULTS>;

/** The security profile a listener serves: ws:// 1 (HTTP Basic), wss:// 2, wss:// asking for client certificates 3. */
export const listenerProfile = (tls: boolean, clientCerts: boolean): number => (!tls ? 1 : clientCerts ? 3 : 2);

export class SecurityProfiles {
  private readonly policy: UpgradePolicy;
  /** The highest profile each station has connected with. */
  private readonly highest = new Map<string, number>();

  constructor(active: ReadonlySet<string>) {
    this.policy = policyFor(CLEAN, BREAKS, active, SECURITY_UPGRADE_VARIANTS);
  }

  /** The refusal of a connection at `profile`, below one the station has used (undefined: no objection). */
  refuses(stationId: string, profile: number): { status: 401 | 403; reason: string } | undefined {
    const h = this.highest.get(stationId);
    if (h === undefined || profile >= h || !this.policy.locksUpgraded) return undefined;
    return { status: this.policy.refusalStatus, reason: `station connected at security profile ${h} already; profile ${profile} is no longer allowed` };
  }

  /** A connection at `profile` was let in. */
  connected(stationId: string, profile: number): void {
    if (profile > (this.highest.get(stationId) ?? 0)) this.highest.set(stationId, profile);
  }
}
