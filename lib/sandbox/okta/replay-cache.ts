/**
 * Remembers one-time identifiers (`jti` of client assertions and DPoP proofs) until they could no longer be
 * accepted anyway, so memory stays bounded by the acceptance window rather than by the number of requests.
 */
export class ReplayCache {
  private seen = new Map<string, number>();

  /** Records `id` until `expiresAtMs`; false when it was already used (a replay). */
  use(id: string, expiresAtMs: number, nowMs = Date.now()): boolean {
    this.purge(nowMs);
    if (this.seen.has(id)) return false;
    this.seen.set(id, expiresAtMs);
    return true;
  }

  has(id: string, nowMs = Date.now()): boolean {
    const expiresAt = this.seen.get(id);
    return expiresAt !== undefined && expiresAt > nowMs;
  }

  clear(): void {
    this.seen.clear();
  }

  private purge(nowMs: number): void {
    // Map iteration follows insertion order, which is close to expiry order: stop at the first live entry.
    for (const [id, expiresAt] of this.seen) {
      if (expiresAt > nowMs) break;
      this.seen.delete(id);
    }
  }
}
