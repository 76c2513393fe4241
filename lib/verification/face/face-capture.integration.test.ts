import sharp from "sharp";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as uploadFrame } from "@/app/api/verify/face/frame/route";
import { db } from "@/lib/db/prisma";
import type { FaceEngine } from "@/lib/face/face-analysis";
import { faceSimilarity } from "@/lib/face/face-similarity";
import { readFaceSetImage } from "@/lib/face/testing/load-face-set";
import { loadHeadTurn } from "@/lib/face/testing/load-head-turn";
import { turnPhoto } from "@/lib/face/testing/warp-perspective";
import type { RgbFrame } from "@/lib/face/testing/write-y4m";
import { fakeBrowser } from "@/lib/testing/fake-next-headers";
import { useFreshDatabase } from "@/lib/testing/fresh-database";
import type { FaceCheckDeps } from "@/lib/verification/face/evaluate-face-capture";
import { MAX_FACE_ATTEMPTS } from "@/lib/verification/face/face-challenge";
import { DEFAULT_FACE_THRESHOLDS } from "@/lib/verification/face/face-check-deps";
import { hashFaceNonce, issueFaceChallenge } from "@/lib/verification/face/issue-face-challenge";
import { submitFaceFrame } from "@/lib/verification/face/submit-face-frame";
import { asCanvasFrame, makeFrameDue, startAtFaceStep } from "@/lib/verification/face/testing/face-fixtures";
import { reloadVerificationSession, VERIFICATION_SESSION_COOKIE, type VerificationSession } from "@/lib/verification/requests/load-verification-session";
import { nextVerificationStep } from "@/lib/verification/requests/advance-verification";
import { DEFAULT_POLICY, getCurrentPolicy, saveVerificationPolicy } from "@/lib/verification/policy";
import { createVerificationWorld } from "@/lib/verification/testing/verification-fixtures";

vi.mock("next/headers", async () => (await import("@/lib/testing/fake-next-headers")).fakeNextHeaders);

/** These tests stop before the engine runs: any call to it is a bug in the refusal under test. */
const noEngine: FaceCheckDeps = {
  engine: { analyze: () => Promise.reject(new Error("the engine must not run for a refused frame")) } satisfies FaceEngine,
  similarity: faceSimilarity,
  thresholds: DEFAULT_FACE_THRESHOLDS,
};

let world: Awaited<ReturnType<typeof createVerificationWorld>>;
let portrait: Buffer;
/** Distinct camera-like frames (each a different photo, so no two share bytes). */
let frames: Buffer[];

async function fresh(session: VerificationSession): Promise<VerificationSession> {
  const reloaded = await reloadVerificationSession(session);
  if (!reloaded) throw new Error("session ended");
  return reloaded;
}

async function attemptOf(nonce: string) {
  return db().faceCaptureAttempt.findUniqueOrThrow({ where: { nonceHash: hashFaceNonce(nonce) }, include: { frames: true } });
}

beforeAll(async () => {
  await useFreshDatabase("face_capture");
  world = await createVerificationWorld("face");
  portrait = await readFaceSetImage("fr-obama-1.jpg");
  frames = await Promise.all(["fr-obama-2.jpg", "fr-obama-3.jpg", "fr-obama-4.jpg", "fr-obama-1.jpg"].map(async (file) => asCanvasFrame(await readFaceSetImage(file))));
});

beforeEach(() => fakeBrowser.reset());

