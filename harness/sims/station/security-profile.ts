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
import type { VariantTable } from '../variant-spec';
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
  /** Failed attempts on one entry of NetworkConfigurationPriority before the next (B10.FR.03: NetworkProfileConnectionAttempts); undefined = the setting. */
  attemptsPerEntry?: number;
  /** After a reboot, starts with the first entry of the new NetworkConfigurationPriority (B10.FR.04, A05.FR.05); false: keeps the profile it used. */
  usesNewPriority: boolean;
  /** Connected with a higher security profile: removes the profiles of a lower one (A05.FR.06). */
  dropsLowerProfiles: boolean;
  /** 1.6: a higher SecurityProfile it accepted is applied: it disconnects and reconnects with it (WP A05.FR.06, A05.FR.07). */
  appliesUpgrade16: boolean;  /** Answers a valid NetworkConfigurationPriority of the same security profile RebootRequired instead of Accepted (B10.FR.01 allows both). */
  priorityRebootRequired: boolean;  /** 1.6: applies an accepted higher SecurityProfile at its next reboot instead of disconnecting at once. */
  upgradeAtReboot16: boolean;
}

export const SECURITY_PROFILE_FAULTS = {
  'secprofile.upgradeWithoutRoot': { description: 'accepts a higher security profile (2 or 3) without a CSMS root certificate installed', rules: { '2.0.1': ['A05.FR.02'] }, breaks: { upgradeNeedsRoot: false } },
  'secprofile.upgradeWithoutClientCert': { description: 'accepts security profile 3 without a station certificate', rules: { '2.0.1': ['A05.FR.03'] }, breaks: { upgradeNeedsClientCert: false } },
  'secprofile.allowsDowngrade': { description: 'accepts a lower security profile than the one it uses', rules: both(['A05.FR.01'], ['B09.FR.04']), breaks: { refusesDowngrade: false } },
  'netprofile.neverFallsBack': { description: 'keeps trying the first entry of NetworkConfigurationPriority and never moves on to the next one', rules: { '2.0.1': ['B10.FR.03'] }, breaks: { attemptsPerEntry: Number.POSITIVE_INFINITY } },
  'netprofile.fallsBackEarly': { description: 'moves on to the next entry of NetworkConfigurationPriority after one failed attempt, whatever NetworkProfileConnectionAttempts says', rules: { '2.0.1': ['B10.FR.03'] }, breaks: { attemptsPerEntry: 1 } },
  'netprofile.ignoresPriority': { description: 'accepts a new NetworkConfigurationPriority but keeps connecting with the profile it used before the reboot', rules: { '2.0.1': ['B10.FR.04', 'A05.FR.05'] }, breaks: { usesNewPriority: false } },
  'secprofile.keepsLowerProfiles': { description: 'connected with a higher security profile, keeps the lower-profile connection profiles in NetworkConfigurationPriority', rules: { '2.0.1': ['A05.FR.06'] }, breaks: { dropsLowerProfiles: false } },
  'secprofile.keepsOldProfile': { description: '1.6: accepts a higher SecurityProfile but keeps connecting with the old one', rules: { '1.6': ['A05.FR.06', 'A05.FR.07'] }, breaks: { appliesUpgrade16: false } },
  'netprofile.acceptsAnySlot': { description: 'accepts SetNetworkProfile for a configurationSlot it does not have', rules: { '2.0.1': ['B09.FR.02', 'B09.FR.05'] }, breaks: { checksSlot: false } },
} satisfies FaultTable<ProfilePolicy>;

