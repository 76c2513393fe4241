import { COUNTRY_PROFILES, pickCountry } from "@/lib/sandbox/shared/country-profiles";
import { SeededRandom } from "@/lib/sandbox/shared/seeded-random";

/** Account states, provider-neutral; each sandbox maps them to its own (Entra accountEnabled, Okta status). */
export const LIFECYCLES = ["active", "disabled", "suspended", "locked_out", "password_expired", "provisioned"] as const;
export type Lifecycle = (typeof LIFECYCLES)[number];

/**
 * Administrative privilege, provider-neutral. Entra: Helpdesk / User / Privileged Authentication / Global
 * Administrator. Okta: HELP_DESK_ADMIN / USER_ADMIN / ORG_ADMIN / SUPER_ADMIN.
 */
export const PRIVILEGES = ["none", "helpdesk_admin", "user_admin", "privileged_admin", "global_admin"] as const;
export type Privilege = (typeof PRIVILEGES)[number];

/** MFA method kinds. Entra: microsoftAuthenticator, phone, softwareOath, fido2, email. Okta: push, sms, totp, webauthn, email, question. */
export const MFA_KINDS = ["authenticator_app", "sms", "totp", "fido2", "email", "security_question"] as const;
export type MfaKind = (typeof MFA_KINDS)[number];

export type SandboxPerson = {
  index: number;
  givenName: string | null;
  surname: string | null;
  displayName: string;
  /** ASCII local part, unique within the tenant (login / UPN prefix). */
  loginLocalPart: string;
  /** Whether the work e-mail attribute is filled in (the login always exists). */
  hasMail: boolean;
  mobilePhone: string | null;
  businessPhone: string | null;
  streetAddress: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2, or the country's English name (profiles are typed by people), or null. */
  country: string | null;
  countryCode: string | null;
  /** YYYY-MM-DD, or null when HR never filled it in. */
  birthday: string | null;
  employeeId: string | null;
  department: string;
  jobTitle: string;
  lifecycle: Lifecycle;
  privilege: Privilege;
  mfa: MfaKind[];
  /** Member of the employee group through a nested group (Entra transitiveMembers) rather than directly. */
  viaNestedGroup: boolean;
};

const DEPARTMENTS: Array<[string, string[]]> = [
  ["Engineering", ["Software Engineer", "Senior Software Engineer", "Engineering Manager", "SRE"]],
  ["Sales", ["Account Executive", "Sales Director", "SDR"]],
  ["Finance", ["Accountant", "Controller", "Payroll Specialist"]],
  ["People", ["HR Business Partner", "Recruiter"]],
  ["IT", ["Service Desk Analyst", "Systems Administrator", "IT Manager"]],
  ["Operations", ["Operations Manager", "Logistics Coordinator", "Warehouse Associate"]],
];

const TRANSLITERATION: Record<string, string> = { ß: "ss", ł: "l", Ł: "L", ø: "o", Ø: "O", æ: "ae", Æ: "AE", đ: "d", Đ: "D", ı: "i" };

/** Folds a name into the ASCII a directory would use for logins: "Łukasz Wiśniewski" -> "lukasz.wisniewski". */
export function asciiFold(text: string): string {
  return text
    .replace(/[ßłŁøØæÆđĐı]/g, (character) => TRANSLITERATION[character] ?? character)
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");
}

function pickLifecycle(random: SeededRandom): Lifecycle {
  const roll = random.next();
  if (roll < 0.04) return "disabled";
  if (roll < 0.06) return "suspended";
  if (roll < 0.08) return "locked_out";
  if (roll < 0.095) return "password_expired";
  if (roll < 0.105) return "provisioned";
  return "active";
}

function pickPrivilege(random: SeededRandom): Privilege {
  const roll = random.next();
  if (roll < 0.003) return "global_admin";
  if (roll < 0.008) return "privileged_admin";
  if (roll < 0.015) return "user_admin";
  if (roll < 0.025) return "helpdesk_admin";
  return "none";
}

function pickMfa(random: SeededRandom): MfaKind[] {
  if (random.chance(0.12)) return [];
  const methods = new Set<MfaKind>();
  methods.add(random.pick(["authenticator_app", "authenticator_app", "sms", "totp"] as const));
  for (const kind of MFA_KINDS) if (random.chance(0.15)) methods.add(kind);
  return MFA_KINDS.filter((kind) => methods.has(kind));
}

function birthdayFor(random: SeededRandom): string {
  const year = random.int(1958, 2004);
  const month = random.int(1, 12);
  const day = random.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The index-th employee of a seeded sandbox tenant. Pure and O(1) (each person is computed directly), so a
 * tenant of 100 000 people costs nothing until it is read, and the same seed always gives the same people.
 */
export function generatePerson(seed: string, index: number): SandboxPerson {
  const random = SeededRandom.forItem(seed, index);
  const country = pickCountry(random);
  const name = country.name_(random);
  const address = country.address(random);
  const latinGiven = name.latinGiven ?? name.given;
  const latinSurname = name.latinSurname ?? name.surname;
  const [department, titles] = random.pick(DEPARTMENTS);

  // Real directories are incomplete: a few people lack each field.
  const missingGiven = random.chance(0.01);
  const missingSurname = random.chance(0.01);
  const missingAddress = random.chance(0.06);
  const countryStyle = random.next();

  return {
    index,
    givenName: missingGiven ? null : name.given,
    surname: missingSurname ? null : name.surname,
    displayName: country.code === "JP" ? `${name.surname} ${name.given}` : `${name.given} ${name.surname}`,
    loginLocalPart: `${asciiFold(latinGiven)}.${asciiFold(latinSurname)}${index}`,
    hasMail: !random.chance(0.02),
    mobilePhone: random.chance(0.9) ? country.mobile(random) : null,
    businessPhone: random.chance(0.4) ? country.mobile(random) : null,
    streetAddress: missingAddress ? null : address.street,
    city: missingAddress && random.chance(0.5) ? null : address.city,
    state: missingAddress ? null : address.state,
    postalCode: missingAddress || random.chance(0.02) ? null : address.postalCode,
    country: random.chance(0.03) ? null : countryStyle < 0.7 ? country.code : country.name,
    countryCode: country.code,
    birthday: random.chance(0.75) ? birthdayFor(random) : null,
    employeeId: random.chance(0.92) ? `E${String(100000 + index).padStart(6, "0")}` : null,
    department,
    jobTitle: random.pick(titles),
    lifecycle: pickLifecycle(random),
    privilege: pickPrivilege(random),
    mfa: pickMfa(random),
    viaNestedGroup: random.chance(0.1),
  };
}

export const SANDBOX_COUNTRIES = COUNTRY_PROFILES.map((profile) => profile.code);
