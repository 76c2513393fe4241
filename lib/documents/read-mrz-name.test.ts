import { describe, expect, it } from "vitest";
import { readMrzName } from "@/lib/documents/read-mrz-name";

describe("readMrzName", () => {
  it("turns a digit in the name into its letter as a repair, not a doubt (a name holds letters only)", () => {
    expect(readMrzName("GARCIA<MARQUEZ<<J0SE<<<<<<<<<<")).toMatchObject({ surname: "GARCIA MARQUEZ", givenNames: "JOSE", doubts: [] });
    expect(readMrzName("GARCIA<MARQUEZ<<J0SE<<<<<<<<<<").repairs).toHaveLength(1);
  });

  it("keeps K, L and C inside a name when a digit was repaired (that says nothing about fillers)", () => {
    expect(readMrzName("KL0CK<<KARL<<<<<<<<<<<<<<<<<<<")).toMatchObject({ surname: "KLOCK", givenNames: "KARL", doubts: [] });
  });

  it("recovers fillers read as K/L/C inside the padding the real fillers force, and doubts the rest", () => {
    expect(readMrzName("ERIKSSON<<ANNA<MARIA<<<KKLLKC<<")).toMatchObject({ surname: "ERIKSSON", givenNames: "ANNA MARIA" });
    expect(readMrzName("ERIKSSON<<ANNAKMARIAKKKKKKKKKK").doubts.length).toBeGreaterThan(0);
  });
});
