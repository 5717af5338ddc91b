/**
 * Authorization (1.6 §3.5, §4.1, §4.10; 2.0.1 C01, C09-C15, D01, D02): the verdict on a token
 * presented at the reader (or sent with a remote start), who may stop a transaction, and the
 * station's local data: the Local Authorization List and the Authorization Cache, both kept
 * across reboots and used as the settings say on every lookup.
 */
import type { ConnectorRef } from '../../model/layout';
import type { ConnectorState } from './connectors';
import type { VariantTable } from '../variant-spec';
import { both, type FaultTable, policyOf } from './fault-table';
import type { SimulatedStation } from './simulated-station';

export interface Token { idToken: string; type: string }
/** A verdict on a token, version-neutral: 1.6 idTagInfo, 2.0.1 idTokenInfo. */
export interface AuthInfo { status: string; groupId?: string; expiry?: string }

interface AuthorizationPolicy {
  /** Starts only for an Accepted token (C01.FR.01). */
  needsAcceptedToken: boolean;
  /** LocalPreAuthorize: as the setting says (C14.FR.02, TC_C_36), or always / never. */
  preAuthorize: 'asSet' | 'always' | 'never';
  /** Asks the CSMS about a token the list or cache holds as not Accepted (C10.FR.03, C14.FR.03). */
  asksAboutLocalRejection: boolean;
  /** Sends Authorize when the token that started a transaction stops it (1.6 §4.1: no). */
  authorizesOwnStop: boolean;
  /** Lets a token of the transaction's group stop it (1.6 §3.10, C01.FR.03). */
  groupMayStop: boolean;
  /** Lets any token the CSMS gave a verdict on stop it (1.6 §3.10: no). */
  anyTokenMayStop: boolean;
  /** Drops an authorization when no cable comes within ConnectionTimeOut (1.6 §9.1). */
  honoursConnectionTimeOut: boolean;
  /** Uses the Local Authorization List (C13.FR.02, C14.FR.02). */
  usesLocalList: boolean;
  /** Empties the cache on ClearCache (C11.FR.01). */
  clearsCache: boolean;
  /** Answers ClearCache Rejected while the cache is disabled (C11.FR.04). */
  refusesClearWhenDisabled: boolean;
  /** Refuses a Differential update whose version is not newer (D01.FR.19). */
  checksListVersion: boolean;
  /** Empties the list on a Full update without entries (D01.FR.04). */
  fullWithoutEntriesEmpties: boolean;
  /** Reports its list version while the list is disabled (D02.FR.03: no). */
  reportsVersionWhenDisabled: boolean;
  /** Reports the version of the list installed (D02.FR.01). */
  reportsListVersion: boolean;
  /** 1.6: has the LocalAuthListManagement feature profile; without it SendLocalList / GetLocalListVersion get CALLERROR NotSupported. */
  localListSupported: boolean;
  /** 1.6, without the feature profile: SendLocalList is refused with CALLERROR NotSupported, or (wrongly) answered Failed (1.6 §7.47). */
  unsupportedListReply: 'NotSupported' | 'Failed';
  /** Keeps the local list and its version over a reboot (D01.FR.10, SHOULD). */
  keepsListOverReboot: boolean;
  /** Keeps the Authorization Cache over a reboot (C10.FR.02, SHOULD). */
  keepsCacheOverReboot: boolean;
  /** Takes the version of a Differential update without entries (D01.FR.05). */
  emptyDifferentialTakesVersion: boolean;
  /** Removes the entries of a Differential update that carry no idTokenInfo (D01.FR.17). */
  removesEntriesWithoutInfo: boolean;
  /** The local list wins over the cache for the same token (C13.FR.01, C14.FR.01). */
  listBeforeCache: boolean;
  /** Offline, starts only for a local entry that is Accepted (C13.FR.02; 1.6 §3.5.4). */
  offlineNeedsAccepted: boolean;
  /** Honours AuthCacheCtrlr / LocalAuthListCtrlr.DisablePostAuthorize (no Authorize for a local entry not Accepted). */
  honoursDisablePostAuthorize: boolean;
  /** Updates a cache entry from every verdict the CSMS gives (C10.FR.04, C10.FR.05, C12.FR.06). */
  updatesCacheEntries: boolean;
  /** Drops a cache entry not used for AuthCacheCtrlr.LifeTime (C10.FR.08). */
  honoursCacheLifeTime: boolean;
  /** A token of the group stops the transaction only when its own status is Accepted (C09.FR.11). */
  groupStopNeedsAccepted: boolean;
  /** Offline, authorizes from the list or cache as LocalAuthorizeOffline says (1.6 §9.1.12). */
  authorizesOffline: boolean;
  /** A token of the MasterPassGroupId stops ongoing transactions: all of them without a UI (C16.FR.02), the ones selected on the UI (C16.FR.01). */
  masterPassStopsAll: boolean;
  /** Has a master pass UI on which the user selects the transactions to stop (C16.FR.01). */
  masterPassUi: boolean;
  /** The master pass UI stops the transactions selected, and only these (C16 scenario 6a). */
  uiStopsSelectedOnly: boolean;
  /** The master pass UI acts on the selection at all. */
  uiActsOnSelection: boolean;
  /** A token of the MasterPassGroupId may not start a transaction (C16.FR.03, C12.FR.09). */
  masterPassMayStart: boolean;
  /** StopTxOnInvalidId false: energy goes on up to TxCtrlr.MaxEnergyOnInvalidId (C15.FR.07). */
  honoursMaxEnergyOnInvalidId: boolean;
  /** AuthCtrlr.DisableRemoteAuthorization true: no AuthorizeRequest, only the list and cache decide (Part 2 §2.3.8). */
  honoursDisableRemoteAuthorization: boolean;
  /** A list update it could not store is answered Failed (1.6 §5.15, §7.47); else (fault) Accepted. */
  reportsStorageFailure: boolean;
}

