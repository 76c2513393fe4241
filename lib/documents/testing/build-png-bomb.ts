import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import { crc32, createDeflate } from "node:zlib";

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.byteLength);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A valid RGB PNG of `width` x `height` black pixels: a few hundred KB on the wire, width x height x 3 bytes
 * once decoded (a decompression bomb). Rows are deflated as a stream, so building it never holds the canvas.
 */
export async function buildPngBomb(width: number, height: number): Promise<Buffer> {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per sample, RGB, deflate, no filter method, no interlace
  // Each row: filter byte 0, then width x 3 zero bytes; the same row object is reused for every line.
  const row = Buffer.alloc(1 + width * 3);
  const rows = Readable.from((function* () {
    for (let y = 0; y < height; y += 1) yield row;
  })());
  const compressed = await buffer(rows.pipe(createDeflate({ level: 9 })));
  return Buffer.concat([Buffer.from("\x89PNG\r\n\x1a\n", "latin1"), chunk("IHDR", header), chunk("IDAT", compressed), chunk("IEND", Buffer.alloc(0))]);
}
