import { describe, expect, it } from "vitest";
import { encodeY4m, type RgbFrame } from "./write-y4m";

function solid(width: number, height: number, rgb: [number, number, number]): RgbFrame {
  const data = new Uint8Array(width * height * 3);
  for (let i = 0; i < width * height; i++) data.set(rgb, i * 3);
  return { data, width, height };
}

describe("encodeY4m", () => {
  it("writes the C420 header and one FRAME of width*height*1.5 bytes per frame", () => {
    const video = encodeY4m([solid(8, 6, [255, 255, 255]), solid(8, 6, [0, 0, 0]), solid(8, 6, [255, 0, 0])], 10);
    const header = "YUV4MPEG2 W8 H6 F10:1 Ip A1:1 C420\n";
    expect(video.subarray(0, header.length).toString("ascii")).toBe(header);
    const frameBytes = "FRAME\n".length + 8 * 6 * 1.5;
    expect(video.length).toBe(header.length + 3 * frameBytes);
    for (let frame = 0; frame < 3; frame++) {
      const start = header.length + frame * frameBytes;
      expect(video.subarray(start, start + 6).toString("ascii")).toBe("FRAME\n");
    }
    // White is Y=235 and black Y=16 in limited range; pure red has V well above neutral 128.
    expect(video[header.length + 6]).toBe(235);
    expect(video[header.length + frameBytes + 6]).toBe(16);
    const redV = header.length + 2 * frameBytes + 6 + 8 * 6 + 4 * 3;
    expect(video[redV]).toBeGreaterThan(200);
  });

  it("refuses odd sizes and frames of another size", () => {
    expect(() => encodeY4m([solid(7, 6, [0, 0, 0])])).toThrow(/even/);
    expect(() => encodeY4m([solid(8, 6, [0, 0, 0]), solid(8, 4, [0, 0, 0])])).toThrow(/size/);
  });
});
