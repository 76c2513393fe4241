/**
 * AAMVA issuer identification numbers (IIN) with the jurisdiction and country each belongs to, from AAMVA's
 * published IIN list (cross-checked against two open-source parsers' copies of it). The country decides the
 * date format of versions 2 and later, so an IIN the barcode carries is evidence next to its DCG element.
 */
export type AamvaCountry = "USA" | "CAN" | "MEX";

export interface AamvaIssuer {
  jurisdiction: string;
  country: AamvaCountry;
}

const US: Record<string, string> = {
  "636000": "VA", "636001": "NY", "636002": "MA", "636003": "MD", "636004": "NC", "636005": "SC", "636006": "CT",
  "636007": "LA", "636008": "MT", "636009": "NM", "636010": "FL", "636011": "DE", "636014": "CA", "636015": "TX",
  "636018": "IA", "636019": "GU", "636020": "CO", "636021": "AR", "636022": "KS", "636023": "OH", "636024": "VT",
  "636025": "PA", "636026": "AZ", "636027": "US-DOS", "636029": "OR", "636030": "MO", "636031": "WI", "636032": "MI",
  "636033": "AL", "636034": "ND", "636035": "IL", "636036": "NJ", "636037": "IN", "636038": "MN", "636039": "NH",
  "636040": "UT", "636041": "ME", "636042": "SD", "636043": "DC", "636045": "WA", "636046": "KY", "636047": "HI",
  "636049": "NV", "636050": "ID", "636051": "MS", "636052": "RI", "636053": "TN", "636054": "NE", "636055": "GA",
  "636058": "OK", "636059": "AK", "636060": "WY", "636061": "WV", "636062": "VI", "604427": "AS", "604430": "MP",
  "604431": "PR",
};

const CANADA: Record<string, string> = {
  "636012": "ON", "636013": "NS", "636016": "NL", "636017": "NB", "636028": "BC", "636044": "SK", "636048": "MB",
  "604426": "PE", "604428": "QC", "604429": "YT", "604432": "AB", "604433": "NU", "604434": "NT",
};

const MEXICO: Record<string, string> = { "636056": "COA", "636057": "HID" };

export const CANADIAN_JURISDICTIONS = new Set([...Object.values(CANADA), "NF"]);
export const US_JURISDICTIONS = new Set(Object.values(US));

/** The issuer an IIN stands for, or null when it is not on AAMVA's list. */
export function findAamvaIssuer(iin: string): AamvaIssuer | null {
  if (US[iin]) return { jurisdiction: US[iin], country: "USA" };
  if (CANADA[iin]) return { jurisdiction: CANADA[iin], country: "CAN" };
  if (MEXICO[iin]) return { jurisdiction: MEXICO[iin], country: "MEX" };
  return null;
}
