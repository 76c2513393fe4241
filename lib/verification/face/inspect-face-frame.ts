/**
 * What the bytes of one selfie frame say about where it came from, before any ML runs. The page draws each
 * frame from the live video onto a canvas and encodes it as JPEG (canvas.toBlob): such a frame carries a JFIF
 * header and nothing else. So:
 * - not a JPEG (a PNG, WebP, GIF: what screenshots and screen recorders write) is refused;
 * - editing-software traces (EXIF Software / XMP CreatorTool / Photoshop resources / comments naming an editor)
 *   are refused as edited;
 * - any other EXIF or XMP means a file from a camera app or a gallery, not this page's canvas: refused;
 * - a size the page never sends (long edge above FRAME_MAX_EDGE: a full-screen screenshot is far larger; or
 *   too small to hold a face) is refused.
 * Honestly: whoever controls the browser can strip metadata and send a canvas-encoded JPEG of anything; these
 * rules catch careless injection only. The server's random challenge and timing, and the passive anti-spoof
 * and liveness scores, carry the rest.
 */

/** The page scales frames so their long edge is at most this. */
export const FRAME_MAX_EDGE = 640;
const FRAME_MIN_EDGE = 240;
export const MAX_FRAME_BYTES = 1024 * 1024;

export type FrameRefusal = "not_jpeg" | "edited" | "not_from_page" | "wrong_size" | "malformed";
export type FrameInspection = { ok: true; width: number; height: number } | { ok: false; reason: FrameRefusal };

const EDITOR_NAMES = /photoshop|gimp|lightroom|affinity|pixelmator|paint\.net|paintshop|snapseed|facetune|faceapp|picsart|canva|krita|darktable|luminar|capture one|photopea|acdsee|corel|inkscape|imagemagick|graphicsmagick/i;

type Segment = { marker: number; data: Buffer };

/** The JPEG's header segments up to the start of the scan (APPn, COM, SOFn, ...), or null if malformed. */
function headerSegments(bytes: Buffer): Segment[] | null {
  const segments: Segment[] = [];
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xda) return segments; // start of scan: the header is over
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2 || offset + 2 + length > bytes.length) return null;
    segments.push({ marker, data: bytes.subarray(offset + 4, offset + 2 + length) });
    offset += 2 + length;
  }
  return null;
}

function frameSize(segments: Segment[]): { width: number; height: number } | null {
  // SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC).
  const sof = segments.find(({ marker }) => marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker));
  if (!sof || sof.data.length < 5) return null;
  return { height: sof.data.readUInt16BE(1), width: sof.data.readUInt16BE(3) };
}

const APP1 = 0xe1;
const APP13 = 0xed;
const COM = 0xfe;

/** Judges one frame from its bytes alone (pure: no decoding, no I/O). */
export function inspectFaceFrame(bytes: Buffer): FrameInspection {
  if (bytes.length < 2 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return { ok: false, reason: "not_jpeg" };
  const segments = headerSegments(bytes);
  if (!segments) return { ok: false, reason: "malformed" };
  const texts = segments.filter(({ marker }) => marker >= 0xe1 && marker <= 0xef || marker === COM).map(({ data }) => data.toString("latin1"));
  // APP13 is where Photoshop keeps its image resources ("Photoshop 3.0"); editors name themselves in EXIF/XMP.
  if (segments.some(({ marker }) => marker === APP13) || texts.some((text) => EDITOR_NAMES.test(text))) return { ok: false, reason: "edited" };
  if (segments.some(({ marker, data }) => marker === APP1 && (data.toString("latin1", 0, 6) === "Exif\0\0" || data.toString("latin1").includes("http://ns.adobe.com/xap/")))) {
    return { ok: false, reason: "not_from_page" };
  }
  const size = frameSize(segments);
  if (!size) return { ok: false, reason: "malformed" };
  const long = Math.max(size.width, size.height);
  const short = Math.min(size.width, size.height);
  if (long > FRAME_MAX_EDGE || short < FRAME_MIN_EDGE) return { ok: false, reason: "wrong_size" };
  return { ok: true, ...size };
}

/** What the employee reads when a frame is refused (no detail an attacker could tune against beyond the rule). */
export const FRAME_REFUSAL_MESSAGES: Record<FrameRefusal | "replayed" | "timing" | "size_changed", string> = {
  not_jpeg: "The picture was not taken by this page's camera view. Start the face check again.",
  edited: "The picture was edited. Start the face check again with your live camera.",
  not_from_page: "The picture was not taken by this page's camera view. Start the face check again.",
  wrong_size: "The picture was not taken by this page's camera view. Start the face check again.",
  malformed: "The picture could not be read. Start the face check again.",
  replayed: "This picture was already sent before. Start the face check again with your live camera.",
  timing: "The pictures did not arrive in time. Start the face check again and follow the prompts as they appear.",
  size_changed: "The camera changed during the check. Start the face check again.",
};
