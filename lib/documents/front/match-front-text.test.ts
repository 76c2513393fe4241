import { describe, expect, it } from "vitest";
import { matchFrontText } from "./match-front-text";

const licence = { documentNumber: "D1234562", dateOfBirth: "1977-08-31", surname: "Sample" };

describe("matchFrontText", () => {
  it("finds a US licence's number, birth date and surname as tesseract prints them", () => {
    const text = "CALIFORNIA DRIVER LICENSE\n4d DLN D1234562\n4b EXP 08/31/2029\n1 SAMPLE\n2 ALEXANDER JOSEPH\n3 DOB 08/31/1977\n";
    expect(matchFrontText(text, licence)).toEqual({ documentNumber: true, dateOfBirth: true, surname: true, sameDocument: true });
  });

  it("reads through spacing and OCR's usual confusions (O for 0, I for 1, S for 5, B for 8)", () => {
    const text = "DL NO. D 12 345 G2\nDOB O8-3I-I977\nSAMPLE";
    expect(matchFrontText(text, licence)).toMatchObject({ documentNumber: true, dateOfBirth: true, sameDocument: true });
    expect(matchFrontText("ID D1234562 SAMPLE", { ...licence, documentNumber: "D123456S" }).documentNumber).toBe(true);
    // Tesseract's cent sign for a C, and a character lost or doubled in a long number.
    expect(matchFrontText("4d DLN L898902¢3", { ...licence, documentNumber: "L898902C3" }).documentNumber).toBe(true);
    expect(matchFrontText("DLN D123462 / D12345662", licence).documentNumber).toBe(true);
  });

  it("finds European and Canadian date orders, and month names in two languages", () => {
    for (const printed of ["31.08.1977", "1977/08/31", "31 AUG 1977", "31 AOÛT/AUG 1977", "AUG 31, 1977", "31 08 77"]) {
      expect(matchFrontText(`No. D1234562 ${printed}`, licence), printed).toMatchObject({ dateOfBirth: true, sameDocument: true });
    }
  });

  it("forgives one misread character in a long number, none in a short one", () => {
    expect(matchFrontText("DLN D1234S6Z 08/31/1977", licence).documentNumber).toBe(true);
    expect(matchFrontText("DLN D1239962 08/31/1977", licence).documentNumber).toBe(false);
    expect(matchFrontText("DLN D12362 08/31/1977", licence).documentNumber).toBe(false);
    expect(matchFrontText("No 12346 SAMPLE", { ...licence, documentNumber: "12345" }).documentNumber).toBe(false);
  });

  it("a front of another card does not bind: the number alone, or the birth date and surname alone, are not enough", () => {
    expect(matchFrontText("DLN D1234562 DOB 01/02/1980 DOE", licence)).toMatchObject({ documentNumber: true, sameDocument: false });
    expect(matchFrontText("DLN X9988776 DOB 08/31/1977 SAMPLE", licence)).toMatchObject({ documentNumber: false, dateOfBirth: true, surname: true, sameDocument: false });
  });

  it("a number too short to tell cards apart, or a one-letter surname, never binds on its own", () => {
    expect(matchFrontText("1234 LI", { documentNumber: "1234", dateOfBirth: null, surname: "Li" })).toMatchObject({ documentNumber: false, surname: false, sameDocument: false });
    expect(matchFrontText("", licence).sameDocument).toBe(false);
  });

  it("a birth date the back did not carry is simply not found", () => {
    expect(matchFrontText("D1234562 SAMPLE", { ...licence, dateOfBirth: null })).toMatchObject({ dateOfBirth: false, surname: true, sameDocument: true });
  });
});
