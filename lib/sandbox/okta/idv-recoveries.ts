import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { createRemoteJWKSet, type JWTVerifyGetKey } from "jose";
import type { IdvProviderConfig } from "@/lib/sandbox/okta/idv-provider-config";

/** The two Account Management Policy actions that Okta gates behind identity verification. */
export const IDV_ACTIONS = ["PASSWORD_RECOVERY", "AUTHENTICATOR_RESET"] as const;
export type IdvAction = (typeof IDV_ACTIONS)[number];

/** One browser's trip to the IDV vendor, from the pushed request to the callback. */
export type IdvTransaction = {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The cookie value that ties the callback to the browser that started the trip. */
  browserBinding: string;
  /** As typed; the vendor gets it as `login_hint`. */
  login: string;
  /** Null when the login matched nobody: the flow goes on so the page does not reveal who has an account. */
  userId: string | null;
  action: IdvAction;
  expiresAt: number;
};

/** A verified password recovery waiting for the new password (the callback's page posts it back). */
export type PendingPasswordReset = { token: string; browserBinding: string; recordId: string; userId: string; expiresAt: number };

export type IdvVerificationSummary = { trust_framework: string; assurance_level?: string; time?: string };

export type IdvRecoveryRecord = {
  id: string;
  userId: string | null;
  login: string;
  action: IdvAction;
  outcome: "AUTHORISED" | "REFUSED" | "COMPLETED";
  /** Machine reason of a refusal (`profile_mismatch`, `nonce_mismatch`, an OAuth error code ...); null otherwise. */
  reason: string | null;
  at: string;
  completedAt?: string;
  verification?: IdvVerificationSummary;
  /** Names of the verified claims the vendor returned; their values are not kept. */
  claimNames?: string[];
};

/** Okta gives a recovery 30 minutes; a document-and-selfie verification can take several of them. */
export const IDV_TRANSACTION_LIFETIME_MS = 30 * 60_000;
/** Time to type the new password once the identity is verified. */
export const PASSWORD_RESET_LIFETIME_MS = 10 * 60_000;
/** Anyone may start a recovery; a bound on what they leave in memory keeps a loop of POSTs harmless. */
const MAX_LIVE_ENTRIES = 10_000;
const MAX_RECORDS = 1_000;

const randomSecret = () => randomBytes(32).toString("base64url");

/** Constant-time equality of two secrets of any length (hashing first equalises the lengths). */
export function sameSecret(a: string, b: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(a), digest(b));
}

function bounded<Value>(entries: Map<string, Value>): void {
  // Maps iterate in insertion order, so the first key is the oldest entry.
  while (entries.size > MAX_LIVE_ENTRIES) {
    const oldest = entries.keys().next();
    if (oldest.done) return;
    entries.delete(oldest.value);
  }
}

/**
 * The org's identity verification provider and what its flows leave behind: live transactions, verified
 * password recoveries awaiting a password, and the records an admin reads. In memory, like the directory.
 */
export class IdvRecoveries {
  private config: IdvProviderConfig | null = null;
  private keySet: { url: string; get: JWTVerifyGetKey } | null = null;
  private transactions = new Map<string, IdvTransaction>();
  private pendingResets = new Map<string, PendingPasswordReset>();
  private records: IdvRecoveryRecord[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  get provider(): IdvProviderConfig | null {
    return this.config;
  }

  configureProvider(config: IdvProviderConfig): void {
    this.config = config;
    // New settings may name the same JWKS URL for a vendor that rotated its keys: fetch them afresh.
    this.keySet = null;
  }

  removeProvider(): void {
    this.config = null;
    this.keySet = null;
  }

  /** The vendor's JWKS, fetched when a token names an unknown kid and cached per URL (jose's cooldown applies). */
  verificationKeys(jwksUrl: string): JWTVerifyGetKey {
    if (this.keySet?.url !== jwksUrl) this.keySet = { url: jwksUrl, get: createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 10_000 }) };
    return this.keySet.get;
  }

  begin(input: { login: string; userId: string | null; action: IdvAction }): IdvTransaction {
    this.purgeExpired();
    const transaction: IdvTransaction = {
      ...input,
      state: randomSecret(),
      nonce: randomSecret(),
      codeVerifier: randomSecret(),
      browserBinding: randomSecret(),
      expiresAt: this.now() + IDV_TRANSACTION_LIFETIME_MS,
    };
    this.transactions.set(transaction.state, transaction);
    bounded(this.transactions);
    return transaction;
  }

  /** The live transaction named by `state`, left in place (a callback from the wrong browser must not spend it). */
  findTransaction(state: string): IdvTransaction | undefined {
    const transaction = this.transactions.get(state);
    if (!transaction || transaction.expiresAt <= this.now()) return undefined;
    return transaction;
  }

  /** Removes a transaction: it is single-use, and a failed push must leave nothing usable behind. */
  endTransaction(state: string): void {
    this.transactions.delete(state);
  }

  awaitPassword(input: { browserBinding: string; recordId: string; userId: string }): PendingPasswordReset {
    const pending = { ...input, token: randomSecret(), expiresAt: this.now() + PASSWORD_RESET_LIFETIME_MS };
    this.pendingResets.set(pending.token, pending);
    bounded(this.pendingResets);
    return pending;
  }

  findPendingReset(token: string): PendingPasswordReset | undefined {
    const pending = this.pendingResets.get(token);
    if (!pending || pending.expiresAt <= this.now()) return undefined;
    return pending;
  }

  endPendingReset(token: string): void {
    this.pendingResets.delete(token);
  }

  record(entry: Omit<IdvRecoveryRecord, "id" | "at">): IdvRecoveryRecord {
    const record: IdvRecoveryRecord = { id: randomUUID(), at: new Date(this.now()).toISOString(), ...entry };
    this.records.push(record);
    if (this.records.length > MAX_RECORDS) this.records.splice(0, this.records.length - MAX_RECORDS);
    return record;
  }

  complete(recordId: string): void {
    const record = this.records.find((candidate) => candidate.id === recordId);
    if (!record || record.outcome !== "AUTHORISED") return;
    record.outcome = "COMPLETED";
    record.completedAt = new Date(this.now()).toISOString();
  }

  /** Newest first; copies, so a caller cannot edit the log. */
  list(): IdvRecoveryRecord[] {
    return this.records.map((record) => structuredClone(record)).reverse();
  }

  /** Forgets flows and records; the provider stays configured, as registered service-app keys do. */
  reset(): void {
    this.transactions.clear();
    this.pendingResets.clear();
    this.records = [];
  }

  private purgeExpired(): void {
    const now = this.now();
    for (const [state, transaction] of this.transactions) if (transaction.expiresAt <= now) this.transactions.delete(state);
    for (const [token, pending] of this.pendingResets) if (pending.expiresAt <= now) this.pendingResets.delete(token);
  }
}
