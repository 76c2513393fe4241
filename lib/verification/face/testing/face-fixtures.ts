import sharp from "sharp";
import { expect } from "vitest";
import { startSelfServiceAction } from "@/app/(public)/portal/actions";
import { startVerificationAction } from "@/app/(public)/verify/actions";
import { sealSecret } from "@/lib/crypto/server-keyring";
import { parseMrz } from "@/lib/documents/parse-mrz";
import { buildMrz, TEST_IDENTITIES } from "@/lib/documents/testing";
import { toJson } from "@/lib/db/to-json";
import { db } from "@/lib/db/prisma";
import type { FaceEvidence } from "@/lib/face/face-analysis";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { faceScheduleSchema } from "@/lib/verification/face/face-challenge";
import { hashFaceNonce } from "@/lib/verification/face/issue-face-challenge";
import { loadVerificationSession, reloadVerificationSession, VERIFICATION_SESSION_COOKIE, type VerificationSession } from "@/lib/verification/requests/load-verification-session";

/**
 * A JPEG like the page's canvas sends: re-encoded without metadata, long edge at most 640 px. Another `quality`
 * gives other bytes of the same picture (the server refuses bytes it has seen before, in any attempt).
 */
export async function asCanvasFrame(image: Buffer, quality = 88): Promise<Buffer> {
  return sharp(image).rotate().resize({ width: 640, height: 640, fit: "inside", withoutEnlargement: true }).jpeg({ quality }).toBuffer();
}

/**
 * Self-service for a new employee in this fake browser, with an accepted passport photo page on file whose kept
 * image is `portrait` (sealed like submitIdentityDocument keeps it): the verification is at the FACE step.
 * The document's reading is not what these tests are about, so the evidence row is written directly.
 */
export async function startAtFaceStep(createEmployee: () => Promise<{ login: string }>, portrait: Buffer): Promise<VerificationSession> {
  const employee = await createEmployee();
  fakeBrowser.reset();
  await expect(startSelfServiceAction({ address: employee.login })).rejects.toMatchObject({ digest: expect.stringContaining("/portal/continue") });
  await expect(startVerificationAction(fakeBrowser.jar.get("verifyd_portal")!)).rejects.toMatchObject({ digest: expect.stringContaining("/verify/continue") });
  const session = await loadVerificationSession(fakeBrowser.jar.get(VERIFICATION_SESSION_COOKIE));
  if (!session) throw new Error("no session cookie after start");
  const id = crypto.randomUUID();
  const kept = await sharp(portrait).jpeg({ quality: 80 }).toBuffer();
  await db().verificationEvidence.create({
    data: {
      id,
      requestId: session.id,
      imageSha256: "test",
      imageBytes: kept.byteLength,
      sealedImage: Buffer.from(sealSecret(kept.toString("base64"), `evidence:${id}`), "utf8"),
      readable: true,
      documentKind: "MRZ_TD3",
      documentType: "P",
      issuingCountry: "UTO",
      expired: false,
      consistent: true,
      // A passport read as submitIdentityDocument stores it, so the face binds to an accepted document.
      extracted: toJson({ document: parseMrz(buildMrz(TEST_IDENTITIES.valid, "TD3"), new Date()), problems: [] }),
    },
  });
  const fresh = await reloadVerificationSession(session);
  if (!fresh) throw new Error("session vanished");
  return fresh;
}

/**
 * Moves the attempt's issue time back so that frame `index` is due now: the timing rule is exercised without
 * the test waiting for the real schedule (and without timed assertions).
 */
export async function makeFrameDue(nonce: string, index: number): Promise<void> {
  const attempt = await db().faceCaptureAttempt.findUniqueOrThrow({ where: { nonceHash: hashFaceNonce(nonce) } });
  const schedule = faceScheduleSchema.parse(attempt.schedule);
  await db().faceCaptureAttempt.update({ where: { id: attempt.id }, data: { issuedAt: new Date(Date.now() - schedule[index]! - 200) } });
}

export const PASSED_FACE: FaceEvidence = { portraitSource: "PASSPORT_PHOTO_PAGE", similarity: 0.8, threshold: 0.6, antispoofScore: 0.9, livenessScore: 0.9, challengePassed: true, passed: true, reasons: [] };

/** For tests of the steps after the face: records a passed live-face attempt as if the employee had done it. */
export async function recordPassedFaceCheck(session: { id: string; sessionTokenHash: string | null }, evidence: FaceEvidence = PASSED_FACE): Promise<void> {
  await db().$transaction([
    db().verificationRequest.update({ where: { id: session.id }, data: { faceAttempts: { increment: 1 } } }),
    db().faceCaptureAttempt.create({
      data: {
        requestId: session.id,
        issuedAt: new Date(),
        nonceHash: hashFaceNonce(crypto.randomUUID()),
        sessionTokenHash: session.sessionTokenHash ?? "",
        challenge: ["TURN_LEFT", "COME_CLOSER"],
        schedule: [2500, 5000, 7500],
        status: "PASSED",
        framesReceived: 3,
        evaluatedAt: new Date(),
        evidence: toJson(evidence),
      },
    }),
  ]);
}
