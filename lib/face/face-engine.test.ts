import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WorkQueueFullError } from "@/lib/documents/bounded-work-queue";
import { assessFaceQuality, SELFIE_QUALITY } from "./assess-face-quality";
import type { FaceAnalysis, FaceEngine } from "./face-analysis";
import { getFaceEngine, releaseFaceEngine } from "./face-engine";
import { faceSimilarity } from "./face-similarity";
import { DEFAULT_FACE_MATCH_THRESHOLD } from "./match-threshold";
import { readFaceSetImage } from "./testing/load-face-set";

// Real models, no mocks: the engine loads once for the file (well under a second here) and every image below is
// a real photo from lib/face/testing/faces (README there: sources and licences).
let engine: FaceEngine;
beforeAll(async () => {
  engine = await getFaceEngine();
});
afterAll(async () => {
  await releaseFaceEngine();
});

async function analyzeFile(file: string): Promise<FaceAnalysis> {
  return engine.analyze(await readFaceSetImage(file));
}

function onlyFace(analysis: FaceAnalysis) {
  expect(analysis.faces).toHaveLength(1);
  const [face] = analysis.faces;
  if (face == null) throw new Error("no face");
  return face;
}

describe("face engine", () => {
  it("finds one complete face with a unit 1024-d descriptor and both presentation-attack scores", async () => {
    const face = onlyFace(await analyzeFile("fr-obama-1.jpg"));
    expect(face.complete).toBe(true);
    expect(face.descriptor).toHaveLength(1024);
    expect(Math.hypot(...face.descriptor)).toBeCloseTo(1, 5);
    expect(face.detectionScore).toBeGreaterThan(0.6);
    for (const score of [face.antispoofScore, face.livenessScore]) {
      expect(score).toBeGreaterThan(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });

  it("shares one load between concurrent first callers", async () => {
    await releaseFaceEngine();
    const engines = await Promise.all([getFaceEngine(), getFaceEngine(), getFaceEngine()]);
    expect(new Set(engines).size).toBe(1);
    engine = engines[0] ?? engine;
  });

  it("gives concurrent analyses the same answers as one at a time (calls are queued, no state leaks)", async () => {
    const files = ["fr-obama-1.jpg", "fr-biden-2.jpg", "fr-rose-leslie-2.jpg"];
    const images = await Promise.all(files.map((file) => readFaceSetImage(file)));
    const together = await Promise.all(images.map((image) => engine.analyze(image)));
    for (const [i, image] of images.entries()) {
      const alone = await engine.analyze(image);
      expect(faceSimilarity(alone.faces[0]?.descriptor ?? [], together[i]?.faces[0]?.descriptor ?? [])).toBeGreaterThan(0.999);
    }
  });

  it("matches two different photos of the same person at the default threshold", async () => {
    const a = onlyFace(await analyzeFile("fr-obama-1.jpg"));
    const b = onlyFace(await analyzeFile("fr-obama-3.jpg"));
    expect(faceSimilarity(a.descriptor, b.descriptor)).toBeGreaterThanOrEqual(DEFAULT_FACE_MATCH_THRESHOLD);
  });

  it("does not match different people at the default threshold", async () => {
    const files = ["fr-obama-1.jpg", "fr-biden-2.jpg", "fr-rose-leslie-2.jpg", "fr-alex-lacamoire-3.jpg"];
    const faces = await Promise.all(files.map(async (file) => onlyFace(await analyzeFile(file))));
    for (let i = 0; i < faces.length; i++) {
      for (let j = i + 1; j < faces.length; j++) {
        expect(faceSimilarity(faces[i]?.descriptor ?? [], faces[j]?.descriptor ?? []), `${files[i]} ~ ${files[j]}`).toBeLessThan(DEFAULT_FACE_MATCH_THRESHOLD);
      }
    }
  });

  it("finds no face in a photo-sized image without one", async () => {
    const noise = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 40 } } }).jpeg().toBuffer();
    const analysis = await engine.analyze(noise);
    expect(analysis.faces).toEqual([]);
    expect(assessFaceQuality(analysis).reasons.map((r) => r.code)).toEqual(["NO_FACE"]);
  });

  it("reads yaw with the contract's sign, and mirroring the image flips it", async () => {
    // fr-obama-4: the head is turned so the nose points to the image's left (checked by eye): the person turned
    // to their own right, which the contract reads as yaw < 0.
    const obama = await readFaceSetImage("fr-obama-4.jpg");
    expect(onlyFace(await engine.analyze(obama)).pose.yawDegrees).toBeLessThan(-8);
    expect(onlyFace(await engine.analyze(await sharp(obama).flop().jpeg().toBuffer())).pose.yawDegrees).toBeGreaterThan(8);
    const kit = await readFaceSetImage("fr-kit-harington-2.jpg");
    expect(onlyFace(await engine.analyze(kit)).pose.yawDegrees).toBeGreaterThan(15);
    expect(onlyFace(await engine.analyze(await sharp(kit).flop().jpeg().toBuffer())).pose.yawDegrees).toBeLessThan(-15);
  });

  it("reads an in-plane clockwise rotation as positive roll", async () => {
    const image = await readFaceSetImage("fr-obama-1.jpg");
    const upright = onlyFace(await engine.analyze(image));
    const clockwise = onlyFace(await engine.analyze(await sharp(image).rotate(20, { background: "#000" }).jpeg().toBuffer()));
    expect(Math.abs(upright.pose.rollDegrees)).toBeLessThan(8);
    expect(clockwise.pose.rollDegrees).toBeGreaterThan(12);
  });
});

