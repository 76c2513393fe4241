import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium } from "@playwright/test";
import sharp from "sharp";
import { afterAll, describe, expect, it } from "vitest";
import { CHROMIUM_LAUNCH_ARGS, resolveChromium } from "@/lib/testing/resolve-chromium";
import { getFaceEngine, releaseFaceEngine } from "../face-engine";
import { fakeCameraArgs } from "./fake-camera";
import { loadHeadTurn } from "./load-head-turn";
import { writeY4m } from "./write-y4m";

afterAll(async () => {
  await releaseFaceEngine();
});

describe("writeY4m as Chromium's camera", () => {
  it("plays a real face through getUserMedia, and the engine reads the same head turn from the captured frame", async () => {
    const frame = (await loadHeadTurn()).find((f) => f.file === "miranda-021.jpg");
    if (!frame) throw new Error("frame 021 missing");
    const { data, info } = await sharp(frame.image).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const dir = await mkdtemp(path.join(tmpdir(), "fake-camera-"));
    const file = path.join(dir, "camera.y4m");
    await writeY4m(file, [{ data: new Uint8Array(data), width: info.width, height: info.height }]);
    const { executablePath, env } = await resolveChromium();
    const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_LAUNCH_ARGS, ...fakeCameraArgs(file)], env: { ...process.env, ...env } });
    let captured: { width: number; height: number; jpeg: string };
    try {
      const page = await browser.newPage();
      // getUserMedia needs a secure context: a routed http://localhost page is one, without a server.
      await page.route("http://localhost/camera", (route) => route.fulfill({ contentType: "text/html", body: "<video muted playsinline></video>" }));
      await page.goto("http://localhost/camera");
      captured = await page.evaluate(async () => {
        const video = document.querySelector("video");
        if (!video) throw new Error("no video element");
        video.srcObject = await navigator.mediaDevices.getUserMedia({ video: true });
        await video.play();
        await new Promise<void>((resolve) => video.requestVideoFrameCallback(() => resolve()));
        const canvas = document.createElement("canvas");
        canvas.width = video.videoWidth;
        canvas.height = video.videoHeight;
        canvas.getContext("2d")?.drawImage(video, 0, 0);
        return { width: video.videoWidth, height: video.videoHeight, jpeg: canvas.toDataURL("image/jpeg", 0.92).split(",")[1] ?? "" };
      });
    } finally {
      await browser.close();
      await rm(dir, { recursive: true, force: true });
    }
    expect([captured.width, captured.height]).toEqual([info.width, info.height]);
    const engine = await getFaceEngine();
    const [fromCamera, fromFile] = await Promise.all([engine.analyze(Buffer.from(captured.jpeg, "base64")), engine.analyze(frame.image)]);
    const cameraYaw = fromCamera.faces[0]?.pose.yawDegrees ?? Number.NaN;
    const fileYaw = fromFile.faces[0]?.pose.yawDegrees ?? Number.NaN;
    expect(fileYaw).toBeGreaterThan(15);
    expect(Math.abs(cameraYaw - fileYaw)).toBeLessThan(5);
  });
});
