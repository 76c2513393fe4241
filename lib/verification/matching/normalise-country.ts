import countries from "i18n-iso-countries";
import de from "i18n-iso-countries/langs/de.json";
import en from "i18n-iso-countries/langs/en.json";
import es from "i18n-iso-countries/langs/es.json";
import fr from "i18n-iso-countries/langs/fr.json";
import { normaliseText } from "./normalise-text";

// Directories are filled in by people in many countries; English plus the most common other languages
// covers "Deutschland", "Allemagne", "Estados Unidos" without loading every locale.
const NAME_LOCALES = [en, de, fr, es];
for (const locale of NAME_LOCALES) countries.registerLocale(locale);

// ICAO 9303 codes that are not ISO 3166 alpha-3. Germany's MRZ uses the single letter D; British passports
// distinguish kinds of nationality; RKS is Kosovo (user-assigned XK). UN, refugee and stateless codes name no country.
const ICAO_CODES: Readonly<Record<string, string | null>> = {
  D: "DE",
  GBD: "GB",
  GBN: "GB",
  GBO: "GB",
  GBP: "GB",
  GBS: "GB",
  RKS: "XK",
  UNO: null,
  UNA: null,
  UNK: null,
  XXA: null,
  XXB: null,
  XXC: null,
  XXX: null,
  EUE: null,
};

// Everyday names the locale files do not list.
const EXTRA_NAMES: Readonly<Record<string, string>> = {
  america: "US",
  "united states of america": "US",
  england: "GB",
  scotland: "GB",
  wales: "GB",
  "northern ireland": "GB",
  "great britain": "GB",
  holland: "NL",
};

/**
 * ISO 3166-1 alpha-2 code for a country written as alpha-2, alpha-3, ICAO code ("D", "GBD") or a name in
 * English, German, French or Spanish ("United States", "Deutschland"); null when it names no known country.
 */
export function normaliseCountry(value: string | null | undefined): string | null {
  if (!value) return null;
  const code = value.trim().toUpperCase().replace(/[.\s]/gu, "");
  if (code in ICAO_CODES) return ICAO_CODES[code] ?? null;
  if (/^[A-Z]{2}$/u.test(code) && countries.isValid(code)) return code;
  if (/^[A-Z]{3}$/u.test(code) && countries.isValid(code)) return countries.alpha3ToAlpha2(code) ?? null;

  const name = normaliseText(value);
  const extra = EXTRA_NAMES[name];
  if (extra) return extra;
  for (const locale of NAME_LOCALES) {
    const alpha2 = countries.getAlpha2Code(value.trim(), locale.locale) ?? countries.getAlpha2Code(name, locale.locale);
    if (alpha2) return alpha2;
  }
  return null;
}