export const AUTHORIZATION_FAULTS = {
  'auth.startsOnBlocked': { description: 'starts charging although the CSMS did not accept the token', rules: both(['1.6§4.1'], ['C01.FR.01']), breaks: { needsAcceptedToken: false } },
  'auth.preAuthorizesWhenDisabled': { description: 'starts from the cache without Authorize although LocalPreAuthorize is false', rules: both(['1.6§9.1.LocalPreAuthorize'], ['C01.FR.02']), should: ['2.0.1'], breaks: { preAuthorize: 'always' } },
  // Listed after preAuthorizesWhenDisabled: with both, it never pre-authorizes.
  'auth.ignoresLocalPreAuthorize': { description: 'sends Authorize for a token the list or cache already accepts (LocalPreAuthorize ignored)', rules: both(['1.6§9.1.LocalPreAuthorize'], ['C14.FR.02', 'C12.FR.02']), should: ['2.0.1'], breaks: { preAuthorize: 'never' } },
  'auth.trustsLocalRejection': { description: 'refuses a token the cache or list holds as not Accepted without asking the CSMS', rules: both(['1.6§3.5.1'], ['C10.FR.03', 'C14.FR.03']), should: ['1.6'], breaks: { asksAboutLocalRejection: false } },
  'auth.authorizesOwnStop': { description: 'sends Authorize when the token that started the transaction stops it', rules: both(['1.6§3.4'], ['C01.FR.03']), breaks: { authorizesOwnStop: true } },
  'auth.ignoresGroup': { description: 'does not let a token of the same group stop a transaction', rules: both(['1.6§3.10'], ['C09.FR.03', 'C09.FR.05']), breaks: { groupMayStop: false } },
  'auth.stopsWithOtherToken': { description: 'lets any accepted token stop a transaction', rules: both(['1.6§3.10'], ['C01.FR.03']), breaks: { anyTokenMayStop: true } },
  'auth.ignoresConnectionTimeOut': { description: 'keeps an authorization forever when no cable is plugged in', rules: { '1.6': ['1.6§9.1.ConnectionTimeOut'] }, breaks: { honoursConnectionTimeOut: false } },
  'auth.ignoresLocalList': { description: 'does not use the Local Authorization List', rules: both(['1.6§9.1.LocalPreAuthorize', '1.6§9.1.LocalAuthorizeOffline'], ['C14.FR.02', 'C13.FR.02']), breaks: { usesLocalList: false } },
  'auth.cacheNotCleared': { description: 'answers ClearCache Accepted but keeps the cache', rules: both(['1.6§5.4'], ['C11.FR.01']), breaks: { clearsCache: false } },
  'auth.clearCacheWhenDisabled': { description: 'answers ClearCache Accepted although its cache is disabled', rules: { '2.0.1': ['C11.FR.04'] }, breaks: { refusesClearWhenDisabled: false } },
  'localList.ignoresVersion': { description: 'accepts a differential update whose version is not newer', rules: both(['1.6§7.47'], ['D01.FR.19']), breaks: { checksListVersion: false } },
  'localList.fullEmptyKeepsEntries': { description: 'keeps its entries after a Full update without a list', rules: both(['1.6§5.10', '1.6§6.41'], ['D01.FR.04']), breaks: { fullWithoutEntriesEmpties: false } },
  'localList.versionWhenDisabled': { description: 'reports its list version although the local list is disabled', rules: both(['1.6§5.10'], ['D02.FR.03']), breaks: { reportsVersionWhenDisabled: true } },
  'localList.reportsNoVersion': { description: 'answers GetLocalListVersion with 0 whatever list is installed', rules: both(['1.6§5.10'], ['D02.FR.01']), breaks: { reportsListVersion: false } },
  'localList.unsupportedAnswersFailed': { description: '1.6: has no LocalAuthListManagement feature profile and answers SendLocalList Failed instead of NotSupported', rules: { '1.6': ['1.6§7.47'] }, breaks: { localListSupported: false, unsupportedListReply: 'Failed' } },
  'localList.lostOnReboot': { description: 'loses its local list and version on a reboot', rules: { '2.0.1': ['D01.FR.10'] }, should: true, breaks: { keepsListOverReboot: false } },
  'auth.cacheLostOnReboot': { description: 'loses its Authorization Cache on a reboot', rules: { '2.0.1': ['C10.FR.02'] }, should: true, breaks: { keepsCacheOverReboot: false } },
  'localList.emptyDifferentialKeepsVersion': { description: 'ignores a Differential update without entries, version included', rules: { '2.0.1': ['D01.FR.05'] }, breaks: { emptyDifferentialTakesVersion: false } },
  'localList.ignoresRemove': { description: 'keeps the entries a Differential update sends without idTokenInfo', rules: { '2.0.1': ['D01.FR.17'] }, breaks: { removesEntriesWithoutInfo: false } },
  'auth.cacheBeforeList': { description: 'looks a token up in the cache before the local list', rules: { '2.0.1': ['C13.FR.01', 'C14.FR.01'] }, breaks: { listBeforeCache: false } },
  'auth.offlineStartsNonAccepted': { description: 'offline, starts for a token the local list holds as not Accepted', rules: { '2.0.1': ['C13.FR.02'] }, breaks: { offlineNeedsAccepted: false } },
  'auth.ignoresDisablePostAuthorize': { description: 'sends Authorize for a local entry not Accepted although DisablePostAuthorize is true', rules: { '2.0.1': ['Part2§AuthCacheDisablePostAuthorize', 'Part2§LocalAuthListDisablePostAuthorize'] }, breaks: { honoursDisablePostAuthorize: false } },
  'auth.cacheKeepsFirstVerdict': { description: 'keeps the first verdict cached for a token instead of updating it from later replies', rules: { '2.0.1': ['C10.FR.04', 'C10.FR.05', 'C12.FR.06'] }, breaks: { updatesCacheEntries: false } },
  'auth.ignoresCacheLifeTime': { description: 'keeps cache entries beyond AuthCacheCtrlr.LifeTime', rules: { '2.0.1': ['C10.FR.08'] }, breaks: { honoursCacheLifeTime: false } },
  'auth.groupStopIgnoresStatus': { description: 'lets a token of the transaction\'s group stop it whatever its own status', rules: { '2.0.1': ['C09.FR.11'] }, breaks: { groupStopNeedsAccepted: false } },
  'auth.ignoresLocalAuthorizeOffline': { description: '1.6: offline, never authorizes from the list or cache although LocalAuthorizeOffline is true', rules: { '1.6': ['1.6§9.1.LocalAuthorizeOffline'] }, breaks: { authorizesOffline: false } },
  'auth.ignoresMasterPass': { description: 'treats a token of the MasterPassGroupId like any other: it shows no master pass UI and stops no transaction of others', rules: { '2.0.1': ['C16.FR.02', 'C16.FR.01'] }, breaks: { masterPassStopsAll: false } },
  'masterPass.uiStopsAll': { description: 'with a master pass UI, stops every ongoing transaction whatever the user selected', rules: { '2.0.1': ['C16.FR.01'] }, breaks: { uiStopsSelectedOnly: false } },
  'masterPass.uiStopsNothing': { description: 'shows the master pass UI but stops none of the transactions the user selects', rules: { '2.0.1': ['C16.FR.01'] }, breaks: { uiActsOnSelection: false } },
  'auth.masterPassStarts': { description: 'lets a token of the MasterPassGroupId start a transaction', rules: { '2.0.1': ['C16.FR.03', 'C12.FR.09'] }, breaks: { masterPassMayStart: true } },
  'localList.storageFailureAccepted': { description: 'answers SendLocalList Accepted although storing the list failed (nothing stored)', rules: { '1.6': ['1.6§5.15', '1.6§7.47'] }, breaks: { reportsStorageFailure: false } },
  'auth.ignoresMaxEnergyOnInvalidId': { description: 'stops the energy at once when the token is found not Accepted although MaxEnergyOnInvalidId allows more', rules: { '2.0.1': ['C15.FR.07'] }, breaks: { honoursMaxEnergyOnInvalidId: false } },
  'auth.ignoresDisableRemoteAuthorization': { description: 'sends an AuthorizeRequest for a token it does not know although AuthCtrlr.DisableRemoteAuthorization is true', rules: { '2.0.1': ['Part2§DisableRemoteAuthorization'] }, breaks: { honoursDisableRemoteAuthorization: false } },
  // The keypad is the embedded adapter's (harness/sut/embedded.ts): it asks SimulatedStation.has for this one.
  'keypad.wrongTokenType': { description: 'reports a keypad code with token type ISO14443 instead of KeyCode', rules: { '2.0.1': ['C01.FR.02'] }, should: true, breaks: {} },
} satisfies FaultTable<AuthorizationPolicy>;

