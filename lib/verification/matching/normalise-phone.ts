import { isSupportedCountry, parsePhoneNumberFromString } from "libphonenumber-js";

/**
 * E.164 form of a phone number ("+14155550100"), reading national numbers ("(415) 555-0100") as numbers of
 * `defaultCountry` (ISO alpha-2, e.g. from the directory's country). Null when the value is not a possible number.
 */
export function normalisePhone(value: string | null | undefined, defaultCountry?: string | null): string | null {
  if (!value || value.trim() === "") return null;
  const country = defaultCountry && isSupportedCountry(defaultCountry) ? defaultCountry : undefined;
  const phone = parsePhoneNumberFromString(value.trim(), country);
  return phone?.isPossible() ? phone.number : null;
}
