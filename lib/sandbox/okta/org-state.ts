import { generatePerson, type MfaKind } from "@/lib/sandbox/shared/generate-person";
import { decodeOktaId, oktaId, oktaKeyedId } from "@/lib/sandbox/okta/okta-ids";
import { renderOktaUser, seedDates, seedProfile, type OktaUserRecord } from "@/lib/sandbox/okta/map-person-to-okta-user";
import { passwordMatchesHash } from "@/lib/sandbox/okta/password-hash";
import { emptyObservedUserState, type ObservedUserState } from "@/lib/sandbox/okta/observed-user-state";
import { SystemLog } from "@/lib/sandbox/okta/system-log";
import { logActor, oktaTypeForSandboxEvent, userTarget } from "@/lib/sandbox/okta/system-log-events";
import {
  FACTOR_FOR_MFA,
  ROLE_FOR_PRIVILEGE,
  STATUS_FOR_LIFECYCLE,
  type OktaAdminRole,
  type OktaProfile,
  type OktaUserStatus,
} from "@/lib/sandbox/okta/okta-model";

/** Changes to one user on top of the seeded person; absent fields mean "as seeded". */
type UserOverlay = {
  profile: Partial<OktaProfile>;
  status?: OktaUserStatus;
  statusChanged?: string;
  lastUpdated?: string;
  passwordChanged?: string;
  /** Set only by a self-service password recovery (scrypt, see password-hash.ts); seeded users have none. */
  passwordHash?: string;
  mfa?: MfaKind[];
  roles?: OktaAdminRole[];
  observed: ObservedUserState;
};

export type SandboxEvent = {
  sequence: number;
  at: string;
  type: string;
  /** Okta user id; never names or other profile data, so the log can be shown and exported freely. */
  userId: string | null;
  actor: string;
  detail: Record<string, string | number | boolean | null>;
};

/** What a seeded user always is, whatever changed since: computed once per user, then kept. */
type SeededUser = {
  person: ReturnType<typeof generatePerson>;
  id: string;
  status: OktaUserStatus;
  dates: ReturnType<typeof seedDates>;
  factorIds: Map<MfaKind, string>;
  /** The user as UTF-8 JSON while nothing has changed it (a changed user has an overlay and is rendered afresh). */
  json?: { orgUrl: string; bytes: Buffer };
};

/**
 * The sandbox org's directory: `userCount` seeded employees (computed on first use by `generatePerson`, then
 * kept, as the Graph sandbox keeps its people and as a real org serves stored users: regenerating every user of
 * every page cost the sandbox 5.7 s of CPU per 100 000-user sync, on the cores the sync itself runs on), users
 * added later, and every change kept as an overlay keyed by index.
 */
export class OktaOrgState {
  readonly groupId: string;
  private addedCount = 0;
  private overlays = new Map<number, UserOverlay>();
  private removedFromGroup = new Set<number>();
  /** Users deleted from the org (`user.lifecycle.delete.initiated`): gone from every API, ids never reused. */
  private deleted = new Set<number>();
  /** Logins changed through PATCH, lower-cased, so lookups by login stay O(1). */
  private changedLogins = new Map<string, number>();
  private events: SandboxEvent[] = [];
  private seededUsers = new Map<number, SeededUser>();
  /** What `GET /api/v1/logs` serves: Okta-typed events, fed by `recordEvent` and by the admin routes. */
  readonly systemLog = new SystemLog();

  constructor(
    readonly seed: string,
    readonly seededCount: number,
    readonly emailDomain: string,
  ) {
    this.groupId = oktaId("00g", seed, 0);
  }

  get userCount(): number {
    return this.seededCount + this.addedCount;
  }

  reset(): void {
    this.addedCount = 0;
    this.overlays.clear();
    this.removedFromGroup.clear();
    this.deleted.clear();
    this.changedLogins.clear();
    this.events = [];
    this.systemLog.reset();
  }

  userId(index: number): string {
    return this.seededUsers.get(index)?.id ?? oktaId("00u", this.seed, index);
  }

  /**
   * Computes every seeded user now, and its JSON for `orgUrl` when given (the bench: so that no pass pays for it
   * and the next does not).
   */
  warmUp(orgUrl?: string): void {
    for (let index = 0; index < this.userCount; index += 1) {
      if (orgUrl) this.userJson(index, orgUrl);
      else this.seededUser(index);
    }
  }

  private seededUser(index: number): SeededUser {
    let seeded = this.seededUsers.get(index);
    if (!seeded) {
      const person = generatePerson(this.seed, index);
      const status = STATUS_FOR_LIFECYCLE[person.lifecycle];
      seeded = { person, id: oktaId("00u", this.seed, index), status, dates: seedDates(this.seed, index, status), factorIds: new Map() };
      this.seededUsers.set(index, seeded);
    }
    return seeded;
  }

  private factorId(seeded: SeededUser, index: number, kind: MfaKind): string {
    let id = seeded.factorIds.get(kind);
    if (!id) {
      id = oktaKeyedId(FACTOR_FOR_MFA[kind].idPrefix, this.seed, `${index}:${kind}`);
      seeded.factorIds.set(kind, id);
    }
    return id;
  }