const CORRECT: AuthorizationPolicy = {
  needsAcceptedToken: true, preAuthorize: 'asSet', asksAboutLocalRejection: true, authorizesOwnStop: false, groupMayStop: true,
  anyTokenMayStop: false, honoursConnectionTimeOut: true, usesLocalList: true, clearsCache: true, refusesClearWhenDisabled: true,
  checksListVersion: true, fullWithoutEntriesEmpties: true, reportsVersionWhenDisabled: false, reportsListVersion: true, localListSupported: true,
  unsupportedListReply: 'NotSupported', keepsListOverReboot: true, keepsCacheOverReboot: true, emptyDifferentialTakesVersion: true, removesEntriesWithoutInfo: true,
  listBeforeCache: true, offlineNeedsAccepted: true, honoursDisablePostAuthorize: true, updatesCacheEntries: true, honoursCacheLifeTime: true, groupStopNeedsAccepted: true,
  authorizesOffline: true, masterPassStopsAll: true, masterPassMayStart: false, masterPassUi: true, uiStopsSelectedOnly: true, uiActsOnSelection: true,
  honoursMaxEnergyOnInvalidId: true, honoursDisableRemoteAuthorization: true, reportsStorageFailure: true,
};

/** Legal variations of authorization (harness/sims/variant-spec.ts). */
export const AUTHORIZATION_VARIANTS = {
  'localList.unsupported': {
    description: '1.6 station without the LocalAuthListManagement feature profile: SendLocalList and GetLocalListVersion are answered with CALLERROR NotSupported',
    allowedBy: '1.6 §3 feature profiles (LocalAuthListManagement is optional); OCPP-J 1.6 §4.2.3 NotSupported: action recognized but not supported; OCTT TC_042_1_CS accepts CALLERROR NotSupported',
    versions: ['1.6'], sets: { localListSupported: false },
  },
  'auth.noMasterPassUi': {
    description: '2.0.1 station without a master pass UI: a master pass token stops every ongoing transaction',
    allowedBy: '2.0.1 C16 scenario 4a/4b and C16.FR.01 / C16.FR.02: "If the Charging Station has a UI" / "does NOT have a UI"; a UI is the station\'s choice',
    versions: ['2.0.1'], sets: { masterPassUi: false },
  },
} satisfies VariantTable<AuthorizationPolicy>;

