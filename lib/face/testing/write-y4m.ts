import { writeFile } from "node:fs/promises";

export type RgbFrame = { data: Uint8Array; width: number; height: number };

/**
 * Encodes RGB frames (3 bytes per pixel) as a YUV4MPEG2 video, 4:2:0 ("C420"), the format Chromium plays as a
 * fake camera (`--use-file-for-fake-video-capture=<file.y4m>`); Chromium loops the file. Colours use BT.601
 * limited range, what Chromium assumes for y4m. Width and height must be even (4:2:0 halves both for chroma).
 */
export function encodeY4m(frames: readonly RgbFrame[], framesPerSecond = 15): Buffer {
  const first = frames[0];
  if (first == null) throw new Error("y4m: no frames");
  const { width, height } = first;
  if (width % 2 !== 0 || height % 2 !== 0) throw new Error(`y4m: width and height must be even, got ${width}x${height}`);
  if (!Number.isInteger(framesPerSecond) || framesPerSecond < 1) throw new Error("y4m: frames per second must be a positive integer");
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${framesPerSecond}:1 Ip A1:1 C420\n`, "ascii");
  const frameHeader = Buffer.from("FRAME\n", "ascii");
  const planeBytes = width * height + 2 * (width / 2) * (height / 2);
  const out = Buffer.alloc(header.length + frames.length * (frameHeader.length + planeBytes));
  header.copy(out, 0);
  let offset = header.length;
  for (const frame of frames) {
    if (frame.width !== width || frame.height !== height) throw new Error("y4m: every frame must have the first frame's size");
    if (frame.data.length !== width * height * 3) throw new Error(`y4m: frame data must be ${width * height * 3} RGB bytes`);
    frameHeader.copy(out, offset);
    offset += frameHeader.length;
    writePlanes(frame, out.subarray(offset, offset + planeBytes));
    offset += planeBytes;
  }
  return out;
}

/** Writes encodeY4m's output to a file (the e2e camera). */
export async function writeY4m(file: string, frames: readonly RgbFrame[], framesPerSecond = 15): Promise<void> {
  await writeFile(file, encodeY4m(frames, framesPerSecond));
}

function writePlanes({ data, width, height }: RgbFrame, planes: Buffer): void {
  const chromaWidth = width / 2;
  const uOffset = width * height;
  const vOffset = uOffset + chromaWidth * (height / 2);
  const clamp = (value: number): number => Math.max(0, Math.min(255, Math.round(value)));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      planes[y * width + x] = clamp(16 + 0.257 * (data[i] ?? 0) + 0.504 * (data[i + 1] ?? 0) + 0.098 * (data[i + 2] ?? 0));
    }
  }
  // Chroma from the mean of each 2x2 block, so edges do not alias.
  for (let y = 0; y < height / 2; y++) {
    for (let x = 0; x < chromaWidth; x++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
        const i = ((2 * y + dy) * width + 2 * x + dx) * 3;
        r += (data[i] ?? 0) / 4;
        g += (data[i + 1] ?? 0) / 4;
        b += (data[i + 2] ?? 0) / 4;
      }
      planes[uOffset + y * chromaWidth + x] = clamp(128 - 0.148 * r - 0.291 * g + 0.439 * b);
      planes[vOffset + y * chromaWidth + x] = clamp(128 + 0.439 * r - 0.368 * g - 0.071 * b);
    }
  }
}
