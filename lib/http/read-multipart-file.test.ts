import { describe, expect, it } from "vitest";
import { streamRequest } from "@/lib/testing/stream-request";
import { type MultipartLimits, readMultipartFile } from "./read-multipart-file";

const LIMITS: MultipartLimits = { fileField: "document", maxFileBytes: 1024, maxParts: 4, maxFieldBytes: 64, maxHeaderBytes: 512, overheadBytes: 2048 };
const BOUNDARY = "----test-boundary-7d1";

function formRequest(form: FormData): Request {
  return new Request("http://localhost/upload", { method: "POST", body: form });
}

/** A body written by hand, delivered in chunks of `chunkSize` bytes with no Content-Length (chunked). */
function rawRequest(body: string | Buffer, options: { chunkSize?: number; contentType?: string } = {}): Request {
  const bytes = typeof body === "string" ? Buffer.from(body, "utf8") : body;
  const chunkSize = options.chunkSize ?? 16 * 1024;
  let offset = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (offset >= bytes.byteLength) return controller.close();
      controller.enqueue(new Uint8Array(bytes.subarray(offset, offset + chunkSize)));
      offset += chunkSize;
    },
  });
  return streamRequest("http://localhost/upload", stream, { "content-type": options.contentType ?? `multipart/form-data; boundary=${BOUNDARY}` });
}

function part(headers: string, content: string): string {
  return `--${BOUNDARY}\r\n${headers}\r\n\r\n${content}\r\n`;
}

const filePart = (content = "PNGDATA", name = "document", filename = "a.png") =>
  part(`Content-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: image/png`, content);

describe("readMultipartFile", () => {
  it("reads the one file and the small fields of a form the platform serialised", async () => {
    const form = new FormData();
    form.set("note", "front side");
    form.set("document", new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10, 0, 255])], "licence.png", { type: "image/png" }));
    const { file, fields } = await readMultipartFile(formRequest(form), LIMITS);
    expect(file).toMatchObject({ filename: "licence.png", contentType: "image/png" });
    expect([...file.bytes]).toEqual([0x89, 0x50, 0x4e, 0x47, 13, 10, 0, 255]);
    expect(fields.get("note")).toBe("front side");
  });

  it("parses a body delivered one byte at a time, with a preamble and a quoted boundary", async () => {
    const body = `preamble\r\n${filePart("a\r\n--not-the-boundary\r\nb")}--${BOUNDARY}--\r\nepilogue`;
    const request = rawRequest(body, { chunkSize: 1, contentType: `multipart/form-data; charset=utf-8; boundary="${BOUNDARY}"` });
    const { file } = await readMultipartFile(request, LIMITS);
    expect(file.bytes.toString()).toBe("a\r\n--not-the-boundary\r\nb");
  });

  it("refuses a chunked body as soon as it passes the limit, without pulling the rest", async () => {
    let pulled = 0;
    const chunk = new Uint8Array(256).fill(65);
    const endless = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="document"; filename="a.png"\r\n\r\n`));
      },
      pull(controller) {
        pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = streamRequest("http://localhost/upload", endless, { "content-type": `multipart/form-data; boundary=${BOUNDARY}` });
    await expect(readMultipartFile(request, LIMITS)).rejects.toMatchObject({ name: "MultipartError", reason: "too_large" });
    // The limit is 3 KB; a stream with no end was read barely past it (the queue holds at most one chunk more).
    expect(pulled).toBeLessThanOrEqual(LIMITS.maxFileBytes + LIMITS.overheadBytes + 2 * chunk.byteLength);
  });

  it("refuses a declared Content-Length above the limit before reading anything", async () => {
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024));
      },
    });
    const request = streamRequest("http://localhost/upload", stream, { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, "content-length": String(10 * 1024 * 1024) });
    await expect(readMultipartFile(request, LIMITS)).rejects.toMatchObject({ reason: "too_large" });
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it("refuses a file above the file limit even when the body fits", async () => {
    const body = `${filePart("x".repeat(LIMITS.maxFileBytes + 1))}--${BOUNDARY}--\r\n`;
    await expect(readMultipartFile(rawRequest(body), LIMITS)).rejects.toMatchObject({ reason: "too_large" });
  });

  it.each([
    ["two files", `${filePart()}${filePart()}--${BOUNDARY}--\r\n`, "too_many_files"],
    ["a file under another name", `${filePart("x", "other")}${filePart()}--${BOUNDARY}--\r\n`, "too_many_files"],
    ["too many parts", `${filePart()}${[1, 2, 3, 4].map((n) => part(`Content-Disposition: form-data; name="f${n}"`, "v")).join("")}--${BOUNDARY}--\r\n`, "too_many_parts"],
    ["a long field", `${part('Content-Disposition: form-data; name="note"', "n".repeat(65))}${filePart()}--${BOUNDARY}--\r\n`, "field_too_large"],
    ["no file", `${part('Content-Disposition: form-data; name="note"', "hello")}--${BOUNDARY}--\r\n`, "no_file"],
    ["an empty file", `${filePart("")}--${BOUNDARY}--\r\n`, "no_file"],
    ["a body cut off inside the file", `${filePart("abc").slice(0, -2)}`, "malformed"],
    ["a part without a disposition", `${part("Content-Type: text/plain", "x")}--${BOUNDARY}--\r\n`, "malformed"],
    ["a header block with no end", `--${BOUNDARY}\r\nContent-Disposition: form-data; name="document"; filename="a"${"x".repeat(600)}`, "malformed"],
    ["no boundary in the body", "just some bytes", "malformed"],
  ])("refuses %s", async (_label, body, reason) => {
    await expect(readMultipartFile(rawRequest(body), LIMITS)).rejects.toMatchObject({ reason });
  });

  it.each([["application/json"], ["multipart/form-data"], [`multipart/form-data; boundary=${"b".repeat(71)}`]])("refuses content type %s", async (contentType) => {
    await expect(readMultipartFile(rawRequest(`${filePart()}--${BOUNDARY}--\r\n`, { contentType }), LIMITS)).rejects.toMatchObject({ reason: "not_multipart" });
  });
});
