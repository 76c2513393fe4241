import { generatePerson, type SandboxPerson } from "@/lib/sandbox/shared/generate-person";
import { indexFromUserId, seededGuid, tenantDomainFor, userIdFor } from "@/lib/sandbox/entra/entra-ids";
import { type AppRegistration, createDefaultApp } from "@/lib/sandbox/entra/tenant-apps";

/** Profile fields a test or demo may change; the login (and so the UPN) stays, because lookups rely on it. */
export type PersonPatch = Partial<Omit<SandboxPerson, "index" | "loginLocalPart">>;

export const METHOD_TYPES = ["microsoftAuthenticator", "phone", "softwareOath", "fido2", "email"] as const;
export type MethodType = (typeof METHOD_TYPES)[number];

export type TemporaryAccessPass = {
  id: string;
  temporaryAccessPass: string;
  createdDateTime: string;
  startDateTime: string;
  lifetimeInMinutes: number;
  isUsableOnce: boolean;
};

/** Everything that happened to one user on top of what the generator says. */
export type UserOverlay = {
  patch: PersonPatch;
  /** "soft" = in the recycle bin (delta reason "changed"), "permanent" = gone (reason "deleted"). */
  deleted: "soft" | "permanent" | null;
  removedFromGroup: boolean;
  password: { setAt: string; forceChangePasswordNextSignIn: boolean } | null;
  removedMethods: Array<{ type: MethodType; id: string; removedAt: string }>;
  sessionsRevokedAt: string | null;
  temporaryAccessPass: TemporaryAccessPass | null;
};

/** One entry of the change feed that delta queries replay. `seq` grows by one per change. */
export type ChangeEntry =
  | { seq: number; kind: "user"; index: number }
  | { seq: number; kind: "membership"; index: number; groupId: string; removed: boolean };

export type SandboxEvent = { sequence: number; at: string; type: string; detail: Record<string, string | number | boolean | null> };

export type ConsentRefusalCode = "access_denied" | "consent_required" | "permission_denied";

const MAX_EVENTS = 10_000;

/**
 * The mutable state of one sandbox tenant. Users are never materialised as a list: person i is
 * `generatePerson(seed, i)` merged with its overlay, so reads stay O(page) at 100 000 users and a reset is
 * just dropping the overlays. Generated people and their ids are memoised once computed (both are pure in
 * (seed, index), so nothing ever invalidates them): generating and hashing cost more than serving a page, and a
 * real tenant's page cost does not depend on how often it has been read.
 */
export class EntraTenantState {
  readonly seed: string;
  readonly baseUserCount: number;
  readonly tenantId: string;
  readonly tenantDomain: string;
  readonly employeeGroupId: string;
  /** A sub-group nested in the employee group: people with `viaNestedGroup` are its members. */
  readonly nestedGroupId: string;
  addedUserCount = 0;
  /** Bumped by reset so that delta tokens from before it answer 410 (resync), as after a Graph sync-state loss. */
  generation = 1;
  changeSeq = 0;
  changes: ChangeEntry[] = [];
  events: SandboxEvent[] = [];
  private eventSequence = 0;
  overlays = new Map<number, UserOverlay>();
  apps = new Map<string, AppRegistration>();
  consentRefusalCode: ConsentRefusalCode = "access_denied";
  private readonly generated = new Map<number, SandboxPerson>();
  private readonly userIds = new Map<number, string>();

  constructor(options: { seed: string; userCount: number }) {
    this.seed = options.seed;
    this.baseUserCount = options.userCount;
    this.tenantId = seededGuid(options.seed, "tenant");
    this.tenantDomain = tenantDomainFor(options.seed);
    this.employeeGroupId = seededGuid(options.seed, "group:employees");
    this.nestedGroupId = seededGuid(options.seed, "group:nested");
    this.reset();
  }

  reset(): void {
    this.addedUserCount = 0;
    this.generation += 1;
    this.changeSeq = 0;
    this.changes = [];
    this.events = [];
    this.eventSequence = 0;
    this.overlays = new Map();
    const app = createDefaultApp(this.seed);
    this.apps = new Map([[app.clientId, app]]);
    this.consentRefusalCode = "access_denied";
  }