describe("assessFaceQuality on real photos", () => {
  it("accepts a clear frontal photo", async () => {
    const quality = assessFaceQuality(await analyzeFile("fr-obama-1.jpg"), SELFIE_QUALITY);
    expect(quality.reasons).toEqual([]);
    expect(quality.ok).toBe(true);
  });

  it("says the face is too dark", async () => {
    const dark = await sharp(await readFaceSetImage("fr-obama-1.jpg")).linear(0.15, 0).jpeg().toBuffer();
    const codes = assessFaceQuality(await engine.analyze(dark)).reasons.map((r) => r.code);
    expect(codes).toContain("TOO_DARK");
  });

  it("says the picture is blurred", async () => {
    const blurred = await sharp(await readFaceSetImage("fr-obama-1.jpg")).blur(8).jpeg().toBuffer();
    const codes = assessFaceQuality(await engine.analyze(blurred)).reasons.map((r) => r.code);
    expect(codes).toEqual(["BLURRY"]);
  });

  it("says a selfie's face is too small and asks to come closer", async () => {
    const face = await sharp(await readFaceSetImage("fr-obama-1.jpg")).resize({ height: 240 }).toBuffer();
    const far = await sharp({ create: { width: 1280, height: 960, channels: 3, background: "#777" } }).composite([{ input: face, gravity: "centre" }]).jpeg().toBuffer();
    const quality = assessFaceQuality(await engine.analyze(far), SELFIE_QUALITY);
    expect(quality.reasons.map((r) => r.code)).toEqual(["FACE_TOO_SMALL"]);
    expect(quality.reasons[0]?.message).toMatch(/come closer/);
  });

  it("says more than one face is in the picture", async () => {
    const [left, right] = await Promise.all(["fr-obama-1.jpg", "fr-rose-leslie-2.jpg"].map(async (file) => sharp(await readFaceSetImage(file)).resize({ height: 400 }).toBuffer()));
    const two = await sharp({ create: { width: 900, height: 400, channels: 3, background: "#888" } })
      .composite([{ input: left ?? Buffer.alloc(0), left: 0, top: 0 }, { input: right ?? Buffer.alloc(0), left: 420, top: 0 }])
      .jpeg()
      .toBuffer();
    const codes = assessFaceQuality(await engine.analyze(two)).reasons.map((r) => r.code);
    expect(codes).toContain("SEVERAL_FACES");
  });

  it("says a turned face is not frontal", async () => {
    const quality = assessFaceQuality(await analyzeFile("tv-stuart-5.jpg"));
    // About 27 degrees of yaw: past the 25 a document portrait or a match selfie may have.
    expect(quality.reasons.map((r) => r.code)).toContain("NOT_FRONTAL");
  });
});

describe("assessFaceQuality cut-off", () => {
  it("says part of the face is outside the picture when the photo cuts through it", async () => {
    const image = await readFaceSetImage("fr-obama-1.jpg");
    const { width, height } = await sharp(image).metadata();
    const cut = await sharp(image).extract({ left: 0, top: 0, width: width ?? 0, height: Math.round((height ?? 0) * 0.33) }).jpeg().toBuffer();
    // The top third of fr-obama-1 ends above his chin.
    const analysis = await engine.analyze(cut);
    const codes = assessFaceQuality(analysis).reasons.map((r) => r.code);
    expect(codes).toContain("FACE_CUT_OFF");
  });
});

describe("face engine under a burst", () => {
  it("refuses analyses beyond the waiting room at once instead of piling them up", async () => {
    const image = await readFaceSetImage("tv-raj-1.jpg");
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => engine.analyze(image)));
    const refused = results.filter((r) => r.status === "rejected");
    // One runs, sixteen wait, the other three are refused.
    expect(refused).toHaveLength(3);
    for (const r of refused) expect(r.status === "rejected" && r.reason instanceof WorkQueueFullError).toBe(true);
    expect(results.filter((r) => r.status === "fulfilled" && r.value.faces.length === 1)).toHaveLength(17);
  });
});
