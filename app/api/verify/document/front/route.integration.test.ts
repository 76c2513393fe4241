import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startSelfServiceAction } from "@/app/(public)/portal/actions";
import { startVerificationAction } from "@/app/(public)/verify/actions";
import { POST as uploadDocument } from "@/app/api/verify/document/route";
import { POST as uploadFront } from "@/app/api/verify/document/front/route";
import { openSecret } from "@/lib/crypto/server-keyring";
import { db } from "@/lib/db/prisma";
import { terminateDocumentReaders } from "@/lib/documents";
import { buildMrz, renderAamvaBarcode, renderCardFront, renderMrzImage, TEST_IDENTITIES, withChromiumPage } from "@/lib/documents/testing";
import { cropPortrait } from "@/lib/face/testing/crop-portrait";
import { readFaceSetImage } from "@/lib/face/testing/load-face-set";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { loadDocumentPortrait } from "@/lib/verification/face/load-document-portrait";
import { failVerification } from "@/lib/verification/requests/fail-verification";
import { loadVerificationSession, verificationSteps, VERIFICATION_SESSION_COOKIE } from "@/lib/verification/requests/load-verification-session";
import { nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import { createVerificationWorld } from "@/lib/verification/testing/verification-fixtures";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);

const person = TEST_IDENTITIES.valid;
let world: Awaited<ReturnType<typeof createVerificationWorld>>;
/** The back (PDF417) and the matching front of one licence, the front of another licence, and a front with no photo. */
const cards = {} as Record<"back" | "front" | "otherFront" | "noPortrait" | "idCardBack" | "idCardFront", Buffer>;

async function post(route: (request: Request) => Promise<Response>, path: string, image: Buffer) {
  const form = new FormData();
  form.set("document", new File([new Uint8Array(image)], "photo.png", { type: "image/png" }));
  const response = await route(new Request(`http://localhost:3000${path}`, { method: "POST", body: form }));
  return { status: response.status, body: (await response.json()) as { ok: boolean; error?: string; step?: string; attemptsLeft?: number; ended?: boolean } };
}
const sendBack = (image: Buffer) => post(uploadDocument, "/api/verify/document", image);
const sendFront = (image: Buffer) => post(uploadFront, "/api/verify/document/front", image);

async function currentSession() {
  const session = await loadVerificationSession(fakeBrowser.jar.get(VERIFICATION_SESSION_COOKIE));
  if (!session) throw new Error("no session");
  return session;
}

/** Self-service under the default policy (a live face is required for recovery), with the licence's back read. */
async function startWithBackRead(back = cards.back) {
  const employee = await world.createEmployee();
  fakeBrowser.reset();
  await expect(startSelfServiceAction({ address: employee.login })).rejects.toMatchObject({ digest: expect.stringContaining("/portal/continue") });
  await expect(startVerificationAction(fakeBrowser.jar.get("verifyd_portal")!)).rejects.toMatchObject({ digest: expect.stringContaining("/verify/continue") });
  const read = await sendBack(back);
  expect(read).toMatchObject({ status: 200, body: { ok: true, step: "DOCUMENT_FRONT" } });
  return currentSession();
}

async function frontAudits(requestId: string) {
  return db().auditEvent.findMany({ where: { targetId: requestId, action: { startsWith: "verification.document_front" } }, orderBy: { id: "asc" } });
}