  /** Upper bound (exclusive) of user indexes: seeded users plus those added at run time. */
  get indexLimit(): number {
    return this.baseUserCount + this.addedUserCount;
  }

  /** The person at `index` with its profile patch applied, deleted or not; null outside the tenant. */
  personAt(index: number): SandboxPerson | null {
    if (!Number.isInteger(index) || index < 0 || index >= this.indexLimit) return null;
    let person = this.generated.get(index);
    if (!person) {
      person = generatePerson(this.seed, index);
      this.generated.set(index, person);
    }
    const patch = this.overlays.get(index)?.patch;
    return patch ? { ...person, ...patch } : person;
  }

  isDeleted(index: number): boolean {
    return (this.overlays.get(index)?.deleted ?? null) !== null;
  }

  overlay(index: number): UserOverlay {
    let overlay = this.overlays.get(index);
    if (!overlay) {
      overlay = { patch: {}, deleted: null, removedFromGroup: false, password: null, removedMethods: [], sessionsRevokedAt: null, temporaryAccessPass: null };
      this.overlays.set(index, overlay);
    }
    return overlay;
  }

  userId(index: number): string {
    let id = this.userIds.get(index);
    if (id === undefined) {
      id = userIdFor(this.seed, index);
      this.userIds.set(index, id);
    }
    return id;
  }

  /** Generates every seeded person and id up front, so that the first pass costs what later ones do (benchmarks). */
  warmUp(): void {
    for (let index = 0; index < this.indexLimit; index += 1) {
      this.personAt(index);
      this.userId(index);
    }
  }

  userPrincipalName(person: SandboxPerson): string {
    return `${person.loginLocalPart}@${this.tenantDomain}`;
  }

  /** Resolves an object id or a UPN (Graph accepts both in /users/{id}) to a live user's index. */
  findUserIndex(idOrUpn: string): number | null {
    const index = idOrUpn.includes("@") ? this.indexFromUpn(idOrUpn) : indexFromUserId(this.seed, idOrUpn);
    if (index === null || this.personAt(index) === null || this.isDeleted(index)) return null;
    return index;
  }

  private indexFromUpn(upn: string): number | null {
    const [local = "", domain = ""] = upn.toLowerCase().split("@");
    const digits = /(\d+)$/.exec(local)?.[1];
    if (domain !== this.tenantDomain || !digits) return null;
    const index = Number(digits);
    return this.personAt(index)?.loginLocalPart === local ? index : null;
  }

  /** Which group makes the person an employee: direct member, member of the nested group, or none. */
  membership(index: number): "direct" | "nested" | null {
    const person = this.personAt(index);
    const overlay = this.overlays.get(index);
    if (!person || overlay?.deleted || overlay?.removedFromGroup) return null;
    return person.viaNestedGroup ? "nested" : "direct";
  }

  recordUserChange(index: number): void {
    this.changeSeq += 1;
    this.changes.push({ seq: this.changeSeq, kind: "user", index });
  }

  recordMembershipChange(index: number, groupId: string, removed: boolean): void {
    this.changeSeq += 1;
    this.changes.push({ seq: this.changeSeq, kind: "membership", index, groupId, removed });
  }

  /** Appends to the observable event log (oldest dropped past 10 000). Never holds passwords or secrets. */
  logEvent(type: string, detail: SandboxEvent["detail"] = {}): void {
    this.eventSequence += 1;
    this.events.push({ sequence: this.eventSequence, at: new Date().toISOString(), type, detail });
    if (this.events.length > MAX_EVENTS) this.events.splice(0, this.events.length - MAX_EVENTS);
  }

  /** Looks an app up by client id (case-insensitive, as Entra compares GUIDs). */
  findApp(clientId: string): AppRegistration | undefined {
    return this.apps.get(clientId.toLowerCase());
  }

  /** Whether `tenant` in a URL names this tenant (its GUID or its domain). */
  isThisTenant(tenant: string): boolean {
    const lower = tenant.toLowerCase();
    return lower === this.tenantId || lower === this.tenantDomain;
  }
}