/** The authorization policy for a station's active names: variants first, then faults. */
export const authorizationPolicy = (faults: ReadonlySet<string>): Readonly<AuthorizationPolicy> => policyOf(CORRECT, AUTHORIZATION_FAULTS, faults, AUTHORIZATION_VARIANTS);

type ListUpdateStatus = 'Accepted' | 'Failed' | 'VersionMismatch' | 'NotSupported';

/** The Local Authorization List (1.6 §3.5, C13, C14, D01, D02) and the Authorization Cache (C10-C12). */
export class LocalAuthData {
  private readonly list = new Map<string, AuthInfo>();
  private version = 0;
  /** Hardware: storing the list fails (the rig action listStorage; OCTT TC_043_3_CS). */
  storageFails = false;
  /** Each entry with the moment it was last used (AuthCacheCtrlr.LifeTime counts from there, C10.FR.08). */
  private readonly cache = new Map<string, { info: AuthInfo; usedAt: number }>();

  constructor(private readonly policy: Readonly<AuthorizationPolicy>, private readonly enabled: { list: () => boolean; cache: () => boolean; cacheLifeTimeMs?: () => number }) {}

  /** 1.6: the station has the LocalAuthListManagement feature profile (variant localList.unsupported: no). */
  get listSupported(): boolean { return this.policy.localListSupported; }

