import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as issueChallenge } from "@/app/api/verify/face/challenge/route";
import { db } from "@/lib/db/prisma";
import type { DetectedFace, FaceAnalysis, FaceEngine } from "@/lib/face/face-analysis";
import { faceSimilarity } from "@/lib/face/face-similarity";
import { readFaceSetImage } from "@/lib/face/testing/load-face-set";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import type { FaceCheckDeps } from "@/lib/verification/face/evaluate-face-capture";
import { type FaceMove, MAX_FACE_ATTEMPTS } from "@/lib/verification/face/face-challenge";
import { DEFAULT_FACE_THRESHOLDS } from "@/lib/verification/face/face-check-deps";
import { issueFaceChallenge } from "@/lib/verification/face/issue-face-challenge";
import { submitFaceFrame } from "@/lib/verification/face/submit-face-frame";
import { asCanvasFrame, makeFrameDue, startAtFaceStep } from "@/lib/verification/face/testing/face-fixtures";
import { advanceVerification } from "@/lib/verification/requests/advance-verification";
import { reloadVerificationSession, type VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import { createVerificationWorld } from "@/lib/verification/testing/verification-fixtures";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);

let world: Awaited<ReturnType<typeof createVerificationWorld>>;
let portrait: Buffer;
let photos: Buffer[];
let round = 0;

function face(yaw: number, width: number): DetectedFace {
  return {
    box: { x: 0.3, y: 0.25, width, height: width * 1.2 },
    detectionScore: 0.97,
    descriptor: [1, 0, 0],
    antispoofScore: 0.9,
    livenessScore: 0.95,
    pose: { yawDegrees: yaw, pitchDegrees: 0, rollDegrees: 0 },
    complete: true,
    exposure: { meanLuminance: 120, sharpness: 40 },
  };
}

/** An engine that sees the challenge performed: frames in order (straight, then each move), then the portrait. */
function performingEngine(moves: readonly FaceMove[]): FaceCheckDeps {
  const poses = [face(0, 0.3), ...moves.map((move) => (move === "TURN_LEFT" ? face(25, 0.3) : move === "TURN_RIGHT" ? face(-25, 0.3) : face(0, 0.42)))];
  let call = 0;
  const engine: FaceEngine = { analyze: async (): Promise<FaceAnalysis> => ({ width: 640, height: 480, faces: [poses[call++] ?? face(0, 0.2)] }) };
  return { engine, similarity: faceSimilarity, thresholds: DEFAULT_FACE_THRESHOLDS };
}

async function fresh(session: VerificationSession): Promise<VerificationSession> {
  const reloaded = await reloadVerificationSession(session);
  if (!reloaded) throw new Error("session ended");
  return reloaded;
}

/** Distinct bytes per call: the server refuses bytes it has seen before. */
async function photo(index: number): Promise<Buffer> {
  round += 1;
  return asCanvasFrame(photos[index % photos.length]!, 60 + (round % 35));
}

beforeAll(async () => {
  await useFreshDatabase("face_flow");
  world = await createVerificationWorld("faceflow");
  portrait = await readFaceSetImage("fr-obama-1.jpg");
  photos = await Promise.all(["fr-obama-2.jpg", "fr-obama-3.jpg", "fr-obama-4.jpg", "fr-obama-1.jpg"].map((file) => readFaceSetImage(file)));
});

beforeEach(() => fakeBrowser.reset());

