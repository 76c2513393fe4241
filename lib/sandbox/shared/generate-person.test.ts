import { describe, expect, it } from "vitest";
import { asciiFold, generatePerson, LIFECYCLES, MFA_KINDS, PRIVILEGES } from "@/lib/sandbox/shared/generate-person";

describe("sandbox employee generator", () => {
  it("is deterministic per seed and index, and differs across seeds", () => {
    expect(generatePerson("acme", 42)).toEqual(generatePerson("acme", 42));
    expect(generatePerson("acme", 42)).not.toEqual(generatePerson("globex", 42));
  });

  it("gives unique logins across 100 000 people", () => {
    const logins = new Set<string>();
    for (let index = 0; index < 100_000; index += 1) logins.add(generatePerson("bench", index).loginLocalPart);
    expect(logins.size).toBe(100_000);
  });

  it("produces the variety real directories have", () => {
    const people = Array.from({ length: 5000 }, (_, index) => generatePerson("variety", index));
    const some = (predicate: (person: (typeof people)[number]) => boolean) => people.some(predicate);
    expect(some((person) => /[^\u0000-\u007f]/.test(person.surname ?? ""))).toBe(true); // diacritics
    expect(some((person) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(person.givenName ?? ""))).toBe(true); // Japanese
    expect(some((person) => (person.surname ?? "").includes("-"))).toBe(true); // hyphenated
    expect(some((person) => person.countryCode === "ES" && (person.surname ?? "").includes(" "))).toBe(true); // two surnames
    expect(some((person) => (person.surname ?? "").includes("'"))).toBe(true); // apostrophes
    expect(some((person) => person.givenName === null)).toBe(true);
    expect(some((person) => person.mobilePhone === null)).toBe(true);
    expect(some((person) => person.streetAddress === null)).toBe(true);
    expect(some((person) => person.birthday === null)).toBe(true);
    expect(some((person) => person.country !== null && person.country.length > 2)).toBe(true); // country as a name
    expect(new Set(people.map((person) => person.countryCode)).size).toBeGreaterThanOrEqual(10);
    for (const lifecycle of LIFECYCLES) expect(some((person) => person.lifecycle === lifecycle), lifecycle).toBe(true);
    for (const privilege of PRIVILEGES) expect(some((person) => person.privilege === privilege), privilege).toBe(true);
    for (const kind of MFA_KINDS) expect(some((person) => person.mfa.includes(kind)), kind).toBe(true);
    expect(some((person) => person.mfa.length === 0)).toBe(true);
    expect(some((person) => person.viaNestedGroup)).toBe(true);
  });

  it("writes valid calendar birthdays", () => {
    for (let index = 0; index < 2000; index += 1) {
      const { birthday } = generatePerson("dates", index);
      if (birthday) expect(new Date(`${birthday}T00:00:00Z`).toISOString().slice(0, 10)).toBe(birthday);
    }
  });

  it("folds names into ASCII logins", () => {
    expect(asciiFold("Łukasz")).toBe("lukasz");
    expect(asciiFold("Weiß")).toBe("weiss");
    expect(asciiFold("O'Brien")).toBe("obrien");
    expect(asciiFold("Éloïse")).toBe("eloise");
    expect(asciiFold("Øyvind Ærø")).toBe("oyvindaero");
  });
});
