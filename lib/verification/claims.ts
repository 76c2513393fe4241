/**
 * The claims a verification can match, shared by the policy, the matcher and the decision. Each maps to one
 * field of the synced Employee row (the directory side of the comparison).
 */
export const CLAIM_NAMES = [
  "firstName",
  "lastName",
  "dateOfBirth",
  "street",
  "city",
  "state",
  "postalCode",
  "country",
  "email",
  "mobilePhone",
] as const;

export type ClaimName = (typeof CLAIM_NAMES)[number];

export const CLAIM_LABELS: Record<ClaimName, string> = {
  firstName: "First name",
  lastName: "Last name",
  dateOfBirth: "Date of birth",
  street: "Street",
  city: "City",
  state: "State / province",
  postalCode: "Postal code",
  country: "Country",
  email: "Work e-mail",
  mobilePhone: "Mobile phone",
};

/** The Employee column that holds each claim's directory value. */
export const CLAIM_EMPLOYEE_FIELDS = {
  firstName: "firstName",
  lastName: "lastName",
  dateOfBirth: "birthday",
  street: "streetAddress",
  city: "city",
  state: "state",
  postalCode: "postalCode",
  country: "country",
  email: "email",
  mobilePhone: "mobilePhone",
} as const satisfies Record<ClaimName, string>;

export type ClaimEmployeeField = (typeof CLAIM_EMPLOYEE_FIELDS)[ClaimName];

export type DirectoryClaimValues = Partial<Record<ClaimName, string | null>>;

/** Reads an employee's directory values for every claim (null when the directory lacks it). */
export function directoryClaimsOf(employee: Record<ClaimEmployeeField, string | null>): DirectoryClaimValues {
  const values: DirectoryClaimValues = {};
  for (const claim of CLAIM_NAMES) {
    const value = employee[CLAIM_EMPLOYEE_FIELDS[claim]];
    values[claim] = value && value.trim() !== "" ? value : null;
  }
  return values;
}