  /** 1.6, without the feature profile: how SendLocalList is refused (CALLERROR NotSupported; fault: status Failed). */
  get unsupportedListReply(): 'NotSupported' | 'Failed' { return this.policy.unsupportedListReply; }

  /** List first (it wins over the cache: C13.FR.01, C14.FR.01, OCTT TC_C_25_CS), then a cache entry that has not expired. */
  lookup(id: string): { info: AuthInfo; from: 'list' | 'cache' } | undefined {
    const fromList = (): { info: AuthInfo; from: 'list' } | undefined => {
      const entry = this.enabled.list() && this.policy.usesLocalList ? this.list.get(id) : undefined;
      return entry && { info: entry, from: 'list' };
    };
    const fromCache = (): { info: AuthInfo; from: 'cache' } | undefined => {
      if (!this.enabled.cache()) return undefined;
      const entry = this.cache.get(id);
      if (!entry || (entry.info.expiry && Date.parse(entry.info.expiry) < Date.now())) return undefined;
      const lifeTime = this.enabled.cacheLifeTimeMs?.() ?? 0;
      if (lifeTime > 0 && this.policy.honoursCacheLifeTime && Date.now() - entry.usedAt > lifeTime) { this.cache.delete(id); return undefined; }
      entry.usedAt = Date.now();
      return { info: entry.info, from: 'cache' };
    };
    return this.policy.listBeforeCache ? fromList() ?? fromCache() : fromCache() ?? fromList();
  }

  /** Stores what the CSMS said about a token (Authorize, StartTransaction / TransactionEvent replies). */
  remember(id: string, info: AuthInfo): void {
    if (!this.enabled.cache()) return;
    const known = this.cache.get(id);
    if (known && !this.policy.updatesCacheEntries) { known.usedAt = Date.now(); return; }
    this.cache.set(id, { info, usedAt: Date.now() });
  }

