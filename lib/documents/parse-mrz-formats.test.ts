import { describe, expect, it } from "vitest";
import { computeCheckDigit } from "./compute-check-digit";
import { findMrzLines } from "./find-mrz-lines";
import { parseMrz } from "./parse-mrz";

const now = new Date("2026-11-21T12:00:00Z");
const failed = (lines: string[]) => parseMrz(lines, now).checks.filter((check) => !check.passed).map((check) => check.name);
const checkDigits = (lines: string[]) => parseMrz(lines, now).checks.filter((check) => check.name.endsWith("check digit"));

// The specimens printed in ICAO Doc 9303 (8th ed.), Parts 4-7. Their state "UTO" (Utopia) is no real
// issuer, so the country checks fail and nothing else.
const SPECIMENS = {
  TD3: ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"],
  TD1: ["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<<6", "ERIKSSON<<ANNA<MARIA<<<<<<<<<<"],
  TD2: ["I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "D231458907UTO7408122F1204159<<<<<<<6"],
  MRV_A: ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L8988901C4XXX4009078F96121096ZE184226B<<<<<<"],
  MRV_B: ["V<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<", "L8988901C4XXX4009078F9612109<<<<<<<<"],
} as const;

const ANNA = { surname: "ERIKSSON", givenNames: "ANNA MARIA", dateOfBirth: "1974-08-12", expiryDate: "2012-04-15", sex: "F", issuingCountry: "UTO", nationality: "UTO" };

describe("ICAO 9303 specimens", () => {
  it("reads the Part 4 passport (TD3) with every check digit passing", () => {
    const lines = [...SPECIMENS.TD3];
    expect(parseMrz(lines, now)).toMatchObject({ ...ANNA, kind: "MRZ_TD3", documentType: "PASSPORT", documentNumber: "L898902C3", corrections: [] });
    expect(checkDigits(lines)).toHaveLength(5);
    expect(failed(lines)).toEqual(["issuing state code", "nationality code"]);
  });

  it("reads the Part 5 ID card (TD1)", () => {
    const lines = [...SPECIMENS.TD1];
    expect(parseMrz(lines, now)).toMatchObject({ ...ANNA, kind: "MRZ_TD1", documentType: "ID_CARD", documentNumber: "D23145890", corrections: [] });
    expect(checkDigits(lines)).toHaveLength(4);
    expect(failed(lines)).toEqual(["issuing state code", "nationality code"]);
  });

  it("reads a blank nationality (all fillers, as on some resident cards) as not stated, never as a code", () => {
    const lines = [SPECIMENS.TD1[0]!, SPECIMENS.TD1[1]!.replace("UTO", "<<<"), SPECIMENS.TD1[2]!];
    const document = parseMrz(lines, now);
    expect(document.nationality).toBeNull();
    expect(failed(lines)).toEqual(["issuing state code"]);
    expect(document.checks.find((check) => check.name === "nationality code")?.detail).toMatch(/no nationality stated/);
    // The issuing state may not be blank.
    expect(failed([lines[0]!.replace("UTO", "<<<"), lines[1]!, lines[2]!])).toContain("issuing state code");
  });

  it("reads the Part 6 ID card (TD2, 2x36)", () => {
    const lines = [...SPECIMENS.TD2];
    expect(parseMrz(lines, now)).toMatchObject({ ...ANNA, kind: "MRZ_TD2", documentType: "ID_CARD", documentNumber: "D23145890", corrections: [] });
    expect(checkDigits(lines).map((check) => check.name)).toEqual(["document number check digit", "date of birth check digit", "expiry date check digit", "composite check digit"]);
    expect(failed(lines)).toEqual(["issuing state code", "nationality code"]);
  });

  it("reads a TD2 document number longer than nine characters from the optional data", () => {
    // Part 6 §4.2.4: "<" at the check position, the rest of the number and its check digit in the optional data.
    const line2Body = `D23145890<UTO7408122F1204159734${computeCheckDigit("D23145890734")}<<<`;
    const composite = computeCheckDigit(line2Body.slice(0, 10) + line2Body.slice(13, 20) + line2Body.slice(21, 35));
    const lines = [SPECIMENS.TD2[0], line2Body + composite];
    expect(parseMrz(lines, now).documentNumber).toBe("D23145890734");
    expect(failed(lines)).toEqual(["issuing state code", "nationality code"]);
  });

  it.each([
    ["TD3", SPECIMENS.TD3],
    ["TD1", SPECIMENS.TD1],
    ["TD2", SPECIMENS.TD2],
  ] as const)("finds the %s specimen among other printed text", (format, lines) => {
    const ocr = ["UTOPIA", "SPECIMEN", "ERIKSSON ANNA MARIA", ...lines].join("\n");
    expect(findMrzLines(ocr)).toEqual({ found: "complete", format, lines: [...lines], nameLineRepairs: [] });
  });

  it.each([
    ["MRV-A", SPECIMENS.MRV_A],
    ["MRV-B", SPECIMENS.MRV_B],
  ] as const)("refuses the %s visa by its document code", (format, lines) => {
    expect(findMrzLines(lines.join("\n"))).toEqual({ found: "visa", format });
    // Even parsed directly, a visa is no identity document.
    const document = parseMrz([...lines], now);
    expect(document.documentType).toBe("VISA");
    expect(document.checks).toContainEqual(expect.objectContaining({ name: "document type", passed: false }));
  });

  it("tells a cut-off zone from a missing one", () => {
    expect(findMrzLines(`SPECIMEN\n${SPECIMENS.TD3[0]}`)).toEqual({ found: "partial", lineCount: 1 });
    expect(findMrzLines("UTOPIA\nPASSPORT")).toEqual({ found: "none" });
  });
});

describe("fillers read as K, L or C (OCR-B filler misread by Tesseract)", () => {
  const td3 = (name: string) => [`P<UTO${name}`.padEnd(44, "<").slice(0, 44), SPECIMENS.TD3[1]];
  const nameCheck = (lines: string[]) => parseMrz(lines, now).checks.find((check) => check.name === "name read")!;

  it("recovers a padding read entirely as K, but as a guess", () => {
    const lines = td3("ERIKSSON<<ANNA<MARIAKKKKKKKKKKKKKKKKKKKK");
    expect(parseMrz(lines, now)).toMatchObject({ surname: "ERIKSSON", givenNames: "ANNA MARIA" });
    expect(nameCheck(lines).passed).toBe(false);
  });

  it("does not split given names on a lone K it cannot tell from a letter, and does not call the read certain", () => {
    const lines = td3("ERIKSSON<<ANNAKMARIAKKKKKKKKKKKKKKKKKKKK");
    expect(parseMrz(lines, now)).toMatchObject({ surname: "ERIKSSON", givenNames: "ANNAKMARIA" });
    expect(nameCheck(lines)).toMatchObject({ passed: false, detail: expect.stringContaining("unconfirmed") });
  });

  it("repairs look-alikes inside padding the read fillers force, without doubt when the name has no K/L/C", () => {
    const lines = td3("MUSTERMANN<<ANNA<MARIA<<KK<L<<<C<<<<CC<K");
    const document = parseMrz(lines, now);
    expect(document).toMatchObject({ surname: "MUSTERMANN", givenNames: "ANNA MARIA" });
    expect(document.corrections).toEqual([expect.stringContaining("fillers read as K/L/C in the padding")]);
    expect(nameCheck(lines).passed).toBe(true);
    expect(failed(lines)).toEqual(["issuing state code", "nationality code"]);
    // The same padding after ERIKSSON: its K might be a misread filler too ("ERI SSON"), so the name is doubted.
    const eriksson = td3("ERIKSSON<<ANNA<MARIA<<<<KK<L<<<C<<<<CC<K");
    expect(parseMrz(eriksson, now)).toMatchObject({ surname: "ERIKSSON", givenNames: "ANNA MARIA" });
    expect(nameCheck(eriksson).passed).toBe(false);
  });

  it("keeps real K, L and C letters in a cleanly read name", () => {
    const lines = td3("KLECK<<LUCK<CLAUDE<<<<<<<<<<<<<<<<<");
    expect(parseMrz(lines, now)).toMatchObject({ surname: "KLECK", givenNames: "LUCK CLAUDE" });
    expect(nameCheck(lines).passed).toBe(true);
    // A name ending in K/L/C before read fillers keeps its letter.
    expect(parseMrz(td3("HALL<<KARL<<<<<<<<<"), now)).toMatchObject({ surname: "HALL", givenNames: "KARL" });
  });

  it("doubts a name with K/L/C once the same photo misread fillers", () => {
    const lines = td3("KLECK<<LUCK<<<<<<<<KKK<<<K<<<<<");
    expect(parseMrz(lines, now)).toMatchObject({ surname: "KLECK", givenNames: "LUCK" });
    expect(nameCheck(lines).passed).toBe(false);
  });

  it("cannot tell FRANK from FRAN when the padding reads as K: the shorter read, marked doubtful", () => {
    const lines = td3("SMITH<<FRANKKKKKKKKKKKKKKKKKKKKKKKKKKK");
    expect(parseMrz(lines, now)).toMatchObject({ surname: "SMITH", givenNames: "FRAN" });
    expect(nameCheck(lines).passed).toBe(false);
  });

  it("restores the surname separator from a filler pair half read as K, as a guess", () => {
    const lines = td3("ERIKSSON<KANNA<MARIA<<<<<<<<<<<<<<<<<<<");
    expect(parseMrz(lines, now)).toMatchObject({ surname: "ERIKSSON", givenNames: "ANNA MARIA" });
    expect(nameCheck(lines).passed).toBe(false);
  });

  it("reads TD1 and TD2 names the same way", () => {
    const td1 = [SPECIMENS.TD1[0], SPECIMENS.TD1[1], "ERIKSSON<<ANNA<MARIAKKLKKCKKKK"];
    expect(parseMrz(td1, now)).toMatchObject({ surname: "ERIKSSON", givenNames: "ANNA MARIA" });
    expect(failed(td1)).toContain("name read");
    const td2 = ["I<UTOMUSTERMANN<<ANNA<MARIA<<<KKK<<<", SPECIMENS.TD2[1]];
    expect(parseMrz(td2, now)).toMatchObject({ surname: "MUSTERMANN", givenNames: "ANNA MARIA" });
    expect(failed(td2)).toEqual(["issuing state code", "nationality code"]);
  });

  it("restores optional-data fillers read as K only where the check digit confirms it", () => {
    // K is worth 20 (invisible to a check digit), L 21: the L fillers need restoring.
    const td1 = ["I<UTOD231458907KKKLKKKKKKKKKKK", "7408122F1204159UTOKKKKKKKKKKL6", "MUSTERMANN<<ANNA<MARIA<<<<<<<<"];
    const document = parseMrz(td1, now);
    expect(document.documentNumber).toBe("D23145890");
    expect(document.corrections).toEqual([expect.stringContaining("restored on lines 1 and 2")]);
    expect(failed(td1)).toEqual(["issuing state code", "nationality code"]);
    // Misread fillers on the data lines make the K in ERIKSSON doubtful as well.
    expect(failed([td1[0]!, td1[1]!, SPECIMENS.TD1[2]])).toContain("name read");
    expect(failed(["I<UTOD231458907KKKKKKKKKKKKKKK", SPECIMENS.TD1[1], SPECIMENS.TD1[2]])).toEqual(["name read", "issuing state code", "nationality code"]);
    // One L in line 2 only: restoring line 2 alone verifies (a real L elsewhere stays).
    expect(failed(["I<UTOD231458907<<<<<<<<<<<<<<<", "7408122F1204159UTO<<<<<<<<<<L6", "MUSTERMANN<<ANNA<MARIA<<<<<<<<"])).toEqual(["issuing state code", "nationality code"]);
    // The TD3 personal number and its "<" check digit, both read as K.
    const td3Lines = [`P<UTOMUSTERMANN<<ANNA<MARIA${"<".repeat(17)}`, "L898902C36UTO7408122F1204159LLLLLLLLLLLLLLK0"];
    td3Lines[1] = td3Lines[1]!.slice(0, 43) + String(computeCheckDigit("L898902C36" + "7408122" + "1204159" + "<".repeat(15)));
    expect(failed(td3Lines)).toEqual(["issuing state code", "nationality code"]);
    // Germany's "D<<" with its fillers read as K.
    expect(parseMrz([`P<DKK${SPECIMENS.TD3[0].slice(5)}`, SPECIMENS.TD3[1]], now).issuingCountry).toBe("DEU");
  });

  it("finds a zone whose fillers were all read as K", () => {
    const ocr = ["PASSPORT", "P<UTOERIKSSONKKANNAKMARIAKKKKKKKKKKKKKKKKKKK", "L898902C36UTO7408122F1204159ZE184226BKKKKK10"].join("\n");
    expect(findMrzLines(ocr)).toMatchObject({ found: "complete", format: "TD3" });
  });
});
