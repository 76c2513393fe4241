import { readFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startSelfServiceAction } from "@/app/(public)/portal/actions";
import { startVerificationAction } from "@/app/(public)/verify/actions";
import { POST as uploadDocument } from "@/app/api/verify/document/route";
import { openSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { documentReadQueue, terminateDocumentReaders } from "@/lib/documents";
import { buildPngBomb, renderAamvaBarcode, TEST_IDENTITIES } from "@/lib/documents/testing";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { streamRequest } from "@/lib/testing/stream-request";
import { createVerificationRequest } from "@/lib/verification/requests/create-verification-request";
import { loadVerificationSession, VERIFICATION_SESSION_COOKIE } from "@/lib/verification/requests/load-verification-session";
import { nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import { createVerificationWorld, latestMessageText, tokenFrom } from "@/lib/verification/testing/verification-fixtures";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);

const URL = "http://localhost:3000/api/verify/document";
const BOUNDARY = "----upload-test-boundary";
const MB = 1024 * 1024;

let world: Awaited<ReturnType<typeof createVerificationWorld>>;
/** A photo that decodes but shows no document: an unreadable attempt. */
let blank: Buffer;

async function upload(image: Uint8Array, type = "image/png", name = "photo.png") {
  const form = new FormData();
  form.set("document", new File([new Uint8Array(image)], name, { type }));
  const response = await uploadDocument(new Request(URL, { method: "POST", body: form }));
  return { status: response.status, headers: response.headers, body: (await response.json()) as { ok: boolean; error?: string; attemptsLeft?: number; ended?: boolean } };
}

async function verificationRow(id: string) {
  return db().verificationRequest.findUniqueOrThrow({ where: { id }, include: { evidence: { orderBy: { createdAt: "asc" } } } });
}

/** Runs `work` while sampling this process's RSS; returns its result and the largest growth seen. */
async function withPeakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakGrowth: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakGrowth: peak - before };
  } finally {
    clearInterval(sampler);
  }
}

/** Spends a link in this browser (sets the session cookie) and returns the verification it opened. */
async function startLink(token: string) {
  await expect(startVerificationAction(token)).rejects.toMatchObject({ digest: expect.stringContaining("/verify/continue") });
  const session = await loadVerificationSession(fakeBrowser.jar.get(VERIFICATION_SESSION_COOKIE));
  if (!session) throw new Error("no session cookie after start");
  return session;
}

/** Self-service under the default policy opens at the document step. */
async function startAtDocumentStep() {
  const employee = await world.createEmployee();
  await expect(startSelfServiceAction({ address: employee.login })).rejects.toMatchObject({ digest: expect.stringContaining("/portal/continue") });
  const session = await startLink(fakeBrowser.jar.get("verifyd_portal")!);
  expect(nextVerificationStep(session)).toBe("DOCUMENT");
  return session;
}

/**
 * A chunked multipart upload (no Content-Length) whose file part never ends before `totalBytes`: each pull
 * makes a fresh chunk, so a server that buffers the body really holds all of it. `pulled()` says how much
 * the server asked for.
 */
function chunkedUpload(totalBytes: number) {
  let pulled = 0;
  const head = new TextEncoder().encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="document"; filename="huge.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(head);
    },
    pull(controller) {
      if (pulled >= totalBytes) return controller.close();
      const chunk = new Uint8Array(256 * 1024).fill(0x41 + ((pulled / (256 * 1024)) % 26));
      pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  const request = streamRequest(URL, body, { "content-type": `multipart/form-data; boundary=${BOUNDARY}` });
  return { request, pulled: () => pulled };
}