describe("live face capture: challenge and frames", () => {
  it("a self-service verification asks for the live face right after the document", async () => {
    const session = await startAtFaceStep(world.createEmployee, portrait);
    expect(nextVerificationStep(session)).toBe("FACE");
  });

  it("a parallel burst of challenge requests gets no more than the attempt limit", async () => {
    const session = await startAtFaceStep(world.createEmployee, portrait);
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => issueFaceChallenge(session)));
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(MAX_FACE_ATTEMPTS);
    expect(results.filter((result) => result.status === "rejected").map((result) => (result as PromiseRejectedResult).reason.code)).toEqual(Array(12 - MAX_FACE_ATTEMPTS).fill("rate_limited"));
    const row = await db().verificationRequest.findUniqueOrThrow({ where: { id: session.id }, include: { faceCaptures: true } });
    expect(row.faceAttempts).toBe(MAX_FACE_ATTEMPTS);
    expect(row.faceCaptures).toHaveLength(MAX_FACE_ATTEMPTS);
    // One camera, one check: only the newest challenge is still open.
    expect(row.faceCaptures.filter((capture) => capture.status === "ISSUED")).toHaveLength(1);
  });

  it("a frame sent before its scheduled time, or after its window, is refused and ends the attempt", async () => {
    const session = await startAtFaceStep(world.createEmployee, portrait);
    const early = await issueFaceChallenge(session);
    await expect(submitFaceFrame(await fresh(session), { nonce: early.nonce, index: 0, bytes: frames[0]! }, noEngine)).resolves.toMatchObject({ status: "refused", reason: "timing" });
    expect((await attemptOf(early.nonce)).status).toBe("FAILED");

    const late = await issueFaceChallenge(await fresh(session));
    const attempt = await attemptOf(late.nonce);
    await db().faceCaptureAttempt.update({ where: { id: attempt.id }, data: { issuedAt: new Date(Date.now() - 60 * 60 * 1000) } });
    await expect(submitFaceFrame(await fresh(session), { nonce: late.nonce, index: 0, bytes: frames[1]! }, noEngine)).resolves.toMatchObject({ status: "refused", reason: "timing" });

    const skipped = await issueFaceChallenge(await fresh(session));
    await makeFrameDue(skipped.nonce, 1);
    await expect(submitFaceFrame(await fresh(session), { nonce: skipped.nonce, index: 1, bytes: frames[2]! }, noEngine)).resolves.toMatchObject({ status: "refused", reason: "timing" });
    const audits = await db().auditEvent.findMany({ where: { targetId: session.id, action: "verification.face_frame_refused" } });
    expect(audits).toHaveLength(3);
  });

  it("a frame identical to one of an earlier attempt is refused as a replay", async () => {
    const session = await startAtFaceStep(world.createEmployee, portrait);
    const first = await issueFaceChallenge(session);
    await makeFrameDue(first.nonce, 0);
    await expect(submitFaceFrame(await fresh(session), { nonce: first.nonce, index: 0, bytes: frames[0]! }, noEngine)).resolves.toEqual({ status: "accepted", nextIndex: 1 });

    const second = await issueFaceChallenge(await fresh(session));
    await makeFrameDue(second.nonce, 0);
    await expect(submitFaceFrame(await fresh(session), { nonce: second.nonce, index: 0, bytes: frames[0]! }, noEngine)).resolves.toMatchObject({ status: "refused", reason: "replayed" });
    expect((await attemptOf(second.nonce)).frames).toHaveLength(0);
  });

  it("frames carrying editing-software metadata, or screenshots, are refused", async () => {
    const session = await startAtFaceStep(world.createEmployee, portrait);
    const edited = await sharp(frames[0]!).withExif({ IFD0: { Software: "Adobe Photoshop 26.1" } }).jpeg().toBuffer();
    const challenge = await issueFaceChallenge(session);
    await makeFrameDue(challenge.nonce, 0);
    await expect(submitFaceFrame(await fresh(session), { nonce: challenge.nonce, index: 0, bytes: edited }, noEngine)).resolves.toMatchObject({ status: "refused", reason: "edited" });

    const screenshot = await sharp(frames[1]!).png().toBuffer();
    const next = await issueFaceChallenge(await fresh(session));
    await makeFrameDue(next.nonce, 0);
    await expect(submitFaceFrame(await fresh(session), { nonce: next.nonce, index: 0, bytes: screenshot }, noEngine)).resolves.toMatchObject({ status: "refused", reason: "not_jpeg" });
  });

  it("a nonce is useless in another browser session, through the upload route", async () => {
    const victim = await startAtFaceStep(world.createEmployee, portrait);
    const challenge = await issueFaceChallenge(victim);
    await makeFrameDue(challenge.nonce, 0);
    // Another verification's browser (its own session cookie) replays the victim's nonce.
    await startAtFaceStep(world.createEmployee, portrait);
    expect(fakeBrowser.jar.get(VERIFICATION_SESSION_COOKIE)).toBeDefined();
    const form = new FormData();
    form.set("nonce", challenge.nonce);
    form.set("index", "0");
    form.set("frame", new File([new Uint8Array(frames[3]!)], "frame-0.jpg", { type: "image/jpeg" }));
    const response = await uploadFrame(new Request("http://localhost:3000/api/verify/face/frame", { method: "POST", body: form }));
    expect(response.status).toBe(404);
    expect((await attemptOf(challenge.nonce)).framesReceived).toBe(0);
  });
});

