import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startSelfServiceAction } from "@/app/(public)/portal/actions";
import { startVerificationAction } from "@/app/(public)/verify/actions";
import { POST as uploadDocument } from "@/app/api/verify/document/route";
import { terminateDocumentReaders } from "@/lib/documents";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { streamRequest } from "@/lib/testing/stream-request";
import { createVerificationRequest } from "@/lib/verification/requests/create-verification-request";
import { loadVerificationSession, nextVerificationStep, VERIFICATION_SESSION_COOKIE } from "@/lib/verification/requests/load-verification-session";
import { createVerificationWorld, latestMessageText, tokenFrom } from "@/lib/verification/testing/verification-fixtures";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);

const URL = "http://localhost:3000/api/verify/document";
const BOUNDARY = "----upload-test-boundary";
const MB = 1024 * 1024;

let world: Awaited<ReturnType<typeof createVerificationWorld>>;

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
});
