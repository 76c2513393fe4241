import { normaliseText } from "./normalise-text";

/** A state or province recognised by its code or name. */
export interface KnownRegion {
  code: string;
  name: string;
  country: "US" | "CA";
}

// USPS codes (states, DC, inhabited territories) and Canada Post province/territory codes. The two sets do
// not overlap, so a bare code identifies the country too.
const REGIONS: readonly KnownRegion[] = [
  ...Object.entries({
    AL: "Alabama", AK: "Alaska", AZ: "Arizona", AR: "Arkansas", CA: "California", CO: "Colorado",
    CT: "Connecticut", DE: "Delaware", FL: "Florida", GA: "Georgia", HI: "Hawaii", ID: "Idaho",
    IL: "Illinois", IN: "Indiana", IA: "Iowa", KS: "Kansas", KY: "Kentucky", LA: "Louisiana", ME: "Maine",
    MD: "Maryland", MA: "Massachusetts", MI: "Michigan", MN: "Minnesota", MS: "Mississippi", MO: "Missouri",
    MT: "Montana", NE: "Nebraska", NV: "Nevada", NH: "New Hampshire", NJ: "New Jersey", NM: "New Mexico",
    NY: "New York", NC: "North Carolina", ND: "North Dakota", OH: "Ohio", OK: "Oklahoma", OR: "Oregon",
    PA: "Pennsylvania", RI: "Rhode Island", SC: "South Carolina", SD: "South Dakota", TN: "Tennessee",
    TX: "Texas", UT: "Utah", VT: "Vermont", VA: "Virginia", WA: "Washington", WV: "West Virginia",
    WI: "Wisconsin", WY: "Wyoming", DC: "District of Columbia", PR: "Puerto Rico", GU: "Guam",
    VI: "U.S. Virgin Islands", AS: "American Samoa", MP: "Northern Mariana Islands",
  }).map(([code, name]) => ({ code, name, country: "US" as const })),
  ...Object.entries({
    AB: "Alberta", BC: "British Columbia", MB: "Manitoba", NB: "New Brunswick", NL: "Newfoundland and Labrador",
    NS: "Nova Scotia", NT: "Northwest Territories", NU: "Nunavut", ON: "Ontario", PE: "Prince Edward Island",
    QC: "Quebec", SK: "Saskatchewan", YT: "Yukon",
  }).map(([code, name]) => ({ code, name, country: "CA" as const })),
];

// Spellings seen in directories besides the official name: "Washington DC", "Newfoundland", "PQ" (old Quebec code).
const ALIASES: Readonly<Record<string, string>> = {
  "washington dc": "DC",
  "washington d c": "DC",
  "virgin islands": "VI",
  "us virgin islands": "VI",
  newfoundland: "NL",
  labrador: "NL",
  pq: "QC",
  "yukon territory": "YT",
};

const BY_CODE = new Map(REGIONS.map((region) => [region.code, region]));
const BY_NAME = new Map(REGIONS.map((region) => [normaliseText(region.name), region]));

/** The US state or Canadian province named by a code ("CA") or name ("california", "Québec"); null otherwise. */
export function findRegion(value: string | null | undefined): KnownRegion | null {
  if (!value) return null;
  const text = normaliseText(value);
  const code = text.replaceAll(" ", "").toUpperCase();
  return BY_CODE.get(code) ?? BY_NAME.get(text) ?? BY_CODE.get(ALIASES[text] ?? "") ?? null;
}

/**
 * Comparable form of a state/province: the two-letter code for US states and Canadian provinces,
 * otherwise the normalised text (so "Bayern" still equals "BAYERN"); null for blank values.
 */
export function normaliseState(value: string | null | undefined): string | null {
  if (!value || value.trim() === "") return null;
  return findRegion(value)?.code ?? normaliseText(value);
}