  /**
   * The user as Okta's API renders it, as UTF-8 JSON; kept for users nothing has changed (most of a big org).
   * Bytes, not text: a page joined as text is one two-byte string as soon as one name is outside Latin-1, and
   * encoding that took 26 ms a page, more than everything else the sandbox does for it.
   */
  userJson(index: number, orgUrl: string): Buffer | undefined {
    if (!this.exists(index)) return undefined;
    const seeded = this.overlays.has(index) ? null : this.seededUser(index);
    if (seeded?.json?.orgUrl === orgUrl) return seeded.json.bytes;
    const record = this.record(index);
    if (!record) return undefined;
    const bytes = Buffer.from(JSON.stringify(renderOktaUser(record, orgUrl)));
    if (seeded) seeded.json = { orgUrl, bytes };
    return bytes;
  }

  private exists(index: number): boolean {
    return Number.isInteger(index) && index >= 0 && index < this.userCount && !this.deleted.has(index);
  }

  record(index: number): OktaUserRecord | undefined {
    if (!this.exists(index)) return undefined;
    const seeded = this.seededUser(index);
    const { person, id, dates } = seeded;
    const overlay = this.overlays.get(index);
    const status = overlay?.status ?? seeded.status;
    const seededRole = ROLE_FOR_PRIVILEGE[person.privilege];
    const mfa = overlay?.mfa ?? person.mfa;
    return {
      index,
      id,
      person,
      status,
      profile: { ...seedProfile(person, this.emailDomain), ...overlay?.profile },
      factors: mfa.map((kind) => ({ id: this.factorId(seeded, index, kind), kind })),
      roles: overlay?.roles ?? (seededRole ? [seededRole] : []),
      inGroup: !this.removedFromGroup.has(index),
      dates: {
        ...dates,
        statusChanged: overlay?.statusChanged ?? dates.statusChanged,
        lastUpdated: overlay?.lastUpdated ?? dates.lastUpdated,
        passwordChanged: overlay?.passwordChanged ?? dates.passwordChanged,
      },
      observed: overlay?.observed ?? emptyObservedUserState(),
    };
  }

  /** A user by Okta id or login (case-insensitive), as `GET /api/v1/users/{id}` accepts both. */
  findUser(idOrLogin: string): OktaUserRecord | undefined {
    const byId = decodeOktaId("00u", this.seed, idOrLogin);
    if (byId !== undefined) return this.record(byId);
    const login = idOrLogin.toLowerCase();
    const changed = this.changedLogins.get(login);
    // Seeded logins end with the person's index ("ana.silva42@..."), which makes the lookup O(1).
    const digits = /(\d+)@/.exec(login)?.[1];
    const candidate = changed ?? (digits === undefined ? undefined : Number(digits));
    if (candidate === undefined) return undefined;
    const record = this.record(candidate);
    return record && record.profile.login.toLowerCase() === login ? record : undefined;
  }

  /** Applies a change to a user's overlay and stamps `lastUpdated`. */
  update(index: number, change: (overlay: UserOverlay) => void, at: string): void {
    const overlay = this.overlays.get(index) ?? { profile: {}, observed: emptyObservedUserState() };
    change(overlay);
    overlay.lastUpdated = at;
    if (overlay.profile.login !== undefined) this.changedLogins.set(overlay.profile.login.toLowerCase(), index);
    this.overlays.set(index, overlay);
  }

  setStatus(index: number, status: OktaUserStatus, at: string): void {
    this.update(index, (overlay) => {
      overlay.status = status;
      overlay.statusChanged = at;
    }, at);
  }

  /** Appends a user beyond the seeded range; its seeded person is the base that the overlay customises. */
  addUser(change: (overlay: UserOverlay) => void, at: string): number {
    const index = this.userCount;
    this.addedCount += 1;
    this.update(index, change, at);
    return index;
  }

  /** Whether `password` is the one a recovery set for this user (false when none was set). */
  async passwordMatches(index: number, password: string): Promise<boolean> {
    const stored = this.overlays.get(index)?.passwordHash;
    return stored !== undefined && passwordMatchesHash(password, stored);
  }

  removeFromGroup(index: number): void {
    this.removedFromGroup.add(index);
  }

  addToGroup(index: number): void {
    if (!this.deleted.has(index)) this.removedFromGroup.delete(index);
  }

  /** Deletes a user: it leaves the group and every lookup answers 404 from now on. */
  deleteUser(index: number): void {
    this.removedFromGroup.add(index);
    this.deleted.add(index);
  }

  /**
   * Up to `limit` group members with an index >= `fromIndex`, in index order, and whether more follow.
   * Cost is O(limit + removed members skipped), independent of the org size.
   */
  groupMembers(fromIndex: number, limit: number): { indices: number[]; hasMore: boolean } {
    const indices: number[] = [];
    let index = Math.max(0, fromIndex);
    for (; index < this.userCount && indices.length < limit; index += 1) {
      if (!this.removedFromGroup.has(index)) indices.push(index);
    }
    while (index < this.userCount && this.removedFromGroup.has(index)) index += 1;
    return { indices, hasMore: index < this.userCount };
  }

  decodeUserIndex(id: string): number | undefined {
    return decodeOktaId("00u", this.seed, id);
  }

  /** Records a change in the sandbox's audit and, under Okta's event type where it has one, in the System Log. */
  recordEvent(event: Omit<SandboxEvent, "sequence" | "at">, at: string): void {
    this.events.push({ sequence: this.events.length + 1, at, ...event });
    const okta = oktaTypeForSandboxEvent(event.type);
    if (!okta) return;
    const record = event.userId === null ? undefined : this.findUser(event.userId);
    this.systemLog.append({ ...okta, actor: logActor(event.actor, record, this.emailDomain), targets: record ? [userTarget(record)] : [] });
  }

  eventsSince(sequence: number): SandboxEvent[] {
    return this.events.slice(Math.max(0, sequence));
  }
}

export type { UserOverlay };
