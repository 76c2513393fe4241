import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { sniffImageFormat } from "./sniff-image-format";

const pixel = () => sharp({ create: { width: 16, height: 16, channels: 3, background: "#808080" } });

function ftyp(major: string, compatible: string[]): Buffer {
  const size = 16 + compatible.length * 4;
  const box = Buffer.alloc(size + 8);
  box.writeUInt32BE(size, 0);
  box.write("ftyp", 4, "latin1");
  box.write(major, 8, "latin1");
  compatible.forEach((brand, index) => box.write(brand, 16 + index * 4, "latin1"));
  return box;
}

describe("sniffImageFormat", () => {
  it("recognises the accepted formats from their bytes", async () => {
    expect(sniffImageFormat(await pixel().jpeg().toBuffer())).toBe("jpeg");
    expect(sniffImageFormat(await pixel().png().toBuffer())).toBe("png");
    expect(sniffImageFormat(await pixel().webp().toBuffer())).toBe("webp");
    expect(sniffImageFormat(await pixel().avif().toBuffer())).toBe("avif");
  });

  it("tells HEVC-coded HEIF from AVIF by the ftyp brands", () => {
    expect(sniffImageFormat(ftyp("heic", ["mif1", "heic"]))).toBe("heic");
    expect(sniffImageFormat(ftyp("mif1", ["mif1", "heic"]))).toBe("heic");
    expect(sniffImageFormat(ftyp("mif1", ["mif1", "avif"]))).toBe("avif");
    expect(sniffImageFormat(ftyp("isom", ["mp41"]))).toBeNull();
  });

  it("refuses what sharp would also decode: SVG, TIFF, GIF, and anything unknown", async () => {
    expect(sniffImageFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect/></svg>'))).toBeNull();
    expect(sniffImageFormat(await pixel().tiff().toBuffer())).toBeNull();
    expect(sniffImageFormat(await pixel().gif().toBuffer())).toBeNull();
    expect(sniffImageFormat(Buffer.from("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"))).toBeNull();
    expect(sniffImageFormat(Buffer.from([0xff, 0xd8]))).toBeNull();
  });
});
