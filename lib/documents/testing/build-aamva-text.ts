import type { TestIdentity } from "./test-identities";

export interface BuildAamvaTextOptions {
  /** AAMVA version written in the header; 10 is the 2020 standard. */
  version?: number;
  /** Issuer identification number; 636014 is California's. */
  iin?: string;
  country?: "USA" | "CAN";
}

/** USA dates are MMDDCCYY, Canadian ones CCYYMMDD. */
function aamvaDate(isoDate: string, country: "USA" | "CAN"): string {
  const [year, month, day] = isoDate.split("-");
  return country === "CAN" ? `${year}${month}${day}` : `${month}${day}${year}`;
}

/**
 * The text a driver's licence PDF417 carries for a test identity (AAMVA 2020, one DL subfile),
 * with a correct header, subfile designator and offsets.
 */
export function buildAamvaText(person: TestIdentity, options: BuildAamvaTextOptions = {}): string {
  const version = options.version ?? 10;
  const country = options.country ?? person.address?.country ?? "USA";
  const iin = options.iin ?? (country === "CAN" ? "636012" : "636014");
  const [first = "", ...middle] = person.givenNames.toUpperCase().split(/\s+/);
  const address = person.address;
  const elements: [string, string][] = [
    ["DCA", "C"],
    ["DCB", "NONE"],
    ["DCD", "NONE"],
    ["DBA", aamvaDate(person.expiryDate, country)],
    ["DCS", person.surname.toUpperCase()],
    ["DAC", first],
    ["DAD", middle.join(" ") || "NONE"],
    ["DBD", aamvaDate(person.issueDate, country)],
    ["DBB", aamvaDate(person.dateOfBirth, country)],
    ["DBC", person.sex === "M" ? "1" : person.sex === "F" ? "2" : "9"],
    ["DAY", "BRO"],
    ["DAU", "068 IN"],
    ["DAG", address?.street.toUpperCase() ?? ""],
    ["DAI", address?.city.toUpperCase() ?? ""],
    ["DAJ", address?.state ?? person.issuingJurisdiction ?? ""],
    // The standard pads postal codes to 11 characters.
    ["DAK", (address?.postalCode ?? "").padEnd(11, country === "USA" ? "0" : " ")],
    ["DAQ", person.documentNumber],
    ["DCF", `${person.documentNumber}${person.issueDate.replace(/-/g, "")}`],
    ["DCG", country],
    ["DDE", "N"],
    ["DDF", "N"],
    ["DDG", "N"],
  ];
  const subfile = `DL${elements.map(([id, value]) => `${id}${value}`).join("\n")}\r`;
  const headerBody = `@\n\x1e\rANSI ${iin}${String(version).padStart(2, "0")}${version >= 2 ? "00" : ""}01`;
  const offset = headerBody.length + 10;
  const designator = `DL${String(offset).padStart(4, "0")}${String(subfile.length).padStart(4, "0")}`;
  return headerBody + designator + subfile;
}