describe("POST /api/verify/document", () => {
  beforeAll(async () => {
    await useFreshDatabase("document_upload");
    world = await createVerificationWorld("upload");
    blank = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#8a8f96" } }).png().toBuffer();
  }, 120_000);
  afterEach(() => fakeBrowser.reset());
  afterAll(async () => {
    await terminateDocumentReaders();
  });

  it("refuses a chunked 512 MB body with 413 once it passes the limit; memory stays bounded", { timeout: 120_000 }, async () => {
    await startAtDocumentStep();
    // Warm-up: the first request loads modules and grows the heap once; the measured one is the second.
    const warmUp = chunkedUpload(32 * MB);
    expect((await uploadDocument(warmUp.request)).status).toBe(413);

    const huge = chunkedUpload(512 * MB);
    const before = process.memoryUsage().rss;
    const response = await uploadDocument(huge.request);
    const grown = process.memoryUsage().rss - before;
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ ok: false, error: expect.stringContaining("larger than 12 MB") });
    // Today's main read the whole body into memory (request.formData()): half a gigabyte.
    expect(grown).toBeLessThan(64 * MB);
    expect(huge.pulled()).toBeLessThan(13 * MB);
  });

  it("refuses an upload at another step with 409 before reading its body", { timeout: 60_000 }, async () => {
    const employee = await world.createEmployee();
    const created = await createVerificationRequest({ employeeId: employee.id, purpose: "PASSWORD_RESET" }, { type: "CONSOLE_USER", user: world.agent });
    const session = await startLink(tokenFrom(await latestMessageText(created.id)));
    expect(nextVerificationStep(session)).toBe("CODE");
    const upload = chunkedUpload(64 * MB);
    const response = await uploadDocument(upload.request);
    expect(response.status).toBe(409);
    expect(upload.pulled()).toBeLessThanOrEqual(256 * 1024);
  });

  it("refuses a decompression bomb (9000 x 9000 px in a 240 KB PNG) from its header: 422, no attempt, never decoded", { timeout: 60_000 }, async () => {
    const session = await startAtDocumentStep();
    const bomb = await buildPngBomb(9000, 9000);
    expect(bomb.byteLength).toBeLessThan(512 * 1024);
    const vipsHighWater = sharp.cache().memory.high;
    const { result, peakGrowth } = await withPeakRss(() => upload(bomb));
    expect(result.status).toBe(422);
    expect(result.body.error).toMatch(/more than 40 megapixels/);
    // Decoded, the canvas is 243 MB (today's main decoded up to 100 MP): neither libvips nor the process grew.
    expect(sharp.cache().memory.high).toBeLessThanOrEqual(Math.max(vipsHighWater, 64 * MB));
    expect(peakGrowth).toBeLessThan(64 * MB);
    const row = await verificationRow(session.id);
    expect(row).toMatchObject({ status: "IN_PROGRESS", documentAttempts: 0, evidence: [] });
  });

  it("refuses an SVG declared as image/jpeg with 415, before any decoder runs and without counting an attempt", { timeout: 60_000 }, async () => {
    const session = await startAtDocumentStep();
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800"><rect width="1200" height="800" fill="#fff"/><text x="40" y="400" font-size="60">P&lt;UTOERIKSSON&lt;&lt;ANNA</text></svg>');
    const refused = await upload(svg, "image/jpeg", "licence.jpg");
    expect(refused.status).toBe(415);
    expect((await verificationRow(session.id)).documentAttempts).toBe(0);
    // TIFF and GIF (which sharp also decodes) likewise.
    const pixel = sharp({ create: { width: 400, height: 300, channels: 3, background: "#fff" } });
    expect((await upload(await pixel.clone().tiff().toBuffer(), "image/jpeg")).status).toBe(415);
    expect((await upload(await pixel.clone().gif().toBuffer(), "image/png")).status).toBe(415);
  });

  it("a parallel burst of uploads reads no more photos than the policy allows attempts", { timeout: 120_000 }, async () => {
    const session = await startAtDocumentStep();
    const burst = await Promise.all(Array.from({ length: 8 }, () => upload(blank)));
    const row = await verificationRow(session.id);
    expect(row.documentAttempts).toBe(session.policy.maxAttempts);
    expect(row.evidence.length).toBe(session.policy.maxAttempts);
    expect(burst.filter((r) => r.status === 422)).toHaveLength(session.policy.maxAttempts);
    expect(burst.filter((r) => r.status === 409)).toHaveLength(8 - session.policy.maxAttempts);
    expect(burst.filter((r) => r.body.ended)).toHaveLength(1);
    expect(row.status).toBe("FAILED");
  });

  it("counts a readable upload too, and keeps only the newest photo, downsized to a JPEG", { timeout: 60_000 }, async () => {
    const session = await startAtDocumentStep();
    expect((await upload(blank)).status).toBe(422);
    const licence = await renderAamvaBarcode(TEST_IDENTITIES.valid);
    expect((await upload(licence)).body).toMatchObject({ ok: true });
    const row = await verificationRow(session.id);
    // Today's main: a readable upload was not an attempt (1), and both photos stayed sealed at full size.
    expect(row.documentAttempts).toBe(2);
    expect(row.evidence.map((evidence) => evidence.readable)).toEqual([false, true]);
    const [first, latest] = row.evidence;
    expect(first).toMatchObject({ sealedImage: null, imageDeletedAt: expect.any(Date) });
    const kept = Buffer.from(openSecret(Buffer.from(latest!.sealedImage!).toString("utf8"), `evidence:${latest!.id}`), "base64");
    const metadata = await sharp(kept).metadata();
    expect(metadata.format).toBe("jpeg");
    expect(Math.max(metadata.width!, metadata.height!)).toBeLessThanOrEqual(1600);
    expect(latest!.imageBytes).toBe(licence.byteLength);
  });

  it("answers 503 with Retry-After when the document readers' queue is full, without spending an attempt", { timeout: 60_000 }, async () => {
    const session = await startAtDocumentStep();
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const occupying: Promise<void>[] = [];
    // Fill every running slot and the waiting room (2 + 6) with work that waits for the test.
    for (let index = 0; index < 8; index += 1) occupying.push(documentReadQueue.run(() => blocked));
    try {
      expect(documentReadQueue.size).toEqual({ running: 2, waiting: 6 });
      const busy = await upload(blank);
      expect(busy.status).toBe(503);
      expect(Number(busy.headers.get("retry-after"))).toBeGreaterThan(0);
      expect((await verificationRow(session.id)).documentAttempts).toBe(0);
    } finally {
      release();
      await Promise.all(occupying);
    }
    expect((await upload(blank)).status).toBe(422);
    expect((await verificationRow(session.id)).documentAttempts).toBe(1);
  });

  it("reads an iPhone HEIC photo (HEVC), whatever type the phone declared", { timeout: 60_000 }, async () => {
    const heic = readFileSync(path.join(process.cwd(), "lib/documents/testing/fixtures/licence-valid.heic"));
    const session = await startAtDocumentStep();
    expect((await upload(heic, "application/octet-stream", "IMG_0001.HEIC")).body).toMatchObject({ ok: true });
    expect((await verificationRow(session.id)).evidence).toMatchObject([{ readable: true, documentKind: "AAMVA" }]);
  });
});
