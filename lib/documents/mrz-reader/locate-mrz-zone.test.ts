import { describe, expect, it } from "vitest";
import { chainTextLines } from "./chain-text-lines";
import type { Component } from "./find-dark-components";
import { locateMrzZone } from "./locate-mrz-zone";

const PITCH = 20;
const HEIGHT = 24;

function box(left: number, top: number, width: number, height = HEIGHT): Component {
  return { left, top, right: left + width - 1, bottom: top + height - 1, width, height, cx: left + (width - 1) / 2, cy: top + (height - 1) / 2, pixels: Math.round(width * height * 0.4) };
}

/** One MRZ line of `count` glyph boxes, 14 px wide at a 20 px pitch, starting at x = 100. */
function line(top: number, count: number): Component[] {
  return Array.from({ length: count }, (_, index) => box(100 + index * PITCH + 3, top, 14));
}

const cellCentres = (cells: { x: number }[]) => cells.map((cell) => Math.round(cell.x));
const expectedCentres = (count: number) => Array.from({ length: count }, (_, index) => Math.round(100 + index * PITCH + 3 + 6.5));

describe("locateMrzZone", () => {
  it("finds a passport zone (2 × 44) below other text and puts a cell on every glyph", () => {
    const components = [...line(100, 12), ...line(400, 44), ...line(445, 44)];
    const zone = locateMrzZone(chainTextLines(components, 600));
    expect(zone?.format).toBe("TD3");
    expect(zone?.cells.map(cellCentres)).toEqual([expectedCentres(44), expectedCentres(44)]);
  });

  it("finds an ID card zone (3 × 30) before two of its lines could pass for a 2-line zone", () => {
    const zone = locateMrzZone(chainTextLines([...line(300, 30), ...line(345, 30), ...line(390, 30)], 600));
    expect(zone?.format).toBe("TD1");
    expect(zone?.cells).toHaveLength(3);
  });

  it("joins a glyph broken in two and splits two glyphs run together, keeping every cell in place", () => {
    const broken = line(400, 44);
    const [piece] = broken.splice(10, 1);
    broken.splice(10, 0, box(piece!.left, 400, 6), box(piece!.left + 8, 400, 6));
    const merged = line(445, 44);
    const [first, second] = merged.splice(20, 2);
    merged.splice(20, 0, box(first!.left, 445, second!.right - first!.left + 1));
    const zone = locateMrzZone(chainTextLines([...broken, ...merged], 600));
    expect(zone?.format).toBe("TD3");
    expect(zone?.cells.map(cellCentres)).toEqual([expectedCentres(44), expectedCentres(44)]);
  });

  it("registers a line whose first glyph was lost against its full-length neighbour", () => {
    const zone = locateMrzZone(chainTextLines([...line(400, 44), ...line(445, 44).slice(1)], 600));
    expect(cellCentres(zone?.cells[1] ?? [])).toEqual(expectedCentres(44));
  });

  it("finds no zone in a page of ordinary text lines", () => {
    expect(locateMrzZone(chainTextLines([...line(100, 20), ...line(150, 18), ...line(200, 25)], 600))).toBeNull();
  });
});