  clearCache(): 'Accepted' | 'Rejected' {
    if (!this.enabled.cache() && this.policy.refusesClearWhenDisabled) return 'Rejected';
    if (this.policy.clearsCache) this.cache.clear();
    return 'Accepted';
  }

  /** Power lost: list and cache are kept in non-volatile memory (D01.FR.10, C10.FR.02), unless a fault loses them. */
  powerLost(): void {
    if (!this.policy.keepsListOverReboot) { this.list.clear(); this.version = 0; }
    if (!this.policy.keepsCacheOverReboot) this.cache.clear();
  }

  /** SendLocalList (1.6 §5.15, 2.0.1 D01): Full replaces, Differential adds/updates/removes (an entry without info). */
  update(version: number, updateType: string, entries: { id: string; info?: AuthInfo }[]): ListUpdateStatus {
    if (!this.enabled.list()) return 'NotSupported';
    if (updateType === 'Differential' && version <= this.version && this.policy.checksListVersion) return 'VersionMismatch';
    // The list could not be stored: nothing changes, and the answer says so (1.6 §5.15, §7.47 Failed).
    if (this.storageFails) return this.policy.reportsStorageFailure ? 'Failed' : 'Accepted';
    // D01.FR.05: a Differential update without entries changes nothing but the version.
    if (updateType === 'Differential' && entries.length === 0 && !this.policy.emptyDifferentialTakesVersion) return 'Accepted';
    if (updateType === 'Full' && (entries.length > 0 || this.policy.fullWithoutEntriesEmpties)) this.list.clear();
    for (const e of entries) {
      if (e.info) this.list.set(e.id, e.info); else if (this.policy.removesEntriesWithoutInfo) this.list.delete(e.id);
    }
    this.version = version;
    return 'Accepted';
  }

  /**
   * What GetLocalListVersion tells (1.6 §5.10, D02): whether the list counts as enabled, the
   * version of the last update applied (0: none yet; D02.FR.02 keeps it when the list was
   * emptied) and whether the list is empty. Each version words it its own way.
   */
  versionReport(): { enabled: boolean; version: number; empty: boolean } {
    return { enabled: this.enabled.list() || this.policy.reportsVersionWhenDisabled, version: this.policy.reportsListVersion ? this.version : 0, empty: this.list.size === 0 };
  }
}

/** The verdict on tokens, and what a token at the reader does. */
export class Authorizer {
  /** The master pass UI while it is shown (C16.FR.01). */
  private masterPassShown?: { token: Token; timer: NodeJS.Timeout };

  constructor(private readonly s: SimulatedStation, private readonly policy: Readonly<AuthorizationPolicy>) {}