describe("live face capture with the real engine", () => {
  let deps: FaceCheckDeps;
  beforeAll(async () => {
    const { defaultFaceCheckDeps } = await import("@/lib/verification/face/face-check-deps");
    deps = await defaultFaceCheckDeps();
  });
  afterAll(async () => {
    const { releaseFaceEngine } = await import("@/lib/face/face-engine");
    await releaseFaceEngine();
  });

  /** Sends `images` as the frames of a fresh challenge, each when it is due; returns the attempt's evidence. */
  async function performChallenge(session: VerificationSession, images: (index: number, move: string | undefined) => Buffer | Promise<Buffer>) {
    const challenge = await issueFaceChallenge(session);
    let outcome;
    for (let index = 0; index < challenge.schedule.length; index++) {
      await makeFrameDue(challenge.nonce, index);
      const bytes = await images(index, challenge.steps[index - 1]?.move);
      outcome = await submitFaceFrame(await fresh(session), { nonce: challenge.nonce, index, bytes }, deps);
    }
    expect(outcome).toMatchObject({ status: "checked", passed: false });
    return (await attemptOf(challenge.nonce)).evidence as { passed: boolean; challengePassed: boolean; reasons: string[] };
  }

  it("a real person turning left and coming closer, matching the document's portrait, passes", async () => {
    const session = await startAtFaceStep(world.createEmployee, await readFaceSetImage("fr-lin-manuel-miranda-1.jpg"));
    const footage = new Map((await loadHeadTurn()).map((frame) => [frame.file, frame.image]));
    const challenge = await issueFaceChallenge(session);
    // The footage holds one turn (to his left) and a lean in: the server's draw is pinned to the moves it shows.
    await db().faceCaptureAttempt.update({ where: { nonceHash: hashFaceNonce(challenge.nonce) }, data: { challenge: ["TURN_LEFT", "COME_CLOSER"], schedule: [2500, 5000, 7500] } });
    const shots = ["miranda-016.jpg", "miranda-021.jpg", "miranda-023.jpg"];
    let outcome;
    for (const [index, file] of shots.entries()) {
      await makeFrameDue(challenge.nonce, index);
      outcome = await submitFaceFrame(await fresh(session), { nonce: challenge.nonce, index, bytes: await asCanvasFrame(footage.get(file)!) }, deps);
    }
    const evidence = (await attemptOf(challenge.nonce)).evidence as { passed: boolean; reasons: string[] };
    expect(evidence.reasons).toEqual([]);
    expect(outcome).toMatchObject({ status: "checked", passed: true });
    expect(nextVerificationStep(await fresh(session))).not.toBe("FACE");
  }, 120_000);

  it("the policy's face match threshold decides: the same genuine check fails when the admin raised it to 0.75", async () => {
    const admin = await db().consoleUser.create({ data: { email: "face-admin@example.com", name: "Face Admin", role: "ADMIN", passwordHash: "unused", mustChangePassword: false } });
    const current = await getCurrentPolicy();
    await saveVerificationPolicy(admin, { ...DEFAULT_POLICY, faceMatchThreshold: 0.75, expectedVersion: current.version }, { ip: "127.0.0.1", userAgent: "vitest" });
    try {
      const session = await startAtFaceStep(world.createEmployee, await readFaceSetImage("fr-lin-manuel-miranda-1.jpg"));
      expect(session.policy.faceMatchThreshold).toBe(0.75);
      const footage = new Map((await loadHeadTurn()).map((frame) => [frame.file, frame.image]));
      const challenge = await issueFaceChallenge(session);
      await db().faceCaptureAttempt.update({ where: { nonceHash: hashFaceNonce(challenge.nonce) }, data: { challenge: ["TURN_LEFT", "COME_CLOSER"], schedule: [2500, 5000, 7500] } });
      for (const [index, file] of ["miranda-016.jpg", "miranda-021.jpg", "miranda-023.jpg"].entries()) {
        await makeFrameDue(challenge.nonce, index);
        await submitFaceFrame(await fresh(session), { nonce: challenge.nonce, index, bytes: await asCanvasFrame(footage.get(file)!, 86) }, deps);
      }
      const evidence = (await attemptOf(challenge.nonce)).evidence as { passed: boolean; threshold: number; reasons: string[] };
      expect(evidence).toMatchObject({ passed: false, threshold: 0.75 });
      expect(evidence.reasons).toEqual(["The face does not match the document's portrait."]);
    } finally {
      await saveVerificationPolicy(admin, { ...DEFAULT_POLICY, expectedVersion: (await getCurrentPolicy()).version }, { ip: "127.0.0.1", userAgent: "vitest" });
    }
  }, 120_000);

  it("a still photo (the same image as every frame) fails the challenge", async () => {
    const session = await startAtFaceStep(world.createEmployee, portrait);
    const still = await asCanvasFrame(await readFaceSetImage("fr-obama-2.jpg"), 90);
    const evidence = await performChallenge(session, () => still);
    expect(evidence.passed).toBe(false);
    expect(evidence.challengePassed).toBe(false);
    expect(evidence.reasons).toContain("Selfie frames were identical: a still image, not a live camera.");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { targetId: session.id, action: "verification.face_checked" } });
    expect(audit.details).toMatchObject({ passed: false, challengePassed: false });
    expect(JSON.stringify(audit.details)).not.toMatch(/similarity|score/i);
  }, 120_000);

  it("a print moved the ways a print can move (turned in space, brought closer), each frame new bytes, fails the challenge", async () => {
    const session = await startAtFaceStep(world.createEmployee, portrait);
    const photo = await sharp(await readFaceSetImage("fr-obama-2.jpg")).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const still: RgbFrame = { data: new Uint8Array(photo.data), width: photo.info.width, height: photo.info.height };
    const encode = (frame: RgbFrame, quality: number) => sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 3 } }).jpeg({ quality }).toBuffer();
    const evidence = await performChallenge(session, async (index, move) => {
      if (move === "TURN_LEFT") return asCanvasFrame(await encode(turnPhoto(still, 45), 90), 80 + index);
      if (move === "TURN_RIGHT") return asCanvasFrame(await encode(turnPhoto(still, -45), 90), 80 + index);
      if (move === "COME_CLOSER") return asCanvasFrame(await sharp(await encode(still, 90)).extract({ left: 30, top: 40, width: still.width - 60, height: still.height - 80 }).toBuffer(), 80 + index);
      return asCanvasFrame(await encode(still, 90), 80 + index);
    });
    expect(evidence.challengePassed).toBe(false);
    expect(evidence.reasons.some((reason) => /Challenge step \d \(TURN_(LEFT|RIGHT)\) was not performed/.test(reason))).toBe(true);
    expect(evidence.reasons).not.toContain("Selfie frames were identical: a still image, not a live camera.");
  }, 120_000);

  it("the portrait of one person and a selfie of another fail with the face reason", async () => {
    const session = await startAtFaceStep(world.createEmployee, await readFaceSetImage("fr-biden-1.jpg"));
    const selfies = await Promise.all(["fr-obama-2.jpg", "fr-obama-3.jpg", "fr-obama-4.jpg", "fr-obama-1.jpg"].map(async (file) => asCanvasFrame(await readFaceSetImage(file), 85)));
    const evidence = await performChallenge(session, (index) => selfies[index]!);
    expect(evidence.passed).toBe(false);
    expect(evidence.reasons).toContain("The face does not match the document's portrait.");
  }, 120_000);
});
