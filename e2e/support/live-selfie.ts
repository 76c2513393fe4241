import { expect, type BrowserContext, type Page } from "@playwright/test";
import sharp from "sharp";
import { readFaceSetImage } from "../../lib/face/testing/load-face-set";
import { loadHeadTurn } from "../../lib/face/testing/load-head-turn";

/**
 * A camera the test can point: getUserMedia returns the stream of a canvas that shows whichever picture the
 * test put there last. The server's challenge is random per attempt, so a recorded video cannot answer it; the
 * test reads each prompt on the page and shows the matching real frame, as a person would move. Everything
 * else (the page, its capture at the server's times, the upload, the engine) is the product's own.
 */
const CANVAS_CAMERA = `(() => {
  const canvas = document.createElement("canvas");
  canvas.width = 640;
  canvas.height = 360;
  const context = canvas.getContext("2d");
  let picture = null;
  // Like a sensor, no two frames are the same: a few faint random pixels (the server refuses bytes it saw before).
  const paint = () => {
    if (picture) context.drawImage(picture, 0, 0, canvas.width, canvas.height);
    else { context.fillStyle = "#334155"; context.fillRect(0, 0, canvas.width, canvas.height); }
    for (let dot = 0; dot < 400; dot++) {
      const shade = Math.floor(Math.random() * 256);
      context.fillStyle = "rgba(" + shade + "," + shade + "," + shade + ",0.08)";
      context.fillRect(Math.floor(Math.random() * canvas.width), Math.floor(Math.random() * canvas.height), 1, 1);
    }
  };
  setInterval(paint, 40);
  window.__showOnCamera = (url) => new Promise((resolve, reject) => {
    const next = new Image();
    next.onload = () => { picture = next; paint(); resolve(); };
    next.onerror = () => reject(new Error("picture did not load"));
    next.src = url;
  });
  if (navigator.mediaDevices) {
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      if (!constraints || !constraints.video) throw new DOMException("No microphone", "NotFoundError");
      return canvas.captureStream(25);
    };
  }
})();`;

declare global {
  interface Window {
    /** Set by CANVAS_CAMERA in the page. */
    __showOnCamera?: (url: string) => Promise<void>;
  }
}

export async function installCanvasCamera(context: BrowserContext): Promise<void> {
  await context.addInitScript(CANVAS_CAMERA);
}

/** One real person's face in the poses a challenge asks for (lib/face/testing/head-turn: Lin-Manuel Miranda). */
export type SelfieFrames = { straight: Buffer; left: Buffer; right: Buffer; closer: Buffer };

/**
 * Frames measured with the engine: straight yaw -0.7°, his left +20.6°, his right (the left turn mirrored: the
 * same head turned the other way) -20.1°, closer with a face box 1.34x wider. The portrait for his document
 * is another photo of him (the face set), as a passport photo would be.
 */
export async function mirandaSelfie(): Promise<{ portrait: Buffer; frames: SelfieFrames }> {
  const footage = new Map((await loadHeadTurn()).map((frame) => [frame.file, frame.image]));
  const frame = (file: string) => {
    const image = footage.get(file);
    if (!image) throw new Error(`head-turn frame ${file} missing`);
    return image;
  };
  return {
    portrait: await readFaceSetImage("fr-lin-manuel-miranda-1.jpg"),
    frames: { straight: frame("miranda-016.jpg"), left: frame("miranda-021.jpg"), right: await sharp(frame("miranda-021.jpg")).flop().jpeg({ quality: 92 }).toBuffer(), closer: frame("miranda-028.jpg") },
  };
}

async function show(page: Page, picture: Buffer): Promise<void> {
  await page.evaluate((url) => window.__showOnCamera?.(url), `data:image/jpeg;base64,${picture.toString("base64")}`);
}

function pictureFor(prompt: string, frames: SelfieFrames): Buffer {
  if (/left/i.test(prompt)) return frames.left;
  if (/right/i.test(prompt)) return frames.right;
  if (/closer/i.test(prompt)) return frames.closer;
  return frames.straight;
}

/**
 * Takes the live selfie on the face step: starts the camera, then follows every prompt the page shows until the
 * page says verified or not verified. Returns which.
 */
export async function takeLiveSelfie(page: Page, frames: SelfieFrames): Promise<"verified" | "not verified"> {
  await expect(page.getByRole("heading", { name: "Take a live selfie" })).toBeVisible({ timeout: 30_000 });
  await show(page, frames.straight);
  await page.getByRole("button", { name: /Start the camera|Try again/ }).click();
  const announced = page.locator("p[aria-live=assertive]");
  const verified = page.getByText("Your face matched your document.");
  const refused = page.getByRole("alert").filter({ hasText: /Not verified/ });
  let shown = "";
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await verified.isVisible()) return "verified";
    if (await refused.isVisible()) return "not verified";
    const prompt = ((await announced.textContent()) ?? "").trim();
    if (prompt && prompt !== shown) {
      await show(page, pictureFor(prompt, frames));
      shown = prompt;
    }
    await page.waitForTimeout(100);
  }
  throw new Error("The face check did not finish within a minute");
}
