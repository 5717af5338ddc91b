/**
 * The station's security profile and its network connection profiles (2.0.1 A05, B09, B10; 1.6
 * security whitepaper A05): which profile it runs, the connection profiles the CSMS stores
 * (SetNetworkProfile), the order it tries them in (NetworkConfigurationPriority), and the
 * checks before going to a higher profile: a CSMS root certificate for profile 2 and 3, a
 * station certificate for profile 3; never a lower profile over OCPP (the A05 remark).
 * The simulated station keeps connecting with what it was started with: it refuses what the
 * text makes it refuse, and stores what it accepts.
 */
import type { CallFrame } from '../../protocol/rpc';
import type { OcppVersion } from '../../protocol/versions';
import type { Reply } from '../../transport/connection';
import { both, type FaultTable, policyOf } from './fault-table';
import type { Setting } from './settings';

interface ProfilePolicy {
  /** Refuses a higher profile of 2 or 3 without a CSMS root certificate (2.0.1 A05.FR.02, WP A05.FR.03). */
  upgradeNeedsRoot: boolean;
  /** Refuses profile 3 without a station certificate (2.0.1 A05.FR.03, WP A05.FR.04). */
  upgradeNeedsClientCert: boolean;
  /** Refuses a lower profile (2.0.1 B09.FR.04, WP A05.FR.01). */
  refusesDowngrade: boolean;
  /** Refuses a configurationSlot outside NetworkConfigurationPriority's valuesList (2.0.1 B09.FR.02, B09.FR.05). */
  checksSlot: boolean;
}

export const SECURITY_PROFILE_FAULTS = {
  'secprofile.upgradeWithoutRoot': { description: 'accepts a higher security profile (2 or 3) without a CSMS root certificate installed', rules: { '2.0.1': ['A05.FR.02'] }, breaks: { upgradeNeedsRoot: false } },
  'secprofile.upgradeWithoutClientCert': { description: 'accepts security profile 3 without a station certificate', rules: { '2.0.1': ['A05.FR.03'] }, breaks: { upgradeNeedsClientCert: false } },
  'secprofile.allowsDowngrade': { description: 'accepts a lower security profile than the one it uses', rules: both(['A05.FR.01'], ['B09.FR.04']), breaks: { refusesDowngrade: false } },
  'netprofile.acceptsAnySlot': { description: 'accepts SetNetworkProfile for a configurationSlot it does not have', rules: { '2.0.1': ['B09.FR.02', 'B09.FR.05'] }, breaks: { checksSlot: false } },
} satisfies FaultTable<ProfilePolicy>;

interface ProfileHost {
  version: OcppVersion;
  /** The profile it was started with: 3 with a client certificate, 2 over TLS, 1 with a password, else 0. */
  startProfile: number;
  /** A valid CSMS root certificate: the CA it was given for wss://, or one installed with InstallCertificate. */
  hasCsmsRoot(): boolean;
  /** A valid station certificate (profile 3). */
  hasStationCertificate(): boolean;
  hardware(text: string): void;
}

interface ConnectionProfile { securityProfile: number; ocppCsmsUrl: string }

/** Configuration slots the station offers (B09.FR.06: at least two; the B09 example's 0, 1, 2), reported in the valuesList of NetworkConfigurationPriority. */
const SLOTS = [0, 1, 2];

export class SecurityProfiles {
  readonly policy: Readonly<ProfilePolicy>;
  private readonly slots = new Map<number, ConnectionProfile>();
  current: number;

  constructor(private readonly s: ProfileHost, faults: ReadonlySet<string>) {
    this.policy = policyOf<ProfilePolicy>({ upgradeNeedsRoot: true, upgradeNeedsClientCert: true, refusesDowngrade: true, checksSlot: true }, SECURITY_PROFILE_FAULTS, faults);
    this.current = s.startProfile;
    this.slots.set(1, { securityProfile: this.current, ocppCsmsUrl: '(as configured)' });
  }

  /** The settings it owns, at start-up: SecurityProfile, NetworkConfigurationPriority. */
  initialise(get: (name: string) => Setting | undefined): void {
    const profile = get('SecurityProfile');
    if (profile) profile.value = String(this.current);
  }

  handles(call: CallFrame): boolean { return call.action === 'SetNetworkProfile'; }

  handle(call: CallFrame): Reply {
    const p = call.payload as { configurationSlot: number; connectionData: ConnectionProfile };
    // B09.FR.05: a slot outside the valuesList; B09.FR.04: a lower security profile than SecurityProfile.
    if (!SLOTS.includes(p.configurationSlot) && this.policy.checksSlot) return { payload: { status: 'Rejected' } };
    if (p.connectionData.securityProfile < this.current && this.policy.refusesDowngrade) return { payload: { status: 'Rejected' } };
    this.slots.set(p.configurationSlot, { securityProfile: p.connectionData.securityProfile, ocppCsmsUrl: p.connectionData.ocppCsmsUrl });
    this.s.hardware(`network connection profile stored in slot ${p.configurationSlot} (security profile ${p.connectionData.securityProfile})`);
    return { payload: { status: 'Accepted' } };
  }

  /** A change of a setting this concern owns; undefined for any other setting. */
  guard(setting: Setting, value: string): 'Accepted' | 'Rejected' | undefined {
    if (setting.variable === 'NetworkConfigurationPriority' && this.s.version === '2.0.1') return this.priority(setting, value);
    if (setting.key16 === 'SecurityProfile') {
      // 2.0.1: SecurityProfile is changed through NetworkConfigurationPriority (A05), not written.
      if (this.s.version === '2.0.1') return 'Rejected';
      return this.upgrade(setting, value);
    }
    return undefined;
  }

  /** 1.6 WP A05: ChangeConfiguration SecurityProfile. */
  private upgrade(setting: Setting, value: string): 'Accepted' | 'Rejected' {
    const wanted = Number(value);
    if (!/^[0-3]$/.test(value)) return 'Rejected';
    if (wanted <= this.current && this.policy.refusesDowngrade) return 'Rejected'; // WP A05.FR.01
    if (!this.prerequisitesMet(wanted)) return 'Rejected'; // WP A05.FR.03, A05.FR.04
    setting.value = value;
    this.s.hardware(`SecurityProfile set to ${value}`);
    return 'Accepted';
  }

  /** 2.0.1 A05 / B10: NetworkConfigurationPriority, a comma-separated list of configured slots. */
  private priority(setting: Setting, value: string): 'Accepted' | 'Rejected' {
    const slots = value.split(',').map((x) => x.trim());
    if (!slots.length || slots.some((x) => !/^\d+$/.test(x) || !this.slots.has(Number(x)))) return 'Rejected'; // B10.FR.02
    for (const slot of slots) if (!this.prerequisitesMet(this.slots.get(Number(slot))!.securityProfile)) return 'Rejected'; // A05.FR.02, A05.FR.03
    setting.value = slots.join(',');
    return 'Accepted';
  }

  private prerequisitesMet(profile: number): boolean {
    if (profile <= this.current) return true;
    if (profile >= 2 && this.policy.upgradeNeedsRoot && !this.s.hasCsmsRoot()) return false;
    if (profile === 3 && this.policy.upgradeNeedsClientCert && !this.s.hasStationCertificate()) return false;
    return true;
  }
}
