import type { SandboxPerson } from "@/lib/sandbox/shared/generate-person";
import type { EntraTenantState } from "@/lib/sandbox/entra/tenant-state";

type GraphValue = string | number | boolean | null | string[];

/** Properties Graph returns for a user when the request has no `$select`. */
export const DEFAULT_USER_FIELDS = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
] as const;

/** Graph only serves `birthday` (and a few other SharePoint-backed fields) on a single-user GET. */
export const SINGLE_USER_ONLY_FIELDS = new Set(["birthday"]);

export const USER_FIELD_NAMES = [
  ...DEFAULT_USER_FIELDS,
  "accountEnabled",
  "employeeId",
  "department",
  "streetAddress",
  "city",
  "state",
  "postalCode",
  "country",
  "usageLocation",
  "birthday",
] as const;
type UserFieldName = (typeof USER_FIELD_NAMES)[number];

export const KNOWN_USER_FIELDS: ReadonlySet<string> = new Set(USER_FIELD_NAMES);

function isUserField(name: string): name is UserFieldName {
  return KNOWN_USER_FIELDS.has(name);
}

function userFields(tenant: EntraTenantState, person: SandboxPerson): Record<UserFieldName, () => GraphValue> {
  const upn = tenant.userPrincipalName(person);
  return {
    id: () => tenant.userId(person.index),
    displayName: () => person.displayName,
    givenName: () => person.givenName,
    surname: () => person.surname,
    userPrincipalName: () => upn,
    mail: () => (person.hasMail ? upn : null),
    mobilePhone: () => person.mobilePhone,
    businessPhones: () => (person.businessPhone ? [person.businessPhone] : []),
    jobTitle: () => person.jobTitle,
    officeLocation: () => null,
    preferredLanguage: () => null,
    // Entra has one switch: suspended and disabled people both have sign-in blocked. Lockout is not in Graph.
    accountEnabled: () => person.lifecycle !== "disabled" && person.lifecycle !== "suspended",
    employeeId: () => person.employeeId,
    department: () => person.department,
    streetAddress: () => person.streetAddress,
    city: () => person.city,
    state: () => person.state,
    postalCode: () => person.postalCode,
    country: () => person.country,
    usageLocation: () => person.countryCode,
    // Graph answers an unset birthday with the DateTimeOffset minimum rather than null (inferred from
    // tenants seen in the field): adapters must treat year 0001 as "not filled in".
    birthday: () => (person.birthday ? `${person.birthday}T00:00:00Z` : "0001-01-01T00:00:00Z"),
  };
}

/** A Graph user object with the requested properties (defaults when `select` is null), in Graph's key order. */
export function mapPersonToGraphUser(tenant: EntraTenantState, person: SandboxPerson, select: readonly string[] | null): Record<string, GraphValue> {
  const fields = userFields(tenant, person);
  const names = select ?? DEFAULT_USER_FIELDS;
  const user: Record<string, GraphValue> = {};
  // Only what was asked for: an adapter that forgets to select `id` should find out here, not in production.
  for (const name of names) if (isUserField(name)) user[name] = fields[name]();
  return user;
}
