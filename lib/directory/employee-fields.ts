/** Profile fields verification can match on, in the order admins read them (seed guides: "mandatory data"). */
export const PROFILE_FIELDS = [
  { key: "firstName", label: "First name" },
  { key: "lastName", label: "Last name" },
  { key: "email", label: "Work e-mail" },
  { key: "mobilePhone", label: "Mobile phone" },
  { key: "streetAddress", label: "Street" },
  { key: "city", label: "City" },
  { key: "state", label: "State / province" },
  { key: "postalCode", label: "Postal code" },
  { key: "country", label: "Country" },
  { key: "birthday", label: "Date of birth" },
] as const;

export type ProfileField = (typeof PROFILE_FIELDS)[number]["key"];
export const PROFILE_FIELD_KEYS = PROFILE_FIELDS.map((field) => field.key) as [ProfileField, ...ProfileField[]];
