import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { inspectFaceFrame } from "@/lib/verification/face/inspect-face-frame";

/** A frame like the page's canvas makes: a plain JPEG with no metadata. */
function canvasLikeJpeg(width = 640, height = 480) {
  return sharp({ create: { width, height, channels: 3, background: "#8a7f73" } }).jpeg({ quality: 85 });
}

describe("inspectFaceFrame", () => {
  it("accepts a plain JPEG of the size the page sends", async () => {
    expect(inspectFaceFrame(await canvasLikeJpeg().toBuffer())).toEqual({ ok: true, width: 640, height: 480 });
    expect(inspectFaceFrame(await canvasLikeJpeg(360, 640).toBuffer())).toEqual({ ok: true, width: 360, height: 640 });
  });

  it("refuses EXIF Software and XMP CreatorTool naming an editor", async () => {
    const photoshop = await canvasLikeJpeg().withExif({ IFD0: { Software: "Adobe Photoshop 26.1 (Windows)" } }).toBuffer();
    expect(inspectFaceFrame(photoshop)).toEqual({ ok: false, reason: "edited" });
    const gimp = await canvasLikeJpeg()
      .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmp:CreatorTool="GIMP 2.10"/></rdf:RDF></x:xmpmeta>')
      .toBuffer();
    expect(inspectFaceFrame(gimp)).toEqual({ ok: false, reason: "edited" });
  });

  it("refuses camera-app EXIF: a file, not a frame of this page's video", async () => {
    const camera = await canvasLikeJpeg().withExif({ IFD0: { Make: "Apple", Model: "iPhone 15" } }).toBuffer();
    expect(inspectFaceFrame(camera)).toEqual({ ok: false, reason: "not_from_page" });
  });

  it("refuses screenshots: PNG, and screen-sized images the page never sends", async () => {
    const png = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#fff" } }).png().toBuffer();
    expect(inspectFaceFrame(png)).toEqual({ ok: false, reason: "not_jpeg" });
    expect(inspectFaceFrame(await canvasLikeJpeg(1920, 1080).toBuffer())).toEqual({ ok: false, reason: "wrong_size" });
    expect(inspectFaceFrame(await canvasLikeJpeg(1170, 2532).toBuffer())).toEqual({ ok: false, reason: "wrong_size" });
    expect(inspectFaceFrame(await canvasLikeJpeg(200, 150).toBuffer())).toEqual({ ok: false, reason: "wrong_size" });
  });

  it("refuses a truncated header", async () => {
    const jpeg = await canvasLikeJpeg().toBuffer();
    expect(inspectFaceFrame(jpeg.subarray(0, 30))).toEqual({ ok: false, reason: "malformed" });
    expect(inspectFaceFrame(Buffer.from([0xff, 0xd8]))).toEqual({ ok: false, reason: "malformed" });
  });
});
