import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { startCredentialReset } from "@/lib/credential-reset/start-credential-reset";
import { db } from "@/lib/db/prisma";
import { terminateDocumentReaders } from "@/lib/documents";
import { buildMrz, renderAamvaBarcode, renderCardFront, renderMrzImage, TEST_IDENTITIES, withChromiumPage } from "@/lib/documents/testing";
import { cropPortrait } from "@/lib/face/testing/crop-portrait";
import { startSelfServiceVerification } from "@/lib/self-service/start-self-service-verification";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import { advanceVerification } from "@/lib/verification/requests/advance-verification";
import { getVerificationDetail } from "@/lib/verification/requests/get-verification-detail";
import { loadVerificationSession } from "@/lib/verification/requests/load-verification-session";
import { nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import { codeDestinations, confirmPossessionCode, sendPossessionCode } from "@/lib/verification/requests/possession-code";
import { startVerification } from "@/lib/verification/requests/start-verification";
import { submitDocumentFront } from "@/lib/verification/requests/submit-document-front";
import { submitIdentityDocument } from "@/lib/verification/requests/submit-identity-document";
import { readFaceSetImage } from "@/lib/face/testing/load-face-set";
import { defaultFaceCheckDeps } from "@/lib/verification/face/face-check-deps";
import { MAX_FACE_ATTEMPTS } from "@/lib/verification/face/face-challenge";
import { issueFaceChallenge } from "@/lib/verification/face/issue-face-challenge";
import { submitFaceFrame } from "@/lib/verification/face/submit-face-frame";
import { asCanvasFrame, makeFrameDue } from "@/lib/verification/face/testing/face-fixtures";
import { LIVE_FACE_MATCH, storedFace } from "@/lib/verification/testing/face-evidence-fixtures";
import { codeFrom, createVerificationWorld, latestMessageText } from "@/lib/verification/testing/verification-fixtures";

// A live face performing its challenge (turns, a step closer) cannot be made from still photos, so where a test
// needs a face that passed, its outcome is handed in through the seam the decision reads it from. The attacker's
// failing face below is the real engine on a real photo.
vi.mock("@/lib/verification/requests/face-evidence-of", async (actual: () => Promise<typeof import("@/lib/verification/requests/face-evidence-of")>) => (await import("@/lib/verification/testing/face-evidence-fixtures")).faceEvidenceSeam(await actual()));

const identity = TEST_IDENTITIES.valid;
let world: Awaited<ReturnType<typeof createVerificationWorld>>;
/** Licence fronts: the victim's data with a portrait, and the attacker's own real licence (another number and birth date). */
const fronts = {} as Record<"victim" | "victimWithOtherPortrait" | "attackersOwn", Buffer>;

async function session(token: string) {
  const loaded = await loadVerificationSession(token);
  if (!loaded) throw new Error("no session");
  return loaded;
}

/**
 * The attack of issue 14: someone types a colleague's address, uploads a barcode (or MRZ) they generated from the
 * colleague's name with the project's own helpers, and, holding the colleague's SIM, reads the text message. The
 * code step is walked only when the flow offers it: after the change it must not be offered at all.
 */
async function attack(image: Buffer, mobile: string, front = fronts.attackersOwn) {
  const victim = await world.createEmployee({ firstName: identity.directory.givenName, lastName: identity.directory.surname, mobilePhone: mobile, country: "US" });
  const started = await startSelfServiceVerification(victim.login);
  const { sessionToken } = await startVerification(started.token);
  const before = await session(sessionToken);
  // Nothing about the account may be shown before the evidence matched.
  expect(codeDestinations(before)).toEqual([]);
  expect(await submitIdentityDocument(before, image)).toMatchObject({ ok: true });
  // A licence's front, with the portrait, is asked for next; the attacker keeps trying the one they have.
  while ((await open(sessionToken)) === "DOCUMENT_FRONT") await submitDocumentFront(await session(sessionToken), front);
  if ((await open(sessionToken)) === "FACE") await faceTheCamera(sessionToken);
  if ((await open(sessionToken)) === "DETAILS") await advanceVerification(await session(sessionToken), { typed: {} });
  const afterUpload = await session(sessionToken);
  if ((await open(sessionToken)) === "CODE") {
    await sendPossessionCode(afterUpload, "SMS");
    await confirmPossessionCode(await session(sessionToken), codeFrom(await latestMessageText(afterUpload.id)));
    await advanceVerification(await session(sessionToken));
  }
  const decided = await db().verificationRequest.findUniqueOrThrow({ where: { id: afterUpload.id } });
  const reset = startCredentialReset({ requestId: decided.id, action: "MFA_RESET" }, { type: "EMPLOYEE" });
  return { decided, reset };
}

/** The step the verification waits on, or null once it has ended. */
async function open(sessionToken: string) {
  const current = await session(sessionToken);
  return current.status === "IN_PROGRESS" ? nextVerificationStep(current) : null;
}

/**
 * The attacker at the live-face step: their own real face, performed in the server's timing, with the real engine.
 * A generated MRZ image carries no portrait (and a printed one would be the victim's), so every attempt fails.
 */
async function faceTheCamera(sessionToken: string) {
  const deps = await defaultFaceCheckDeps();
  const own = await readFaceSetImage("fr-obama-2.jpg");
  for (let attempt = 0; attempt < MAX_FACE_ATTEMPTS; attempt++) {
    const challenge = await issueFaceChallenge(await session(sessionToken));
    for (let index = 0; index < challenge.schedule.length; index++) {
      await makeFrameDue(challenge.nonce, index);
      const outcome = await submitFaceFrame(await session(sessionToken), { nonce: challenge.nonce, index, bytes: await asCanvasFrame(own, 70 + attempt * 5 + index) }, deps);
      if (outcome.status !== "accepted") break;
    }
  }
  expect(nextVerificationStep(await session(sessionToken))).not.toBe("FACE");
}

describe("a generated document with a real employee's data (issue 14)", () => {
  beforeAll(async () => {
    await useFreshDatabase("forged_document");
    world = await createVerificationWorld("forged");
    const victimPortrait = await cropPortrait(await readFaceSetImage("fr-obama-1.jpg"));
    const otherPortrait = await cropPortrait(await readFaceSetImage("fr-biden-1.jpg"));
    await withChromiumPage(async (page) => {
      fronts.victim = await renderCardFront(identity, { page, portrait: victimPortrait });
      fronts.victimWithOtherPortrait = await renderCardFront(identity, { page, portrait: otherPortrait });
      fronts.attackersOwn = await renderCardFront(TEST_IDENTITIES.differentName, { page, portrait: otherPortrait, documentNumber: "D5550137", dateOfBirth: "1984-02-29" });
    });
  }, 180_000);
  afterAll(async () => {
    await terminateDocumentReaders();
  });
  afterEach(() => {
    storedFace.current = null;
  });

  it("a printed PDF417 barcode with the attacker's own licence front never unlocks a self-service MFA reset, and no code reaches the victim's phone", { timeout: 120_000 }, async () => {
    const { decided, reset } = await attack(await renderAamvaBarcode(identity), "+1 415 555 0190");
    await expect(reset).rejects.toThrow(/verified identity/);
    expect(decided.status).toBe("FAILED");
    // The two sides do not belong together: the verification ends at the front, before any camera or code.
    expect(decided.failureReason).toMatch(/front of the card did not match the card read/);
    const { policy } = await db().verificationRequest.findUniqueOrThrow({ where: { id: decided.id }, select: { policy: { select: { maxAttempts: true } } } });
    expect(decided.frontAttempts).toBe(policy.maxAttempts);
    expect(await db().faceCaptureAttempt.count({ where: { requestId: decided.id } })).toBe(0);
    const refusals = await db().auditEvent.findMany({ where: { targetId: decided.id, action: "verification.document_front_refused" } });
    expect(refusals.length).toBe(decided.frontAttempts);
    expect(refusals.every((event) => (event.details as { reason?: string }).reason === "OTHER_CARD")).toBe(true);
    expect(await db().outboxMessage.count({ where: { relatedId: decided.id, channel: "SMS" } })).toBe(0);
    expect(await db().credentialReset.count({ where: { requestId: decided.id } })).toBe(0);
  });

  it("a printed MRZ without a portrait is refused at the upload, with what to photograph; nothing is sent", { timeout: 90_000 }, async () => {
    const victim = await world.createEmployee({ firstName: identity.directory.givenName, lastName: identity.directory.surname, mobilePhone: "+1 415 555 0194", country: "US" });
    const { sessionToken } = await startVerification((await startSelfServiceVerification(victim.login)).token);
    const refused = await submitIdentityDocument(await session(sessionToken), await renderMrzImage(buildMrz(identity, "TD3")));
    expect(refused).toMatchObject({ ok: false, message: expect.stringMatching(/photo page of your passport: your portrait and the lines of <<< text/) });
    const after = await session(sessionToken);
    expect(nextVerificationStep(after)).toBe("DOCUMENT");
    expect(after.evidence[0]).toMatchObject({ readable: false, failureHint: "no_portrait" });
    expect(await db().outboxMessage.count({ where: { relatedId: after.id } })).toBe(0);
  });

  it("a printed passport page with someone's portrait never unlocks it either: the attacker's own face does not match", { timeout: 90_000 }, async () => {
    const image = await renderMrzImage(buildMrz(identity, "TD3"), { portrait: await readFaceSetImage("fr-biden-2.jpg") });
    const { decided, reset } = await attack(image, "+1 415 555 0191");
    await expect(reset).rejects.toThrow(/verified identity/);
    expect(decided.status).toBe("FAILED");
    expect((decided.decision as { reasons: string[] }).reasons.join(" ")).toMatch(/Live face did not match the passport portrait.*Assurance below/);
    expect(await db().credentialReset.count({ where: { requestId: decided.id } })).toBe(0);
  });

  it("the same document with a live face bound to its portrait reaches the code, then VERIFIED, with the face row", { timeout: 90_000 }, async () => {
    storedFace.current = LIVE_FACE_MATCH;
    const { decided, reset } = await attack(await renderAamvaBarcode(identity), "+1 415 555 0192", fronts.victim);
    expect(decided.status).toBe("VERIFIED");
    await expect(reset).resolves.toMatchObject({ created: true });
    expect(decided.decision).toMatchObject({
      assurance: { level: "DOCUMENT_AND_LIVE_FACE", label: "document and live face", required: "DOCUMENT_AND_LIVE_FACE", meetsPolicy: true },
      face: { portraitSource: "LICENCE_FRONT", similarity: 0.78 },
      checks: expect.arrayContaining([{ check: "LIVE_FACE", required: true, passed: true, detail: "Live face matched the licence portrait (similarity 0.78, threshold 0.60, liveness passed, challenge passed)." }]),
    });
    // What the agent's page reads back (through its schema): the level with its reasons and the face numbers.
    const detail = await getVerificationDetail(decided.id);
    expect(detail?.decision?.assurance).toMatchObject({ label: "document and live face", reasons: expect.arrayContaining([expect.stringMatching(/^Document data read by machine, not authenticated/)]) });
    expect(detail?.decision?.face).toMatchObject({ livenessScore: 0.88, portraitSource: "LICENCE_FRONT" });
  });

  it("someone else's face fails with the face reason, before any code is sent", { timeout: 90_000 }, async () => {
    storedFace.current = { ...LIVE_FACE_MATCH, similarity: 0.22, passed: false, reasons: ["similarity 0.22 below the threshold 0.60"] };
    const { decided, reset } = await attack(await renderAamvaBarcode(identity), "+1 415 555 0193", fronts.victimWithOtherPortrait);
    await expect(reset).rejects.toThrow(/verified identity/);
    expect(decided.status).toBe("FAILED");
    expect(decided.failureReason).toBe("Live face did not match the licence portrait (similarity 0.22 below the threshold 0.60).");
    expect(await db().outboxMessage.count({ where: { relatedId: decided.id } })).toBe(0);
  });
});