describe("the face step in the verification flow", () => {
  it("a passed face check moves self-service on past the face step, and the decision carries a passed LIVE_FACE check", async () => {
    const session = await startAtFaceStep(world.createEmployee, portrait);
    const response = await issueChallenge();
    expect(response.status).toBe(200);
    const challenge = (await response.json()) as { nonce: string; steps: { move: FaceMove; prompt: string }[]; schedule: number[]; attemptsLeft: number };
    expect(challenge.attemptsLeft).toBe(MAX_FACE_ATTEMPTS - 1);
    expect(challenge.steps.every((step) => step.prompt.length > 0)).toBe(true);
    const deps = performingEngine(challenge.steps.map((step) => step.move));
    let outcome;
    for (let index = 0; index < challenge.schedule.length; index++) {
      await makeFrameDue(challenge.nonce, index);
      outcome = await submitFaceFrame(await fresh(session), { nonce: challenge.nonce, index, bytes: await photo(index) }, deps);
    }
    expect(outcome).toMatchObject({ status: "checked", passed: true });
    const after = await fresh(session);
    expect(nextVerificationStep(after)).not.toBe("FACE");
    // Whatever the rest decides (this test's document row is a stand-in), the face check itself passed.
    await advanceVerification(after, { typed: {} }).catch(() => undefined);
    const decided = await db().verificationRequest.findUniqueOrThrow({ where: { id: session.id } });
    expect(decided.decision).toMatchObject({ checks: expect.arrayContaining([expect.objectContaining({ check: "LIVE_FACE", required: true, passed: true })]) });
  });

  it("when every attempt failed, the flow moves on and the decision fails on the live face", async () => {
    const session = await startAtFaceStep(world.createEmployee, portrait);
    for (let attempt = 0; attempt < MAX_FACE_ATTEMPTS; attempt++) {
      const challenge = await issueFaceChallenge(await fresh(session));
      // Sent at once, before its time: refused, the attempt ends.
      await submitFaceFrame(await fresh(session), { nonce: challenge.nonce, index: 0, bytes: await photo(attempt) }, performingEngine([]));
    }
    await expect(issueFaceChallenge(await fresh(session))).rejects.toMatchObject({ code: "conflict" });
    const spent = await fresh(session);
    expect(nextVerificationStep(spent)).not.toBe("FACE");
    expect(await advanceVerification(spent, { typed: {} })).toBe("DONE");
    const decided = await db().verificationRequest.findUniqueOrThrow({ where: { id: session.id } });
    expect(decided.status).toBe("FAILED");
    expect(decided.decision).toMatchObject({ checks: expect.arrayContaining([expect.objectContaining({ check: "LIVE_FACE", passed: false })]) });
    expect((decided.decision as { reasons: string[] }).reasons.join(" ")).toMatch(/Live face did not match the passport portrait/);
  });

  it("the selfie frames are sealed until the decision and deleted with the evidence retention", async () => {
    const session = await startAtFaceStep(world.createEmployee, portrait);
    const challenge = await issueFaceChallenge(session);
    await makeFrameDue(challenge.nonce, 0);
    await submitFaceFrame(await fresh(session), { nonce: challenge.nonce, index: 0, bytes: await photo(0) }, performingEngine([]));
    const [kept] = await db().faceCaptureFrame.findMany({ where: { attempt: { requestId: session.id } } });
    expect(kept?.sealedImage).not.toBeNull();
    const { failVerification } = await import("@/lib/verification/requests/fail-verification");
    await failVerification(await fresh(session), "test ends it");
    const policy = (await fresh(session).catch(() => null))?.policy ?? (await db().verificationRequest.findUniqueOrThrow({ where: { id: session.id }, include: { policy: true } })).policy;
    const [after] = await db().faceCaptureFrame.findMany({ where: { attempt: { requestId: session.id } } });
    if (policy.evidenceRetention === "DELETE_ON_DECISION") expect(after).toMatchObject({ sealedImage: null, imageDeletedAt: expect.any(Date) });
    else expect(after?.imageDeleteAfter).toEqual(expect.any(Date));
    // The hash stays: the same bytes are still refused as a replay later.
    expect(after?.sha256).toBe(kept?.sha256);
  });

  it("the policy's minimum per purpose decides: by default self-service asks for a live face, helpdesk links do not", async () => {
    const { faceCheckRequired } = await import("@/lib/verification/face/face-check-required");
    const defaults = { minimumAssurance: null };
    expect(faceCheckRequired({ purpose: "MFA_RESET", policy: defaults })).toBe(false);
    expect(faceCheckRequired({ purpose: "ACCOUNT_RECOVERY", policy: defaults })).toBe(true);
    const raised = { minimumAssurance: { HELPDESK_CHECK: "POSSESSION_ONLY", PASSWORD_RESET: "DOCUMENT_DATA", MFA_RESET: "DOCUMENT_AND_LIVE_FACE", ACCOUNT_RECOVERY: "SIGNED_EVIDENCE" } };
    expect(faceCheckRequired({ purpose: "MFA_RESET", policy: raised })).toBe(true);
    // Signed evidence cannot be met with a face: the camera is not asked for in vain.
    expect(faceCheckRequired({ purpose: "ACCOUNT_RECOVERY", policy: raised })).toBe(false);
  });
});
