import type { SandboxPerson } from "@/lib/sandbox/shared/generate-person";
import { SeededRandom } from "@/lib/sandbox/shared/seeded-random";
import type { OktaAdminRole, OktaProfile, OktaUserStatus } from "@/lib/sandbox/okta/okta-model";
import type { ObservedUserState } from "@/lib/sandbox/okta/observed-user-state";

/** Lifecycle timestamps of a user, ISO strings; null where Okta leaves them null (e.g. never activated). */
export type OktaUserDates = {
  created: string;
  activated: string | null;
  statusChanged: string | null;
  lastLogin: string | null;
  lastUpdated: string;
  passwordChanged: string | null;
};

/** Everything the sandbox knows about one user: the seeded person with the overlay of changes applied. */
export type OktaUserRecord = {
  index: number;
  id: string;
  person: SandboxPerson;
  status: OktaUserStatus;
  profile: OktaProfile;
  factors: Array<{ id: string; kind: SandboxPerson["mfa"][number] }>;
  roles: OktaAdminRole[];
  inGroup: boolean;
  dates: OktaUserDates;
  observed: ObservedUserState;
};

const DAY_MS = 86_400_000;
const ORG_CREATED = Date.UTC(2018, 0, 1);
/** Seeded dates end here so that a seed renders the same users whatever day the sandbox runs. */
const SEED_HORIZON = Date.UTC(2025, 5, 1);

/** The Okta base profile of a seeded person; the login is always present, the rest may be null. */
export function seedProfile(person: SandboxPerson, emailDomain: string): OktaProfile {
  const login = `${person.loginLocalPart}@${emailDomain}`;
  return {
    firstName: person.givenName,
    lastName: person.surname,
    displayName: person.displayName,
    email: person.hasMail ? login : null,
    login,
    mobilePhone: person.mobilePhone,
    primaryPhone: person.businessPhone,
    streetAddress: person.streetAddress,
    city: person.city,
    state: person.state,
    zipCode: person.postalCode,
    countryCode: person.countryCode,
    employeeNumber: person.employeeId,
    department: person.department,
    title: person.jobTitle,
  };
}

/** Deterministic timestamps for a seeded user (own random stream, so the person generator stays untouched). */
export function seedDates(seed: string, index: number, status: OktaUserStatus): OktaUserDates {
  const random = SeededRandom.forItem(`${seed}:okta-dates`, index);
  const created = ORG_CREATED + Math.floor(random.next() * (SEED_HORIZON - ORG_CREATED - 90 * DAY_MS));
  const iso = (ms: number) => new Date(ms).toISOString();
  if (status === "PROVISIONED" || status === "STAGED") {
    return { created: iso(created), activated: null, statusChanged: null, lastLogin: null, lastUpdated: iso(created), passwordChanged: null };
  }
  const activated = created + random.int(1, 48) * 3_600_000;
  const between = (from: number) => from + Math.floor(random.next() * (SEED_HORIZON - from));
  const passwordChanged = between(activated);
  const lastLogin = random.chance(0.05) ? null : between(activated);
  const statusChanged = status === "ACTIVE" ? activated : between(activated);
  const lastUpdated = Math.max(activated, passwordChanged, statusChanged);
  return {
    created: iso(created),
    activated: iso(activated),
    statusChanged: iso(statusChanged),
    lastLogin: lastLogin === null ? null : iso(lastLogin),
    lastUpdated: iso(lastUpdated),
    passwordChanged: iso(passwordChanged),
  };
}

/** The User object as Okta's Users API returns it; `_links.self.href` is always the id URL (SDK cache key). */
export function renderOktaUser(record: OktaUserRecord, orgUrl: string) {
  const self = `${orgUrl}/api/v1/users/${record.id}`;
  const hasPassword = record.status !== "PROVISIONED" && record.status !== "STAGED";
  const question = record.factors.some((factor) => factor.kind === "security_question");
  return {
    id: record.id,
    status: record.status,
    created: record.dates.created,
    activated: record.dates.activated,
    statusChanged: record.dates.statusChanged,
    lastLogin: record.dates.lastLogin,
    lastUpdated: record.dates.lastUpdated,
    passwordChanged: record.dates.passwordChanged,
    type: { id: "oty1sandboxdefault00" },
    profile: record.profile,
    credentials: {
      ...(hasPassword ? { password: {} } : {}),
      ...(question ? { recovery_question: { question: "What was the name of your first pet?" } } : {}),
      provider: { type: "OKTA", name: "OKTA" },
    },
    _links: {
      self: { href: self },
      ...lifecycleLinks(record.status, self),
    },
  };
}

function lifecycleLinks(status: OktaUserStatus, self: string): Record<string, { href: string; method: string }> {
  const link = (operation: string) => ({ href: `${self}/lifecycle/${operation}`, method: "POST" });
  if (status === "DEPROVISIONED") return { activate: link("activate") };
  if (status === "PROVISIONED") return { reactivate: link("reactivate"), deactivate: link("deactivate") };
  const links: Record<string, { href: string; method: string }> = {
    resetPassword: link("reset_password"),
    expirePassword: link("expire_password"),
    resetFactors: link("reset_factors"),
    deactivate: link("deactivate"),
  };
  if (status === "LOCKED_OUT") links.unlock = link("unlock");
  if (status === "SUSPENDED") links.unsuspend = link("unsuspend");
  else links.suspend = link("suspend");
  return links;
}