  /** A card at the reader (or a code on the keypad): stops a transaction it may stop, or authorizes a new one. */
  async presentToken(token: Token, ref?: ConnectorRef): Promise<void> {
    const { s } = this;
    s.hardware(`${token.type === 'KeyCode' ? 'code' : 'card'} ${token.idToken} presented${ref ? ` at EVSE ${ref.evseId} connector ${ref.connectorId}` : ''}`);
    // E09.FR.03: the driver's token releases a cable kept locked after the EV side came loose.
    if (s.lock.releaseFor(token, ref)) return;
    // A transaction the cable started without a token (TxStartPoint EVConnected) waits for one: the card authorizes it.
    const running = s.connectors.filter((c) => c.tx?.token && !c.tx.stopped && (!ref || (c.ref.evseId === ref.evseId && c.ref.connectorId === ref.connectorId)));
    const own = running.find((c) => c.tx!.token!.idToken === token.idToken);
    // 1.6 §4.1: the token that started the transaction stops it without an Authorize.
    if (own) {
      if (this.policy.authorizesOwnStop && s.link.online) await s.send('Authorize', s.dialect.authorizeRequest(token));
      s.tx.requestStop(own, 'StopAuthorized', token);
      return;
    }
    if (running.length && (ref || !s.connectors.some((c) => s.tx.isFree(c)))) {
      const target = running[0];
      const verdict = await this.authorize(token);
      // C16.FR.01: a station with a UI shows the master pass UI; C16.FR.02: one without stops every ongoing transaction (stoppedReason MasterPass).
      if (this.isMasterPass(verdict) && this.policy.masterPassStopsAll) {
        if (this.policy.masterPassUi) { this.showMasterPassUi(token); return; }
        for (const c of s.connectors.filter((x) => x.tx?.token && !x.tx.stopped)) s.tx.requestStop(c, 'StopAuthorized', token, 'MasterPass');
        return;
      }
      // 1.6 §4.10 parentIdTag / 2.0.1 C09 groupIdToken: a token of the same group may stop it.
      // C09.FR.11: a token of the group that is not Accepted does not stop it.
      const sameGroup = (verdict?.status === 'Accepted' || (verdict && !this.policy.groupStopNeedsAccepted)) && verdict.groupId !== undefined && verdict.groupId === target.tx?.groupId;
      if ((sameGroup && this.policy.groupMayStop) || (verdict && this.policy.anyTokenMayStop)) { s.tx.requestStop(target, 'StopAuthorized', token); return; }
      s.hardware(`card ${token.idToken} may not stop the transaction on EVSE ${target.ref.evseId}`);
      return;
    }
    const c = ref ? s.hw.connector(ref) : s.tx.freeConnector();
    if (!c || !s.tx.isFree(c)) { s.hardware(`no free connector for card ${token.idToken}`); return; }
    const verdict = await this.authorize(token);
    if (!verdict || (verdict.status !== 'Accepted' && this.policy.needsAcceptedToken)) { s.hardware(`card ${token.idToken} refused (${verdict?.status ?? 'no answer'})`); return; }
    // C16.FR.03, C12.FR.09: a master pass never starts a transaction.
    if (this.isMasterPass(verdict) && !this.policy.masterPassMayStart) { s.hardware(`card ${token.idToken} is a master pass: it starts no transaction`); return; }
    this.grant(c, { token, groupId: verdict.groupId, trigger: 'Authorized' });
  }

  /**
   * The verdict on a token: a local Accepted entry with LocalPreAuthorize (no Authorize sent),
   * else the CSMS (Authorize), else, offline, the local entry if LocalAuthorizeOffline, else an
   * unknown token only with AllowOfflineTxForUnknownId.
   */
  async authorize(token: Token): Promise<AuthInfo | undefined> {
    const { s } = this;
    const local = s.auth.lookup(token.idToken);
    const preAuthorize = { asSet: s.settings.bool('LocalPreAuthorize'), always: true, never: false }[this.policy.preAuthorize];
    // Part 2 §2.3.8: DisableRemoteAuthorization true: the list and cache decide, online or not; an unknown token is refused.
    if (s.version !== '1.6' && s.link.online && this.policy.honoursDisableRemoteAuthorization && s.settings.bool('AuthCtrlr.DisableRemoteAuthorization')) {
      if (local) s.hardware(`card ${token.idToken}: ${local.info.status} in the ${local.from}, no AuthorizeRequest (DisableRemoteAuthorization)`);
      return local?.info;
    }
    if (s.link.online) {
      if (local?.info.status === 'Accepted' && preAuthorize) { s.hardware(`card ${token.idToken} accepted from the ${local.from}`); return local.info; }
      // C10.FR.03, C14.FR.03: a locally known token that is not Accepted is checked with the CSMS, unless DisablePostAuthorize says not to.
      if (local && local.info.status !== 'Accepted') {
        const postAuthorizeOff = this.policy.honoursDisablePostAuthorize && s.settings.bool(`${local.from === 'cache' ? 'AuthCacheCtrlr' : 'LocalAuthListCtrlr'}.DisablePostAuthorize`);
        if (postAuthorizeOff || !this.policy.asksAboutLocalRejection) return local.info;
      }
      const reply = await s.send('Authorize', s.dialect.authorizeRequest(token));
      const info = s.dialect.authInfo(reply);
      if (info) s.auth.remember(token.idToken, info);
      return info;
    }
    if (local) {
      if (!s.settings.bool('LocalAuthorizeOffline') || !this.policy.authorizesOffline) return undefined;
      // C13.FR.02, 1.6 §3.5.4: offline only an Accepted entry authorizes.
      return local.info.status !== 'Accepted' && !this.policy.offlineNeedsAccepted ? { ...local.info, status: 'Accepted' } : local.info;
    }
    return s.settings.bool('AllowOfflineTxForUnknownId') ? { status: 'Accepted' } : undefined;
  }

