import { CANADIAN_JURISDICTIONS, findAamvaIssuer, US_JURISDICTIONS } from "./aamva-issuers";
import type { DocumentCheck } from "./types";

export interface AamvaCountry {
  /** Null when nothing in the barcode names a country this reader supports. */
  country: "USA" | "CAN" | null;
  /** Set when the barcode's own evidence disagrees (DCG against the IIN), so no date format can be trusted. */
  conflict: string | null;
  check: DocumentCheck;
}

const COUNTRY_NAMES: Record<string, "USA" | "CAN" | "MEX"> = { USA: "USA", CAN: "CAN", CDN: "CAN", MEX: "MEX" };

/**
 * The issuing country from the DCG element (versions 2+), the IIN of the header and, when neither says, the
 * jurisdiction code. It decides the date format, so DCG and IIN disagreeing is reported rather than settled.
 */
export function resolveAamvaCountry(iin: string, declared: string | undefined, jurisdiction: string | null): AamvaCountry {
  const name = "AAMVA issuing country";
  const issuer = findAamvaIssuer(iin);
  const dcg = declared?.trim().toUpperCase() || null;
  const fromDcg = dcg ? (COUNTRY_NAMES[dcg] ?? null) : null;
  if (dcg && !fromDcg) return { country: null, conflict: `DCG "${dcg}" is not a country code`, check: { name, passed: false, detail: `DCG "${dcg}" is not USA or CAN` } };
  if (fromDcg && issuer && fromDcg !== issuer.country) {
    const conflict = `DCG says ${fromDcg} but IIN ${iin} belongs to ${issuer.jurisdiction}, ${issuer.country}`;
    return { country: null, conflict, check: { name, passed: false, detail: conflict } };
  }
  const country = fromDcg ?? issuer?.country ?? (jurisdiction && CANADIAN_JURISDICTIONS.has(jurisdiction) ? "CAN" : jurisdiction && US_JURISDICTIONS.has(jurisdiction) ? "USA" : null);
  if (country === "MEX") {
    return { country: null, conflict: "Mexican licences have no AAMVA date format", check: { name, passed: false, detail: "issued in Mexico: only US and Canadian licences are read" } };
  }
  if (country === null) return { country: null, conflict: null, check: { name, passed: false, detail: `no DCG element, IIN ${iin} unknown and jurisdiction ${jurisdiction ?? "missing"}` } };
  const source = fromDcg ? `DCG ${dcg}${issuer ? ` and IIN ${iin} (${issuer.jurisdiction})` : ""}` : issuer ? `IIN ${iin} (${issuer.jurisdiction})` : `jurisdiction ${jurisdiction}`;
  return { country, conflict: null, check: { name, passed: true, detail: `${country} from ${source}` } };
}
