import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, expect, test, type Browser, type Page } from "@playwright/test";
import sharp from "sharp";
import { buildMrz } from "../lib/documents/testing/build-mrz";
import { renderMrzImage } from "../lib/documents/testing/render-mrz-image";
import { fakeCameraArgs } from "../lib/face/testing/fake-camera";
import { writeY4m } from "../lib/face/testing/write-y4m";
import { CHROMIUM_LAUNCH_ARGS, resolveChromium } from "../lib/testing/resolve-chromium";
import { screenshot } from "./support/helpers";
import { useConnectedOktaSandbox } from "./support/identity-provider-helpers";
import { mirandaSelfie } from "./support/live-selfie";
import { enterAddress, selfServiceCandidates } from "./support/self-service-helpers";
import { licenceFor } from "./support/verification-helpers";

// Past the ones self-service.spec.ts takes from the end of the list.
const people = selfServiceCandidates().reverse().slice(6);
const OKTA_DOMAIN = "example.com";

/** The portal on a phone-sized page, continued on the same device, up to the live selfie with a passport in. */
async function atTheSelfieStep(browser: Browser, personIndex: number): Promise<Page> {
  const person = people[personIndex]!;
  const { portrait } = await mirandaSelfie();
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })).newPage();
  await enterAddress(page, `${person.loginLocalPart}@${OKTA_DOMAIN}`);
  await page.getByRole("button", { name: "Start verification" }).click();
  await expect(page.getByRole("heading", { name: "Photograph your ID document" })).toBeVisible();
  await page.locator("#document").setInputFiles({ name: "passport.png", mimeType: "image/png", buffer: await renderMrzImage(buildMrz(licenceFor(person), "TD3"), { portrait }) });
  await expect(page.getByRole("heading", { name: "Take a live selfie" })).toBeVisible({ timeout: 30_000 });
  return page;
}

test.describe("the live selfie", () => {
  test.describe.configure({ mode: "serial", timeout: 180_000 });
  useConnectedOktaSandbox(test);

  test("a still photo played as the camera (Chromium's fake device) is not verified", async () => {
    const { frames } = await mirandaSelfie();
    const { data, info } = await sharp(frames.straight).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const directory = await mkdtemp(path.join(tmpdir(), "still-camera-"));
    const file = path.join(directory, "still.y4m");
    await writeY4m(file, [{ data: new Uint8Array(data), width: info.width, height: info.height }]);
    const { executablePath, env } = await resolveChromium();
    const browser = await chromium.launch({ executablePath, args: [...CHROMIUM_LAUNCH_ARGS, ...fakeCameraArgs(file)], env: { ...process.env, ...env } });
    try {
      const page = await atTheSelfieStep(browser, 0);
      await screenshot(page, "112-verify-live-selfie-intro-phone");
      await page.getByRole("button", { name: "Start the camera" }).click();
      await expect(page.locator("p[aria-live=assertive]")).toHaveText(/Look straight|Turn|closer/, { timeout: 10_000 });
      await screenshot(page, "113-verify-live-selfie-prompt-phone");
      // The genuine holder's face, but not moving: the server sees the same picture for every move.
      await expect(page.getByRole("alert").filter({ hasText: "Not verified" })).toBeVisible({ timeout: 60_000 });
      await expect(page.getByText("2 attempts left")).toBeVisible();
      await expect(page.getByText(/similarity|score/i)).toHaveCount(0);
      await screenshot(page, "114-verify-live-selfie-still-refused-phone");
    } finally {
      await browser.close();
      await rm(directory, { recursive: true, force: true });
    }
  });

  test("without a camera the employee is told so and pointed to the agent-attended check", async ({ browser }) => {
    const page = await atTheSelfieStep(browser, 1);
    // No fake device here: headless Chromium has no camera to give.
    await page.getByRole("button", { name: "Start the camera" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "No camera" })).toBeVisible();
    await expect(page.getByText("ask for an agent-attended identity check")).toBeVisible();
    await screenshot(page, "115-verify-live-selfie-no-camera-phone");
    await page.context().close();
  });
});