  /**
   * StopTxOnInvalidId false and the token of a running transaction not Accepted (C15.FR.06/07): true
   * while MaxEnergyOnInvalidId allows more energy; `suspend` is called once it has been delivered.
   */
  energyOnInvalid(c: ConnectorState, tx: NonNullable<ConnectorState['tx']>, suspend: () => void): boolean {
    const { s } = this;
    const max = s.settings.int('TxCtrlr.MaxEnergyOnInvalidId');
    if (s.version === '1.6' || max <= 0 || !this.policy.honoursMaxEnergyOnInvalidId) return false;
    const from = s.meterWh(c);
    const watch = (): void => {
      if (c.tx !== tx || tx.stopped || !tx.charging) return;
      if (s.meterWh(c) - from >= max) { s.hardware(`MaxEnergyOnInvalidId (${max} Wh) delivered on EVSE ${c.ref.evseId}`); suspend(); return; }
      s.after(1, watch);
    };
    s.after(1, watch);
    return true;
  }

  /** C16.FR.01: the master pass UI lists the ongoing transactions until the user selects some, or gives up (back to normal operation, C16 error handling). */
  private showMasterPassUi(token: Token): void {
    const { s } = this;
    if (this.masterPassShown) s.cancel(this.masterPassShown.timer);
    const shown = { token, timer: s.after(60, () => { if (this.masterPassShown === shown) { this.masterPassShown = undefined; s.hardware('master pass UI: nothing selected, back to normal operation'); } }) };
    this.masterPassShown = shown;
    s.hardware(`master pass ${token.idToken}: the UI shows the ongoing transactions to stop`);
  }

  /** The user selects transactions on the master pass UI: each selected one stops (stoppedReason MasterPass, C16 scenario 6a). */
  selectTransactions(refs: ConnectorRef[]): void {
    const { s } = this;
    const shown = this.masterPassShown;
    const names = refs.map((r) => `EVSE ${r.evseId} connector ${r.connectorId}`).join(', ');
    if (!shown) { s.hardware(`${names} selected, but no master pass UI is shown`); return; }
    s.cancel(shown.timer);
    this.masterPassShown = undefined;
    s.hardware(`master pass UI: ${names} selected`);
    if (!this.policy.uiActsOnSelection) return;
    const selected = (c: ConnectorState): boolean => !this.policy.uiStopsSelectedOnly || refs.some((r) => r.evseId === c.ref.evseId && r.connectorId === c.ref.connectorId);
    for (const c of s.connectors.filter((x) => x.tx?.token && !x.tx.stopped && selected(x))) s.tx.requestStop(c, 'StopAuthorized', shown.token, 'MasterPass');
  }

  /** The verdict puts the token in the master pass group (AuthCtrlr.MasterPassGroupId, C16). */
  private isMasterPass(verdict: AuthInfo | undefined): boolean {
    const group = this.s.settings.get('AuthCtrlr.MasterPassGroupId')?.value;
    return !!group && verdict?.status === 'Accepted' && verdict.groupId === group;
  }

  /** Authorized on `c`: start when the cable is in; give up after ConnectionTimeOut (1.6 §9.1, TxCtrlr.EVConnectionTimeOut). */
  grant(c: ConnectorState, auth: NonNullable<ConnectorState['authorized']>): void {
    const { s } = this;
    c.authorized = auth;
    if (!c.plugged && this.policy.honoursConnectionTimeOut) {
      auth.timer = s.after(s.settings.int('ConnectionTimeOut'), () => {
        if (c.authorized !== auth) return;
        c.authorized = undefined;
        s.hardware(`no cable within ConnectionTimeOut: authorization on EVSE ${c.ref.evseId} dropped`);
        void s.status.refresh();
      });
    }
    void s.tx.settle(c);
  }
}
