import { describe, expect, it } from "vitest";
import { parseAamva } from "./parse-aamva";
import { toAamvaDocument } from "./read-aamva-document";
import { buildAamvaText, TEST_IDENTITIES } from "./testing/index";

const now = new Date("2026-11-21T12:00:00Z");
const failedChecks = (text: string) => toAamvaDocument(parseAamva(text)!, now).checks.filter((check) => !check.passed).map((check) => check.name);

describe("parseAamva", () => {
  it("reads a USA licence with MMDDCCYY dates and a ZIP+4 padded to 11 digits", () => {
    const text = buildAamvaText(TEST_IDENTITIES.valid);
    expect(text.startsWith("@\n\x1e\rANSI 636014100001DL")).toBe(true);
    const record = parseAamva(text);
    expect(record).toMatchObject({
      documentType: "DRIVER_LICENSE",
      version: 10,
      country: "USA",
      jurisdiction: "CA",
      documentNumber: "L898902C3",
      surname: "ERIKSSON",
      givenNames: "ANNA MARIA",
      dateOfBirth: "1990-08-12",
      issueDate: "2024-05-31",
      expiryDate: "2034-05-30",
      sex: "F",
      address: { street: "1200 HARBOR BLVD", city: "SACRAMENTO", state: "CA", postalCode: "95814", country: "USA" },
    });
    expect(failedChecks(text)).toEqual([]);
    expect(record!.checks.find((check) => check.name === "AAMVA subfile offset")?.detail).toMatch(/declared offset/);
  });

  it("reads a Canadian licence with CCYYMMDD dates and a padded postal code", () => {
    const person = { ...TEST_IDENTITIES.valid, address: { street: "100 Queen St", city: "Ottawa", state: "ON", postalCode: "K1A0B1", country: "CAN" as const } };
    const record = parseAamva(buildAamvaText(person));
    expect(record).toMatchObject({ country: "CAN", jurisdiction: "ON", dateOfBirth: "1990-08-12", expiryDate: "2034-05-30", address: { postalCode: "K1A 0B1", country: "CAN" } });
  });

  it("keeps a real +4 and falls back to DCT given names of version 2 cards", () => {
    const text = buildAamvaText({ ...TEST_IDENTITIES.valid, address: { ...TEST_IDENTITIES.valid.address!, postalCode: "958141234" } })
      .replace("DACANNA\nDADMARIA", "DCTANNA,MARIA");
    const record = parseAamva(text);
    expect(record?.address.postalCode).toBe("95814-1234");
    expect(record?.givenNames).toBe("ANNA MARIA");
  });

  it("reports a damaged header, missing elements and impossible dates", () => {
    const text = buildAamvaText(TEST_IDENTITIES.valid);
    expect(parseAamva(text.replace("ANSI ", "QR:  "))).toBeNull();
    expect(parseAamva("hello")).toBeNull();
    // A separator lost in transit is tolerated and named (issue 13): the data is otherwise good.
    expect(failedChecks(text.replace("\x1e", ""))).toEqual([]);
    expect(parseAamva(text.replace("\x1e", ""))!.checks.find((check) => check.name === "AAMVA header")?.detail).toMatch(/separators after "@" are LF CR/);
    expect(failedChecks(text.replace(/\nDAQ[^\n]*/, ""))).toEqual(["AAMVA mandatory elements"]);
    expect(failedChecks(text.replace("DBB08121990", "DBB13451990"))).toEqual(expect.arrayContaining(["AAMVA date of birth format", "date of birth plausible"]));
    expect(failedChecks(text.replace("DBB08121990", "DBB08122030"))).toEqual(expect.arrayContaining(["date of birth plausible", "issued after birth"]));
    expect(failedChecks(text.replace("DBA05302034", "DBA05302020"))).toEqual(["expiry after issue"]);
  });
});