describe("POST /api/verify/document/front: the side with the portrait, bound to the card read", () => {
  beforeAll(async () => {
    await useFreshDatabase("document_front");
    world = await createVerificationWorld("front");
    const portrait = await cropPortrait(await readFaceSetImage("fr-obama-1.jpg"));
    await withChromiumPage(async (page) => {
      cards.front = await renderCardFront(person, { page, portrait });
      cards.otherFront = await renderCardFront(person, { page, portrait, documentNumber: "D5550137", dateOfBirth: "1984-02-29" });
      cards.noPortrait = await renderCardFront(person, { page });
      cards.idCardFront = await renderCardFront(person, { page, portrait, layout: "EU_ID_CARD" });
      // An ID card's MRZ side, with no photo on it (most ID cards carry the photo on the other side).
      cards.idCardBack = await renderMrzImage(buildMrz(person, "TD1"), { page });
    });
    cards.back = await renderAamvaBarcode(person);
  }, 180_000);
  afterEach(() => fakeBrowser.reset());
  afterAll(async () => {
    await terminateDocumentReaders();
  });

  it("after a licence's barcode the front is asked for, shown as its own step, before the live face", { timeout: 90_000 }, async () => {
    const session = await startWithBackRead();
    expect(nextVerificationStep(session)).toBe("DOCUMENT_FRONT");
    expect(verificationSteps(session).map((step) => step.id)).toEqual(["DOCUMENT", "DOCUMENT_FRONT", "FACE", "DETAILS", "CODE"]);
    // Not an upload for the read side any more: that step is done.
    expect((await sendBack(cards.back)).status).toBe(409);
  });

  it("a photo with no portrait is refused: it costs a front attempt, keeps nothing, and says what to photograph", { timeout: 90_000 }, async () => {
    const session = await startWithBackRead();
    const refused = await sendFront(cards.noPortrait);
    expect(refused).toMatchObject({ status: 422, body: { ok: false, attemptsLeft: session.policy.maxAttempts - 1, ended: false, error: expect.stringMatching(/couldn't find your photo/) } });
    const row = await db().verificationRequest.findUniqueOrThrow({ where: { id: session.id }, include: { evidence: true } });
    expect(row.frontAttempts).toBe(1);
    expect(row.evidence[0]).toMatchObject({ frontSealedImage: null, frontAcceptedAt: null });
    expect((await frontAudits(session.id)).map((event) => event.details)).toEqual([expect.objectContaining({ reason: "NO_PORTRAIT" })]);
  });

  it("the front of another card is refused, and the audit log says which values were missing, not what they were", { timeout: 90_000 }, async () => {
    const session = await startWithBackRead();
    const refused = await sendFront(cards.otherFront);
    expect(refused).toMatchObject({ status: 422, body: { error: expect.stringMatching(/couldn't match this side to the card you photographed/) } });
    const [event] = await frontAudits(session.id);
    expect(event?.details).toMatchObject({ reason: "OTHER_CARD", found: { documentNumber: false, dateOfBirth: false, surname: true } });
    expect(JSON.stringify(event?.details)).not.toContain(person.documentNumber);
    expect(nextVerificationStep(await currentSession())).toBe("DOCUMENT_FRONT");
  });

  it("the matching front is accepted and sealed beside the read; the live face is compared with its portrait; retention deletes it", { timeout: 90_000 }, async () => {
    const session = await startWithBackRead();
    expect(await sendFront(cards.front)).toMatchObject({ status: 200, body: { ok: true, step: "FACE" } });
    const after = await currentSession();
    const evidence = after.evidence[0]!;
    expect(evidence).toMatchObject({ frontAcceptedAt: expect.any(Date), frontCheck: { documentNumber: true, dateOfBirth: true, surname: true } });
    // Sealed under its own context: the read side's key context does not open it.
    const sealed = Buffer.from(evidence.frontSealedImage!).toString("utf8");
    expect(() => openSecret(sealed, `evidence:${evidence.id}`)).toThrow();
    const kept = Buffer.from(openSecret(sealed, `evidence-front:${evidence.id}`), "base64");
    expect((await sharp(kept).metadata()).format).toBe("jpeg");
    expect(loadDocumentPortrait(evidence)).toMatchObject({ source: "LICENCE_FRONT" });
    expect(await frontAudits(session.id)).toEqual([expect.objectContaining({ action: "verification.document_front_accepted" })]);
    // Once accepted, another front is not taken.
    expect((await sendFront(cards.otherFront)).status).toBe(409);

    await failVerification(after, "test: ended");
    const purged = await db().verificationEvidence.findUniqueOrThrow({ where: { id: evidence.id } });
    expect(purged).toMatchObject({ sealedImage: null, frontSealedImage: null, imageDeletedAt: expect.any(Date) });
  });

  it("refused fronts, up to the policy's attempts, end the verification: two cards that do not belong together never reach the camera", { timeout: 120_000 }, async () => {
    const session = await startWithBackRead();
    const allowed = session.policy.maxAttempts;
    expect(allowed).toBeGreaterThan(1);
    for (let attemptsLeft = allowed - 1; attemptsLeft > 0; attemptsLeft--) expect((await sendFront(cards.otherFront)).body).toMatchObject({ ok: false, attemptsLeft, ended: false });
    expect((await sendFront(cards.otherFront)).body).toMatchObject({ ok: false, attemptsLeft: 0, ended: true });
    const row = await db().verificationRequest.findUniqueOrThrow({ where: { id: session.id } });
    expect(row).toMatchObject({ status: "FAILED", failureReason: expect.stringMatching(/front of the card did not match/) });
    expect(await db().faceCaptureAttempt.count({ where: { requestId: session.id } })).toBe(0);
  });

  it("a parallel burst of fronts spends no more attempts than the policy allows", { timeout: 120_000 }, async () => {
    const session = await startWithBackRead();
    const allowed = session.policy.maxAttempts;
    const results = await Promise.all(Array.from({ length: allowed * 2 }, () => sendFront(cards.noPortrait)));
    const read = results.filter((result) => result.status === 422);
    expect(read.length).toBeLessThanOrEqual(allowed);
    // The rest are turned away without reading: the attempts are spent (409) or the reader is busy (503).
    expect(results.filter((result) => result.status !== 422).every((result) => result.status === 409 || result.status === 503)).toBe(true);
    const row = await db().verificationRequest.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.frontAttempts).toBeLessThanOrEqual(allowed);
    expect((await frontAudits(session.id)).length).toBe(read.length);
  });

  it("an ID card whose MRZ side has no photo is accepted, and its front (a European layout) is asked for and bound", { timeout: 120_000 }, async () => {
    await startWithBackRead(cards.idCardBack);
    expect((await currentSession()).evidence[0]).toMatchObject({ documentKind: "MRZ_TD1", readSidePortrait: false });
    expect(await sendFront(cards.idCardFront)).toMatchObject({ status: 200, body: { step: "FACE" } });
    expect(loadDocumentPortrait((await currentSession()).evidence[0])).toMatchObject({ source: "ID_CARD_FRONT" });
  });
});
