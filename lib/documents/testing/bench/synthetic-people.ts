import type { MrzFormat } from "../build-mrz";
import type { TestIdentity } from "../test-identities";

/** mulberry32: a small seeded generator, so the synthetic set is the same on every run and machine. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Who is printed on each synthetic document, chosen for what trips MRZ readers: spaces, hyphens and apostrophes
 * (all become the filler), names long enough to fill the field and be truncated, one- and two-letter names,
 * document numbers full of 0/O, 1/I and 8/B, TD1 and TD2 numbers longer than 9 characters, and Germany's "D<<".
 */
interface PersonSeed {
  format: MrzFormat;
  surname: string;
  givenNames: string;
  documentNumber: string;
  country: string;
}

const SEEDS: PersonSeed[] = [
  { format: "TD3", surname: "Eriksson", givenNames: "Anna Maria", documentNumber: "L898902C3", country: "SWE" },
  { format: "TD3", surname: "O'Brien", givenNames: "Siobhan", documentNumber: "PO01I8B20", country: "IRL" },
  { format: "TD3", surname: "Martinez-Okafor", givenNames: "Josefina Elena", documentNumber: "B8O0I1L7", country: "ESP" },
  { format: "TD3", surname: "Ng", givenNames: "Li", documentNumber: "E01234567", country: "CHN" },
  { format: "TD3", surname: "Wolfeschlegelsteinhausenbergerdorff", givenNames: "Hubert Blaine Charles", documentNumber: "C01X00T47", country: "D" },
  { format: "TD3", surname: "de la Cruz", givenNames: "Maria de los Angeles", documentNumber: "P1I0O8B3", country: "PHL" },
  { format: "TD3", surname: "Van Der Berg", givenNames: "Jan-Pieter", documentNumber: "NXB80O1I2", country: "NLD" },
  { format: "TD3", surname: "Nguyen", givenNames: "Thi Minh Khai", documentNumber: "B1234O0I8", country: "VNM" },
  { format: "TD3", surname: "Al-Hashimi", givenNames: "Mohammed Abdul Rahman", documentNumber: "A00000001", country: "ARE" },
  { format: "TD3", surname: "Müller", givenNames: "Jürgen", documentNumber: "CF0IB8O1L", country: "D" },
  { format: "TD1", surname: "Dubois", givenNames: "Jean-Luc", documentNumber: "X4RTBPFW4", country: "FRA" },
  { format: "TD1", surname: "Schmidt", givenNames: "Anna-Lena", documentNumber: "L01X00T47", country: "D" },
  { format: "TD1", surname: "Rossi", givenNames: "Giulia", documentNumber: "CA00000AA", country: "ITA" },
  { format: "TD1", surname: "Silva Santos", givenNames: "João Pedro", documentNumber: "123456789OI8", country: "PRT" },
  { format: "TD1", surname: "Kowalski", givenNames: "Bartosz", documentNumber: "ABB808001", country: "POL" },
  { format: "TD1", surname: "Papadopoulos", givenNames: "Konstantinos Alexandros", documentNumber: "AI0118B8O", country: "GRC" },
  { format: "TD1", surname: "Li", givenNames: "Na", documentNumber: "E0O1I8B00", country: "CHN" },
  { format: "TD1", surname: "D'Angelo", givenNames: "Marco", documentNumber: "CA12345BO", country: "ITA" },
  { format: "TD1", surname: "Jansen", givenNames: "Pieter-Jan Bram", documentNumber: "IB80O1234567", country: "NLD" },
  { format: "TD1", surname: "Ó Súilleabháin", givenNames: "Aoife", documentNumber: "T0I8B1O00", country: "IRL" },
  { format: "TD2", surname: "Haddad", givenNames: "Layla", documentNumber: "F0O8B1I23", country: "FRA" },
  { format: "TD2", surname: "Becker", givenNames: "Hans-Jürgen", documentNumber: "LOI8B0012", country: "D" },
  { format: "TD2", surname: "Oyelaran-Smith", givenNames: "Adebayo", documentNumber: "AB80OI123456", country: "GBR" },
  { format: "TD2", surname: "Kim", givenNames: "Min Jun", documentNumber: "M00I1O8B8", country: "KOR" },
  { format: "TD2", surname: "Fernández López", givenNames: "María José", documentNumber: "BAA000O1I", country: "ESP" },
  { format: "TD2", surname: "Ivanova", givenNames: "Olga", documentNumber: "7180O1I8B", country: "RUS" },
  { format: "TD2", surname: "Brown", givenNames: "Ed", documentNumber: "B0000000", country: "GBR" },
  { format: "TD2", surname: "Abdullahi", givenNames: "Fatima Zahra Binti Mohammed", documentNumber: "A8B0O1I11", country: "NGA" },
  { format: "TD2", surname: "Lefèvre", givenNames: "Zoë", documentNumber: "0OI18B01", country: "FRA" },
  { format: "TD2", surname: "Wójcik-Nowak", givenNames: "Anna", documentNumber: "IO8B0I8B0", country: "POL" },
];

export interface SyntheticPerson {
  format: MrzFormat;
  identity: TestIdentity;
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The synthetic holders with seeded birth dates (1950–2005, two-digit years on both sides of the century
 * pivot), expiry dates (2027–2036) and sexes.
 */
export function syntheticPeople(seed: number): SyntheticPerson[] {
  const random = seededRandom(seed);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  return SEEDS.map((person, index): SyntheticPerson => {
    const birthYear = between(1950, 2005);
    const expiryYear = between(2027, 2036);
    const dateOfBirth = isoDate(birthYear, between(1, 12), between(1, 28));
    const expiryDate = isoDate(expiryYear, between(1, 12), between(1, 28));
    const sex = (["M", "F", "X"] as const)[between(0, 2)] ?? "F";
    return {
      format: person.format,
      identity: {
        label: `${person.format.toLowerCase()}-${String(index + 1).padStart(2, "0")}`,
        surname: person.surname,
        givenNames: person.givenNames,
        dateOfBirth,
        issueDate: isoDate(expiryYear - 10, 1, 1),
        expiryDate,
        documentNumber: person.documentNumber,
        issuingCountry: person.country,
        nationality: person.country,
        sex,
        directory: { givenName: person.givenNames, surname: person.surname, dateOfBirth },
      },
    };
  });
}
