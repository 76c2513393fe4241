import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaceEngine } from "./face-analysis";
import { getFaceEngine, releaseFaceEngine } from "./face-engine";
import { loadHeadTurn } from "./testing/load-head-turn";
import { turnPhoto } from "./testing/warp-perspective";

// What the active challenge relies on: a real head turn moves the measured yaw a lot, a flat picture of a face
// turned in space (a print or a phone held at an angle) barely moves it.
let engine: FaceEngine;
beforeAll(async () => {
  engine = await getFaceEngine();
});
afterAll(async () => {
  await releaseFaceEngine();
});

describe("yaw of a real head turn against a turned picture", () => {
  it("reads a real head turn as more than 20 degrees of yaw", async () => {
    const yaws: number[] = [];
    for (const frame of await loadHeadTurn()) {
      const face = (await engine.analyze(frame.image)).faces[0];
      if (face) yaws.push(face.pose.yawDegrees);
    }
    expect(yaws.length).toBeGreaterThan(10);
    expect(Math.max(...yaws) - Math.min(...yaws)).toBeGreaterThan(20);
  });

  it("reads a frontal picture turned 30 or 45 degrees in space as a few degrees at most", async () => {
    const frontal = (await loadHeadTurn()).find((frame) => frame.file === "miranda-028.jpg");
    if (!frontal) throw new Error("frame 028 missing");
    // Cropped round the face and enlarged, as a selfie framed in the capture oval would be: on a face this small
    // in the full 640x360 frame the mesh is too noisy to judge (see the README of head-turn).
    const found = (await engine.analyze(frontal.image)).faces[0];
    if (!found) throw new Error("no face in frame 028");
    const half = found.box.width * 640 * 1.1;
    const left = Math.max(0, Math.round((found.box.x + found.box.width / 2) * 640 - half));
    const top = Math.max(0, Math.round((found.box.y + found.box.height / 2) * 360 - half));
    const size = Math.min(Math.round(2 * half), 640 - left, 360 - top);
    const crop = await sharp(frontal.image).extract({ left, top, width: size, height: size }).resize(480, 480).removeAlpha().raw().toBuffer();
    const frame = { data: new Uint8Array(crop), width: 480, height: 480 };
    const yawOf = async (degrees: number): Promise<number> => {
      const turned = turnPhoto(frame, degrees);
      const png = await sharp(turned.data, { raw: { width: turned.width, height: turned.height, channels: 3 } }).png().toBuffer();
      const face = (await engine.analyze(png)).faces[0];
      if (!face) throw new Error(`no face at ${degrees} degrees`);
      return face.pose.yawDegrees;
    };
    const straight = await yawOf(0);
    for (const degrees of [-45, -30, 30, 45]) expect(Math.abs((await yawOf(degrees)) - straight), `${degrees} degrees`).toBeLessThan(8);
  });
});