export const SECURITY_PROFILE_VARIANTS = {
  'netprofile.priorityRebootRequired': {
    description: '2.0.1: answers a new NetworkConfigurationPriority (no higher security profile in it) with RebootRequired instead of Accepted',
    allowedBy: '2.0.1 B10.FR.01: valid slots in NetworkConfigurationPriority: "SetVariablesResponse with status Accepted, or RebootRequired" (A05.FR.04 asks Accepted when the priority raises the security profile).',
    versions: ['2.0.1'], sets: { priorityRebootRequired: true },
  },
  'secprofile.upgradeAtReboot': {
    description: '1.6: applies an accepted higher SecurityProfile when it next reboots (the Reset OCTT sends next), not by disconnecting at once',
    allowedBy: '1.6 security whitepaper A05.FR.06/07: after accepting, the Charge Point "SHALL disconnect" and reconnect with the new profile; no requirement says how soon (OCTT TC_083_CS sends a Reset right after the ChangeConfiguration).',
    versions: ['1.6'], sets: { upgradeAtReboot16: true },
  },
} satisfies VariantTable<ProfilePolicy>;

interface ProfileHost {
  version: OcppVersion;
  /** The profile it was started with: 3 with a client certificate, 2 over TLS, 1 with a password, else 0. */
  startProfile: number;
  /** A valid CSMS root certificate: the CA it was given for wss://, or one installed with InstallCertificate. */
  hasCsmsRoot(): boolean;
  /** A valid station certificate (profile 3). */
  hasStationCertificate(): boolean;
  hardware(text: string): void;
  /** The CSMS URL it was configured with (slot 1), including its identity. */
  url: string;
  stationId: string;
  /** Closes the connection (it reconnects with what `target` says). */
  disconnect(): void;
}

interface ConnectionProfile { securityProfile: number; ocppCsmsUrl: string }

/** Configuration slots the station offers (B09.FR.06: at least two; the B09 example's 0, 1, 2), reported in the valuesList of NetworkConfigurationPriority. */
const SLOTS = [0, 1, 2];

export class SecurityProfiles {
  readonly policy: Readonly<ProfilePolicy>;
  private readonly slots = new Map<number, ConnectionProfile>();
  current: number;
  private get: (name: string) => Setting | undefined = () => undefined;
  /** The entries of NetworkConfigurationPriority in effect since the last boot (B10.FR.04), the one tried now, its failed attempts. */
  private order: number[] = [1];
  private entry = 0;
  private failures = 0;
  /** 1.6: a raised SecurityProfile applied at the next reboot (variant secprofile.upgradeAtReboot). */
  private pending16?: number;

  constructor(private readonly s: ProfileHost, faults: ReadonlySet<string>) {
    this.policy = policyOf<ProfilePolicy>({ upgradeNeedsRoot: true, upgradeNeedsClientCert: true, refusesDowngrade: true, checksSlot: true, usesNewPriority: true, dropsLowerProfiles: true, appliesUpgrade16: true, priorityRebootRequired: false, upgradeAtReboot16: false }, SECURITY_PROFILE_FAULTS, faults, SECURITY_PROFILE_VARIANTS);
    this.current = s.startProfile;
    this.slots.set(1, { securityProfile: this.current, ocppCsmsUrl: s.url });
  }

  /** The settings it owns, at start-up: SecurityProfile, NetworkConfigurationPriority. */
  initialise(get: (name: string) => Setting | undefined): void {
    this.get = get;
    const profile = get('SecurityProfile');
    if (profile) profile.value = String(this.current);
  }

  /** The connection profile the next attempt uses: URL (with its identity) and security profile. */
  target(): { url: string; securityProfile: number; slot: number } {
    // 1.6: one Central System address; a raised SecurityProfile reaches it over TLS (WP A05.FR.07).
    if (this.s.version === '1.6') return { url: this.current >= 2 ? this.s.url.replace(/^ws:/, 'wss:') : this.s.url, securityProfile: this.current, slot: 1 };
    const slot = this.order[this.entry] ?? 1;
    const p = this.slots.get(slot) ?? this.slots.get(1)!;
    const url = slot === 1 && p.ocppCsmsUrl === this.s.url ? p.ocppCsmsUrl : `${p.ocppCsmsUrl.replace(/\/+$/, '')}/${encodeURIComponent(this.s.stationId)}`;
    return { url, securityProfile: p.securityProfile, slot };
  }

