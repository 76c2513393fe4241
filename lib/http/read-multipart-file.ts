import { BodyTooLargeError, readLimitedBody } from "@/lib/http/read-limited-body";

export type MultipartLimits = {
  /** The form field that carries the one file. */
  fileField: string;
  maxFileBytes: number;
  /** Parts of any kind (the file and plain fields). */
  maxParts: number;
  /** Each plain field's value. */
  maxFieldBytes: number;
  /** Each part's header block. */
  maxHeaderBytes: number;
  /** Room for boundaries, headers and small fields on top of the file; the whole body never exceeds this plus the file. */
  overheadBytes: number;
};

export type MultipartFailure = "too_large" | "not_multipart" | "malformed" | "no_file" | "too_many_files" | "too_many_parts" | "field_too_large";

/** A refused multipart body; `reason` is what the boundary maps to a status (413 for too_large). */
export class MultipartError extends Error {
  constructor(
    readonly reason: MultipartFailure,
    message: string,
  ) {
    super(message);
    this.name = "MultipartError";
  }
}

export type MultipartFile = { filename: string; contentType: string; bytes: Buffer };
export type MultipartUpload = { file: MultipartFile; fields: Map<string, string> };

const CRLF = Buffer.from("\r\n");
const HEADER_END = Buffer.from("\r\n\r\n");
const CLOSE = Buffer.from("--");

/** RFC 2046: 1-70 characters from a small set; a quoted value may also contain spaces (not as its last one). */
function boundaryOf(contentType: string | null): string {
  const match = /^multipart\/form-data\s*;(?:.*;)?\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))\s*(?:;|$)/i.exec(contentType ?? "");
  const boundary = match?.[1] ?? match?.[2];
  if (!boundary || !/^[0-9A-Za-z'()+_,\-./:=? ]*[0-9A-Za-z'()+_,\-./:=?]$/.test(boundary)) {
    throw new MultipartError("not_multipart", "Send the file as multipart/form-data.");
  }
  return boundary;
}

type PartHeaders = { name: string; filename: string | null; contentType: string };

function parameter(disposition: string, key: string): string | null {
  const quoted = new RegExp(`;\\s*${key}="((?:[^"\\\\]|\\\\.)*)"`, "i").exec(disposition);
  if (quoted?.[1] !== undefined) return quoted[1].replace(/\\(.)/g, "$1");
  const bare = new RegExp(`;\\s*${key}=([^\\s;"]+)`, "i").exec(disposition);
  return bare?.[1] ?? null;
}

function parseHeaders(block: string): PartHeaders {
  let disposition: string | null = null;
  let contentType = "application/octet-stream";
  for (const line of block.split("\r\n")) {
    if (line === "") continue;
    const colon = line.indexOf(":");
    if (colon <= 0) throw new MultipartError("malformed", "The upload is not a well-formed form.");
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === "content-disposition") disposition = value;
    else if (name === "content-type") contentType = value.toLowerCase();
  }
  if (!disposition || !/^form-data\s*(;|$)/i.test(disposition)) throw new MultipartError("malformed", "The upload is not a well-formed form.");
  const name = parameter(disposition, "name");
  if (name === null) throw new MultipartError("malformed", "The upload is not a well-formed form.");
  return { name, filename: parameter(disposition, "filename"), contentType };
}

/**
 * Parses an already size-limited body. Walks the parts from boundary to boundary with no copies (the file is a
 * view into the body), counting parts as it goes, so a body of thousands of tiny parts stops at `maxParts`.
 */
function parseParts(body: Buffer, boundary: string, limits: MultipartLimits): MultipartUpload {
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  const fields = new Map<string, string>();
  let file: MultipartFile | null = null;
  let parts = 0;
  // The preamble before the first boundary is ignored (RFC 2046); a body without one is malformed.
  const first = body.indexOf(delimiter);
  if (first < 0 || (first > 0 && body.subarray(first - 2, first).compare(CRLF) !== 0)) throw new MultipartError("malformed", "The upload is not a well-formed form.");
  let position = first + delimiter.length;
  for (;;) {
    if (body.subarray(position, position + 2).equals(CLOSE)) break;
    if (!body.subarray(position, position + 2).equals(CRLF)) throw new MultipartError("malformed", "The upload is not a well-formed form.");
    parts += 1;
    if (parts > limits.maxParts) throw new MultipartError("too_many_parts", "The upload has too many parts.");
    // Searching from the CRLF that ends the boundary line lets a part with no headers end at once.
    // Searched within the allowed header size only, so a part without a header end costs no scan of the body.
    const headerWindow = body.subarray(position, position + 2 + limits.maxHeaderBytes + HEADER_END.length);
    const headerOffset = headerWindow.indexOf(HEADER_END);
    const headerEnd = position + headerOffset;
    if (headerOffset < 0) throw new MultipartError("malformed", "The upload is not a well-formed form.");
    const headers = parseHeaders(body.subarray(position + 2, headerEnd).toString("utf8"));
    const contentStart = headerEnd + HEADER_END.length;
    const contentEnd = body.indexOf(nextDelimiter, contentStart);
    if (contentEnd < 0) throw new MultipartError("malformed", "The upload ended before the form did.");
    const content = body.subarray(contentStart, contentEnd);
    if (headers.name === limits.fileField || headers.filename !== null) {
      if (headers.name !== limits.fileField || file) throw new MultipartError("too_many_files", "Send one file only.");
      if (content.byteLength > limits.maxFileBytes) throw new MultipartError("too_large", "The file is too large.");
      file = { filename: headers.filename ?? "", contentType: headers.contentType, bytes: content };
    } else {
      if (content.byteLength > limits.maxFieldBytes) throw new MultipartError("field_too_large", `The field ${headers.name.slice(0, 40)} is too long.`);
      fields.set(headers.name, content.toString("utf8"));
    }
    position = contentEnd + nextDelimiter.length;
  }
  if (!file || file.bytes.byteLength === 0) throw new MultipartError("no_file", "Choose a file.");
  return { file, fields };
}

/**
 * Reads a multipart/form-data request that carries exactly one file: the body is read with a hard byte limit
 * (file plus `overheadBytes`; refused as `too_large` the moment it is crossed, whether or not Content-Length was
 * sent), then split into at most `maxParts` parts with bounded headers and field values. Anything else is a
 * MultipartError: a second file, a file under another name, a missing or empty file, a malformed body.
 */
export async function readMultipartFile(request: Request, limits: MultipartLimits): Promise<MultipartUpload> {
  const boundary = boundaryOf(request.headers.get("content-type"));
  let body: Buffer;
  try {
    body = await readLimitedBody(request, limits.maxFileBytes + limits.overheadBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) throw new MultipartError("too_large", "The file is too large.");
    throw error;
  }
  return parseParts(body, boundary, limits);
}
