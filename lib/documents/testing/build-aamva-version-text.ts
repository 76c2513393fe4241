/**
 * Barcode texts as issuers of each AAMVA version write them, built from the element lists of the AAMVA DL/ID
 * Card Design Standard (2000 = version 1, 2003 = 2, 2005 = 3, 2009 = 4 ... 2020 = 10), with the header,
 * designators and offsets computed the way the standard lays them out. The holder is fictitious.
 */
export interface AamvaSpecimen {
  version: number;
  country: "USA" | "CAN";
  /** Whether a jurisdiction subfile ("Zx") follows the DL subfile, as on most real cards. */
  jurisdictionSubfile?: boolean;
  /** Overrides or additions, applied in order after the version's own elements. */
  extra?: [string, string][];
}

export const SPECIMEN_HOLDER = {
  surname: "MARTINEZ-OKAFOR",
  first: "JOSEFINA",
  middle: "ELENA",
  dateOfBirth: "1987-03-09",
  issueDate: "2023-11-02",
  expiryDate: "2031-03-09",
  number: "D4417730",
} as const;

const PLACES = {
  USA: { iin: "636026", jurisdiction: "AZ", street: "4410 N 7TH AVE", city: "PHOENIX", postal: "850131234  ", expected: "85013-1234", z: "ZA" },
  CAN: { iin: "636012", jurisdiction: "ON", street: "77 KING ST W", city: "TORONTO", postal: "M5K1A2     ", expected: "M5K 1A2", z: "ZO" },
} as const;

export function expectedPostalCode(country: "USA" | "CAN"): string {
  return PLACES[country].expected;
}

/** CCYYMMDD for version 1 and Canada, MMDDCCYY for the USA from version 2 on. */
export function specimenDate(isoDate: string, version: number, country: "USA" | "CAN"): string {
  const [year, month, day] = isoDate.split("-");
  return version === 1 || country === "CAN" ? `${year}${month}${day}` : `${month}${day}${year}`;
}

function elementsFor(version: number, country: "USA" | "CAN"): [string, string][] {
  const place = PLACES[country];
  const holder = SPECIMEN_HOLDER;
  const date = (iso: string) => specimenDate(iso, version, country);
  const address: [string, string][] = [["DAG", place.street], ["DAI", place.city], ["DAJ", place.jurisdiction], ["DAK", place.postal]];
  if (version === 1) {
    // AAMVA DL/ID-2000: full name in DAA, sex as M/F on many cards, no DCG country element.
    return [["DAQ", holder.number], ["DAA", `${holder.surname},${holder.first},${holder.middle}`], ...address, ["DAR", "D   "], ["DAS", "B         "], ["DAT", "     "], ["DAU", "506"], ["DAY", "BRO"], ["DBA", date(holder.expiryDate)], ["DBB", date(holder.dateOfBirth)], ["DBC", "F"], ["DBD", date(holder.issueDate)], ["DBH", "Y"]];
  }
  const common: [string, string][] = [["DCA", "D"], ["DCB", "NONE"], ["DCD", "NONE"], ["DBA", date(holder.expiryDate)], ["DCS", holder.surname]];
  // Versions 2 and 3 carry all given names in DCT; version 4 split them into DAC and DAD.
  const given: [string, string][] = version <= 3 ? [["DCT", `${holder.first},${holder.middle}`]] : [["DAC", holder.first], ["DAD", holder.middle]];
  const rest: [string, string][] = [["DBD", date(holder.issueDate)], ["DBB", date(holder.dateOfBirth)], ["DBC", "2"], ["DAY", "BRO"], ["DAU", "066 in"], ...address, ["DAQ", holder.number], ["DCF", `${holder.number}${holder.issueDate.replace(/-/g, "")}AZ`], ["DCG", country]];
  const truncation: [string, string][] = version >= 4 ? [["DDE", "N"], ["DDF", "N"], ["DDG", "N"]] : [];
  const later: [string, string][] = version >= 8 ? [["DDA", "F"], ["DDB", "07162013"], ["DDK", "1"]] : version <= 3 ? [["DCU", ""], ["DCE", "3"]] : [];
  return [...common, ...given, ...rest, ...truncation, ...later];
}

/** The full barcode text, standard-conformant: "@" LF RS CR "ANSI " IIN version [jurisdiction version] entries designators subfiles. */
export function buildAamvaSpecimen(options: AamvaSpecimen): string {
  const { version, country } = options;
  const place = PLACES[country];
  const elements = new Map<string, string>();
  const ordered: [string, string][] = [...elementsFor(version, country), ...(options.extra ?? [])];
  for (const [id, value] of ordered) elements.set(id, value);
  const dl = `DL${[...elements].map(([id, value]) => `${id}${value}`).join("\n")}\r`;
  const subfiles: [string, string][] = [["DL", dl]];
  if (options.jurisdictionSubfile ?? true) subfiles.push([place.z, `${place.z}${place.z}A${version >= 4 ? "REAL ID" : "01"}\n${place.z}B0\r`]);
  const head = `@\n\x1e\rANSI ${place.iin}${String(version).padStart(2, "0")}${version >= 2 ? "01" : ""}${String(subfiles.length).padStart(2, "0")}`;
  let offset = head.length + subfiles.length * 10;
  let designators = "";
  for (const [type, body] of subfiles) {
    designators += `${type}${String(offset).padStart(4, "0")}${String(body.length).padStart(4, "0")}`;
    offset += body.length;
  }
  return head + designators + subfiles.map(([, body]) => body).join("");
}
