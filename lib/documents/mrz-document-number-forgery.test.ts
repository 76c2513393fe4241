import { describe, expect, it } from "vitest";
import { computeCheckDigit } from "./compute-check-digit";
import { findMrzLines } from "./find-mrz-lines";
import { parseMrz, type MrzFormat } from "./parse-mrz";
import { buildMrz, TEST_IDENTITIES } from "./testing/index";

const now = new Date("2026-11-21T12:00:00Z");
const ALPHABET = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"];
// Numbers with zeros and their look-alikes (O, D, Q), and one longer than nine characters (TD1/TD2 overflow).
const NUMBERS = ["L898902C3", "D23145890", "X0O0D0", "AB0000000", "0O0D0Q0", "D23145890734"];

const digit = (field: string) => String(computeCheckDigit(field));

/** TD2 (ICAO 9303 Part 6) lines, built here because the shared test builder knows TD1 and TD3 only. */
function buildTd2(number: string): string[] {
  const person = TEST_IDENTITIES.valid;
  const numberPart = number.length > 9 ? `${number.slice(0, 9)}<` : `${number.padEnd(9, "<")}${digit(number.padEnd(9, "<"))}`;
  const optional = (number.length > 9 ? `${number.slice(9)}${digit(number)}` : "").padEnd(7, "<");
  const body = `${numberPart}USA9008129F3405306${optional}`.replace("9008129", `900812${digit("900812")}`).replace("3405306", `340530${digit("340530")}`);
  const composite = digit(body.slice(0, 10) + body.slice(13, 20) + body.slice(21, 35));
  return [`I<USA${person.surname.toUpperCase()}<<ANNA<MARIA`.padEnd(36, "<"), body + composite];
}

function buildLines(number: string, format: MrzFormat): string[] {
  if (format === "TD2") return buildTd2(number);
  return buildMrz({ ...TEST_IDENTITIES.valid, documentNumber: number }, format, { corruptCheckDigit: null });
}

/** Where the number and its check digit (and a long number's overflow) are printed: [line, start, end). */
function numberPositions(format: MrzFormat, number: string): [number, number, number][] {
  const overflow = number.length - 9 + 1;
  if (format === "TD1") return number.length > 9 ? [[0, 5, 15 + overflow]] : [[0, 5, 15]];
  if (format === "TD2") return number.length > 9 ? [[1, 0, 10], [1, 28, 28 + overflow]] : [[1, 0, 10]];
  return [[1, 0, 10]];
}

/** The number as ICAO 9303 says it is printed in these lines, independently of the parser. */
function printedNumber(lines: string[], format: MrzFormat): string {
  const [line, start] = format === "TD1" ? [lines[0]!, 5] : [lines[1]!, 0];
  const first9 = line.slice(start, start + 9);
  const overflowField = format === "TD1" ? line.slice(15, 30) : format === "TD2" ? line.slice(28, 35) : "";
  if (format !== "TD3" && line.charAt(start + 9) === "<" && /^[A-Z0-9]/.test(overflowField)) return first9 + (/^[A-Z0-9]+/.exec(overflowField)![0]).slice(0, -1);
  return first9.replace(/<+$/, "");
}

function numberAccepted(lines: string[]): { accepted: boolean; number: string } {
  const found = findMrzLines(lines.join("\n"));
  if (found.found !== "complete") return { accepted: false, number: "" };
  const document = parseMrz(found.lines, now, { nameLineRepairs: found.nameLineRepairs });
  const refused = document.checks.some((check) => check.name.startsWith("document number") && !check.passed);
  return { accepted: !refused, number: document.documentNumber };
}

describe("document numbers are never repaired into other numbers (issue 13)", () => {
  const formats: MrzFormat[] = ["TD1", "TD2", "TD3"];

  it.each(formats)("clean %s numbers, zeros included, come back unchanged and verified", (format) => {
    for (const number of NUMBERS) {
      if (format === "TD3" && number.length > 9) continue;
      const lines = buildLines(number, format);
      expect(numberAccepted(lines), `${format} ${number}`).toEqual({ accepted: true, number });
      expect(parseMrz(lines, now).corrections).toEqual([]);
    }
  });

  it.each(formats)("no single-character forgery of a %s number is turned into a different accepted number", (format) => {
    let forgeries = 0;
    let accepted = 0;
    const invented: string[] = [];
    for (const number of NUMBERS) {
      if (format === "TD3" && number.length > 9) continue;
      const clean = buildLines(number, format);
      for (const [lineIndex, start, end] of numberPositions(format, number)) {
        for (let position = start; position < end; position++) {
          for (const character of ALPHABET) {
            const line = clean[lineIndex]!;
            if (line.charAt(position) === character) continue;
            const forged = clean.map((text, index) => (index === lineIndex ? text.slice(0, position) + character + text.slice(position + 1) : text));
            forgeries++;
            const read = numberAccepted(forged);
            if (!read.accepted) continue;
            accepted++;
            // Accepted only as printed: a forgery the checksum cannot see (K for A, "<" for 0) is read as the forgery says.
            if (read.number !== printedNumber(forged, format)) invented.push(`${forged.join("/")} → ${read.number}`);
          }
        }
      }
    }
    expect(invented).toEqual([]);
    expect(forgeries).toBeGreaterThan(1000);
    // The 7-3-1 checksum misses substitutions worth a multiple of 10 (0/A/K/U/<, 1/B/L/V, ...): never more than that.
    expect(accepted / forgeries).toBeLessThan(0.15);
  });

  it("refuses a short number whose padding was read as K (K is invisible to the check digit)", () => {
    const [line1, line2] = buildLines("X0O0D0", "TD3");
    expect(line2!.slice(0, 10)).toBe(`X0O0D0<<<${digit("X0O0D0<<<")}`);
    expect(numberAccepted([line1!, `X0O0D0KKK${line2!.slice(9)}`])).toMatchObject({ accepted: false });
    expect(numberAccepted([line1!, `X0O0D0K<<${line2!.slice(9)}`])).toMatchObject({ accepted: false });
  });

  it("leaves look-alikes in a number as read: L898902C3 misread as L8989O2C3 or L898902CB is refused, not swapped", () => {
    const [line1, line2] = buildLines("L898902C3", "TD3");
    for (const misread of ["L8989O2C3", "L898902CB", "L8989D2C3"]) {
      expect(numberAccepted([line1!, misread + line2!.slice(9)])).toMatchObject({ accepted: false });
    }
  });
});
