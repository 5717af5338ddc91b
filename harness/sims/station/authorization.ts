/**
 * The station's local authorization data: the Local Authorization List (1.6 §3.5, 2.0.1 C13,
 * C14, D01, D02) and the Authorization Cache (1.6 §3.5, 2.0.1 C10, C11, C12). Both survive a
 * reboot. Whether each is used is decided by the settings the station reads on every lookup.
 */
export interface Token { idToken: string; type: string }
/** A verdict on a token, version-neutral: 1.6 idTagInfo, 2.0.1 idTokenInfo. */
export interface AuthInfo { status: string; groupId?: string; expiry?: string }

export type ListUpdateStatus = 'Accepted' | 'Failed' | 'VersionMismatch' | 'NotSupported';

export class LocalAuthData {
  private readonly list = new Map<string, AuthInfo>();
  private version = 0;
  private readonly cache = new Map<string, AuthInfo>();

  constructor(private readonly options: {
    listEnabled: () => boolean; cacheEnabled: () => boolean; has: (fault: string) => boolean;
  }) {}

  /** List first (it wins over the cache: 2.0.1 C13/C14, OCTT TC_C_25_CS), then a cache entry that has not expired. */
  lookup(id: string): { info: AuthInfo; from: 'list' | 'cache' } | undefined {
    if (this.options.listEnabled() && !this.options.has('auth.ignoresLocalList')) {
      const entry = this.list.get(id);
      if (entry) return { info: entry, from: 'list' };
    }
    if (this.options.cacheEnabled()) {
      const entry = this.cache.get(id);
      if (entry && !(entry.expiry && Date.parse(entry.expiry) < Date.now())) return { info: entry, from: 'cache' };
    }
    return undefined;
  }

  /** Stores what the CSMS said about a token (Authorize, StartTransaction / TransactionEvent replies). */
  remember(id: string, info: AuthInfo): void {
    if (this.options.cacheEnabled()) this.cache.set(id, info);
  }

  clearCache(): 'Accepted' | 'Rejected' {
    if (!this.options.cacheEnabled() && !this.options.has('auth.clearCacheWhenDisabled')) return 'Rejected';
    if (!this.options.has('auth.cacheNotCleared')) this.cache.clear();
    return 'Accepted';
  }

  /** SendLocalList (1.6 §5.15, 2.0.1 D01): Full replaces, Differential adds/updates/removes (an entry without info). */
  update(version: number, updateType: string, entries: { id: string; info?: AuthInfo }[]): ListUpdateStatus {
    if (!this.options.listEnabled()) return 'NotSupported';
    if (updateType === 'Differential' && version <= this.version && !this.options.has('localList.ignoresVersion')) return 'VersionMismatch';
    if (updateType === 'Full' && !(entries.length === 0 && this.options.has('localList.fullEmptyKeepsEntries'))) this.list.clear();
    for (const e of entries) {
      if (e.info) this.list.set(e.id, e.info); else this.list.delete(e.id);
    }
    this.version = version;
    return 'Accepted';
  }

  /** The version of the last update applied (0: none yet; 2.0.1 D02.FR.02 keeps it when the list was emptied). */
  get listVersion(): number { return this.version; }
  get listSize(): number { return this.list.size; }
}
