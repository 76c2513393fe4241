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

/** One property of a user; a switch rather than a table of closures, because a page maps 999 users. */
function userField(tenant: EntraTenantState, person: SandboxPerson, name: UserFieldName): GraphValue {
  switch (name) {
    case "id":
      return tenant.userId(person.index);
    case "displayName":
      return person.displayName;
    case "givenName":
      return person.givenName;
    case "surname":
      return person.surname;
    case "userPrincipalName":
      return tenant.userPrincipalName(person);
    case "mail":
      return person.hasMail ? tenant.userPrincipalName(person) : null;
    case "mobilePhone":
      return person.mobilePhone;
    case "businessPhones":
      return person.businessPhone ? [person.businessPhone] : [];
    case "jobTitle":
      return person.jobTitle;
    case "officeLocation":
    case "preferredLanguage":
      return null;
    case "accountEnabled":
      // Entra has one switch: suspended and disabled people both have sign-in blocked. Lockout is not in Graph.
      return person.lifecycle !== "disabled" && person.lifecycle !== "suspended";
    case "employeeId":
      return person.employeeId;
    case "department":
      return person.department;
    case "streetAddress":
      return person.streetAddress;
    case "city":
      return person.city;
    case "state":
      return person.state;
    case "postalCode":
      return person.postalCode;
    case "country":
      return person.country;
    case "usageLocation":
      return person.countryCode;
    case "birthday":
      // Graph answers an unset birthday with the DateTimeOffset minimum rather than null (inferred from
      // tenants seen in the field): adapters must treat year 0001 as "not filled in".
      return person.birthday ? `${person.birthday}T00:00:00Z` : "0001-01-01T00:00:00Z";
  }
}

/** A Graph user object with the requested properties (defaults when `select` is null), in Graph's key order. */
export function mapPersonToGraphUser(tenant: EntraTenantState, person: SandboxPerson, select: readonly string[] | null): Record<string, GraphValue> {
  const names = select ?? DEFAULT_USER_FIELDS;
  const user: Record<string, GraphValue> = {};
  // Only what was asked for: an adapter that forgets to select `id` should find out here, not in production.
  for (const name of names) if (isUserField(name)) user[name] = userField(tenant, person, name);
  return user;
}