  /** Power loss / reboot: the next boot starts with the first entry of NetworkConfigurationPriority (B10.FR.04, A05.FR.05). */
  powerLost(): void {
    if (this.pending16 !== undefined) { this.current = this.pending16; this.pending16 = undefined; }
    const value = this.get('NetworkConfigurationPriority')?.value;
    if (this.s.version === '2.0.1' && value && this.policy.usesNewPriority) {
      this.order = value.split(',').map((x) => Number(x.trim())).filter((x) => this.slots.has(x));
      if (!this.order.length) this.order = [1];
      this.entry = 0;
    }
    this.failures = 0;
  }

  /** A connection attempt failed: after NetworkProfileConnectionAttempts on one entry, the next one (B10.FR.03). */
  attemptFailed(): void {
    if (this.order.length < 2) return;
    this.failures++;
    const attempts = this.policy.attemptsPerEntry ?? Math.max(1, Number(this.get('NetworkProfileConnectionAttempts')?.value ?? 3));
    if (this.failures < attempts) return;
    this.failures = 0;
    this.entry = (this.entry + 1) % this.order.length;
    const t = this.target();
    this.s.hardware(`network profile: ${attempts} failed attempt(s), next entry of NetworkConfigurationPriority: slot ${t.slot} (security profile ${t.securityProfile})`);
  }

  /** Connected: a higher security profile becomes the station's, and the lower profiles go (A05.FR.06). */
  connected(): void {
    this.failures = 0;
    const t = this.target();
    if (t.securityProfile <= this.current) return;
    this.current = t.securityProfile;
    const profile = this.get('SecurityProfile');
    if (profile) profile.value = String(this.current);
    this.s.hardware(`connected with security profile ${this.current}`);
    if (!this.policy.dropsLowerProfiles) return;
    for (const [slot, p] of [...this.slots]) if (p.securityProfile < this.current) this.slots.delete(slot);
    this.order = this.order.filter((x) => this.slots.has(x));
    this.entry = Math.max(0, this.order.indexOf(t.slot));
    const priority = this.get('NetworkConfigurationPriority');
    if (priority) priority.value = priority.value.split(',').map((x) => x.trim()).filter((x) => this.slots.has(Number(x))).join(',');
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
  guard(setting: Setting, value: string): 'Accepted' | 'Rejected' | 'RebootRequired' | undefined {
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
    if (this.policy.appliesUpgrade16 && this.policy.upgradeAtReboot16) {
      this.pending16 = wanted;
    } else if (this.policy.appliesUpgrade16) {
      // WP A05.FR.06 / A05.FR.07: disconnect, then reconnect with the new profile.
      this.current = wanted;
      this.s.disconnect();
    }
    return 'Accepted';
  }

  /** 2.0.1 A05 / B10: NetworkConfigurationPriority, a comma-separated list of configured slots. */
  private priority(setting: Setting, value: string): 'Accepted' | 'Rejected' | 'RebootRequired' {
    const slots = value.split(',').map((x) => x.trim());
    if (!slots.length || slots.some((x) => !/^\d+$/.test(x) || !this.slots.has(Number(x)))) return 'Rejected'; // B10.FR.02
    for (const slot of slots) if (!this.prerequisitesMet(this.slots.get(Number(slot))!.securityProfile)) return 'Rejected'; // A05.FR.02, A05.FR.03
    setting.value = slots.join(',');
    const raises = slots.some((x) => this.slots.get(Number(x))!.securityProfile > this.current);
    return this.policy.priorityRebootRequired && !raises ? 'RebootRequired' : 'Accepted'; // B10.FR.01; A05.FR.04
  }

  private prerequisitesMet(profile: number): boolean {
    if (profile <= this.current) return true;
    if (profile >= 2 && this.policy.upgradeNeedsRoot && !this.s.hasCsmsRoot()) return false;
    if (profile === 3 && this.policy.upgradeNeedsClientCert && !this.s.hasStationCertificate()) return false;
    return true;
  }
}
