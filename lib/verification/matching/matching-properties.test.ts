import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CLAIM_NAMES, type ClaimName } from "./claim-types";
import { compareNameField } from "./compare-name-field";
import { matchClaims } from "./match-claims";
import { normaliseText } from "./normalise-text";

// Realistic building blocks, so properties exercise the parsers rather than rejecting random noise.
const nameWord = fc.constantFrom("anna", "josé", "müller", "o'brien", "smith-jones", "garcía", "łukasz", "zoë", "björk", "nguyễn", "li");
const name = fc.array(nameWord, { minLength: 1, maxLength: 3 }).map((words) => words.join(" "));
const claimValue: Record<ClaimName, fc.Arbitrary<string>> = {
  firstName: name,
  lastName: name,
  dateOfBirth: fc.date({ min: new Date("1900-01-01"), max: new Date("2020-12-31"), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
  street: fc.tuple(fc.integer({ min: 1, max: 9999 }), fc.constantFrom("Main", "Oak", "Hauptstraße", "Fifth"), fc.constantFrom("Street", "Ave", "Rd", "")).map((parts) => parts.join(" ").trim()),
  city: fc.constantFrom("San Francisco", "München", "St. Louis", "Zürich", "Winston-Salem"),
  state: fc.constantFrom("CA", "California", "Québec", "ON", "Bayern"),
  postalCode: fc.constantFrom("94103", "94103-1234", "K1A 0B1", "10115", "SW1A 1AA"),
  country: fc.constantFrom("US", "USA", "United States", "Germany", "D", "CAN"),
  email: fc.emailAddress(),
  mobilePhone: fc.constantFrom("+1 (415) 555-0100", "+49 151 23456789", "+44 20 7946 0958"),
};

const changeCase = (value: string, upper: boolean) => (upper ? value.toUpperCase() : value.toLowerCase());
const stripMarks = (value: string) => value.normalize("NFD").replace(/\p{M}/gu, "");

describe("matching properties", () => {
  it.each(CLAIM_NAMES)("every %s value matches itself with score 1", (claim) => {
    fc.assert(
      fc.property(claimValue[claim], (value) => {
        const [result] = matchClaims({ directory: { [claim]: value }, evidence: { [claim]: value }, claims: [claim] });
        expect(result).toMatchObject({ outcome: "MATCH", score: 1 });
      }),
    );
  });

  it.each(["firstName", "lastName", "street", "city", "state", "country", "email"] as const)(
    "%s ignores case and surrounding or repeated whitespace",
    (claim) => {
      fc.assert(
        fc.property(claimValue[claim], fc.boolean(), fc.constantFrom(" ", "  ", "\t"), (value, upper, space) => {
          const evidence = `${space}${changeCase(value, upper).replaceAll(" ", `${space} `)}${space}`;
          const [result] = matchClaims({ directory: { [claim]: value }, evidence: { [claim]: evidence }, claims: [claim] });
          expect(result?.outcome).toBe("MATCH");
        }),
      );
    },
  );

  it("names and cities ignore diacritics", () => {
    fc.assert(
      fc.property(name, claimValue.city, (someName, city) => {
        const results = matchClaims({
          directory: { lastName: someName, city },
          evidence: { lastName: stripMarks(someName).toUpperCase(), city: stripMarks(city).toUpperCase() },
          claims: ["lastName", "city"],
        });
        expect(results.map((result) => result.outcome)).toEqual(["MATCH", "MATCH"]);
      }),
    );
  });

  it("name comparison is symmetric and its score stays in [0, 1]", () => {
    fc.assert(
      fc.property(fc.oneof(name, fc.string({ maxLength: 15 })), fc.oneof(name, fc.string({ maxLength: 15 })), (a, b) => {
        const forward = compareNameField(a, b);
        const backward = compareNameField(b, a);
        expect(forward.matched).toBe(backward.matched);
        expect(forward.score).toBeCloseTo(backward.score, 10);
        expect(forward.score).toBeGreaterThanOrEqual(0);
        expect(forward.score).toBeLessThanOrEqual(1);
      }),
    );
  });

  it("every result's score is null exactly when a side is missing, else within [0, 1]", () => {
    const maybe = (arbitrary: fc.Arbitrary<string>) => fc.option(fc.oneof(arbitrary, fc.string({ maxLength: 12 })), { nil: null });
    const values = fc.record(Object.fromEntries(CLAIM_NAMES.map((claim) => [claim, maybe(claimValue[claim])])) as Record<ClaimName, fc.Arbitrary<string | null>>);
    fc.assert(
      fc.property(values, values, (directory, evidence) => {
        for (const result of matchClaims({ directory, evidence, claims: CLAIM_NAMES })) {
          const missing = result.outcome === "MISSING_IN_DIRECTORY" || result.outcome === "MISSING_IN_EVIDENCE";
          if (missing) expect(result.score).toBeNull();
          else {
            expect(result.score).not.toBeNull();
            expect(result.score ?? -1).toBeGreaterThanOrEqual(0);
            expect(result.score ?? 2).toBeLessThanOrEqual(1);
          }
          expect(result.reason.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("normaliseText is idempotent", () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(normaliseText(normaliseText(value))).toBe(normaliseText(value));
      }),
    );
  });
});
