import http from "node:http";
import { expect, type Page, test } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { ADMIN_STATE, baseUrl, screenshot } from "./support/helpers";

const PAGE = "/settings/webhooks";

type Received = { headers: Record<string, string>; body: string };

/** A receiver on 127.0.0.1 (allowed because the e2e server runs the sandbox); answers with `status.current`. */
async function startReceiver() {
  const received: Received[] = [];
  const status = { current: 204 };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === "string") headers[name] = value;
      received.push({ headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(status.current).end(status.current >= 400 ? "receiver says no" : "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (!address || typeof address === "string") throw new Error("no receiver address");
  return { url: `http://127.0.0.1:${address.port}`, received, status, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** A full-page screenshot from the top: scrolled down, the fixed sidebar would be drawn halfway down the image. */
async function screenshotFromTop(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

test.describe("Webhooks", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });

  test("an admin registers an endpoint, sees the secret once, sends a signed test event, replays it, watches a retry and disables the endpoint", async ({ browser }) => {
    const receiver = await startReceiver();
    const context = await browser.newContext({ storageState: ADMIN_STATE });
    const page = await context.newPage();
    page.on("dialog", (dialog) => void dialog.accept());
    try {
      await page.goto(`${baseUrl()}/dashboard`);
      await page.getByRole("navigation", { name: "Console" }).last().getByRole("link", { name: "Webhooks" }).click();
      await expect(page).toHaveURL(new RegExp(`${PAGE}$`));
      await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();

      // No event chosen, then a metadata address: refused, nothing registered.
      const form = page.getByTestId("create-webhook-form");
      const name = `ServiceNow e2e ${Date.now()}`;
      await form.getByLabel("Name", { exact: true }).fill(name);
      await form.getByLabel("URL", { exact: true }).fill("https://169.254.169.254/latest/meta-data/");
      await form.getByRole("button", { name: "Register endpoint" }).click();
      await expect(form.getByText("Choose at least one event.")).toBeVisible();
      await form.getByRole("checkbox", { name: /verification\.decided/ }).check();
      await form.getByRole("checkbox", { name: /credential_reset\.completed/ }).check();
      await form.getByRole("button", { name: "Register endpoint" }).click();
      await expect(form.getByText(/not reachable from here/)).toBeVisible();
      await expect(page.getByTestId("webhook-secret-notice")).toHaveCount(0);
      await screenshotFromTop(page, "170-webhook-url-refused");

      await form.getByLabel("URL", { exact: true }).fill(`${receiver.url}/verifyd`);
      await form.getByRole("button", { name: "Register endpoint" }).click();
      const notice = page.getByTestId("webhook-secret-notice");
      await expect(notice).toContainText("it will not be shown again");
      const secret = (await notice.getByTestId("webhook-secret-value").textContent())?.trim() ?? "";
      expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
      const row = page.getByTestId("webhook-endpoint-row").filter({ hasText: name });
      await expect(row.getByTestId("webhook-endpoint-status")).toHaveText("Enabled");
      await expect(row).toContainText("verification.decided");
      await screenshotFromTop(page, "171-webhook-created");

      // The endpoint's page: a test event is delivered by the job, signed with the secret shown once.
      await row.getByTestId("webhook-endpoint-name").click();
      await expect(page.getByRole("heading", { name, level: 1 })).toBeVisible();
      await page.getByRole("button", { name: "Send test event" }).click();
      const delivery = page.getByTestId("webhook-delivery").first();
      await expect(delivery.getByTestId("webhook-delivery-status")).toHaveText("Delivered", { timeout: 30_000 });
      await expect(delivery.getByTestId("webhook-attempt-status")).toHaveText("204");
      expect(receiver.received).toHaveLength(1);
      const first = receiver.received[0]!;
      expect(new Webhook(secret).verify(first.body, first.headers)).toMatchObject({ type: "webhook.test" });
      await expect(delivery).toHaveAttribute("data-message-id", first.headers["webhook-id"]!);
      await screenshotFromTop(page, "172-webhook-delivered");

      // Replay: the same message id and body again, a second attempt listed.
      await delivery.getByRole("button", { name: "Replay" }).click();
      await expect(delivery.getByTestId("webhook-attempt")).toHaveCount(2, { timeout: 30_000 });
      await expect(delivery.getByTestId("webhook-delivery-status")).toHaveText("Delivered");
      expect(receiver.received.map((request) => request.headers["webhook-id"])).toEqual([first.headers["webhook-id"], first.headers["webhook-id"]]);
      expect(receiver.received[1]!.body).toBe(first.body);
      await screenshotFromTop(page, "173-webhook-replayed");

      // Rotation: a new secret shown once; the old one keeps signing beside it for 24 hours.
      await page.getByRole("button", { name: "Rotate secret" }).click();
      const rotated = page.getByTestId("webhook-secret-notice");
      await expect(rotated).toContainText("the old one works for 24 more hours");
      const newSecret = (await rotated.getByTestId("webhook-secret-value").textContent())?.trim() ?? "";
      expect(newSecret).toMatch(/^whsec_/);
      expect(newSecret).not.toBe(secret);
      await page.getByRole("button", { name: "Send test event" }).click();
      await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBe(3);
      const third = receiver.received[2]!;
      expect(third.headers["webhook-signature"]?.split(" ")).toHaveLength(2);
      expect(new Webhook(newSecret).verify(third.body, third.headers)).toMatchObject({ type: "webhook.test" });
      expect(new Webhook(secret).verify(third.body, third.headers)).toMatchObject({ type: "webhook.test" });
      await rotated.getByRole("button", { name: "I have stored it" }).click();

      // The receiver fails: the delivery waits for its next attempt, with the answer kept short.
      receiver.status.current = 500;
      await page.getByRole("button", { name: "Send test event" }).click();
      const failing = page.getByTestId("webhook-delivery").first();
      await expect(failing.getByTestId("webhook-delivery-status")).toHaveText("Retrying", { timeout: 30_000 });
      await expect(failing.getByTestId("webhook-attempt-status").first()).toHaveText("500");
      await expect(failing).toContainText("HTTP 500: receiver says no");
      await expect(failing).toContainText("Next attempt");
      await screenshotFromTop(page, "174-webhook-retrying");

      // Disabled: the waiting delivery ends as failed (replayable once enabled again).
      await page.getByRole("button", { name: "Disable" }).click();
      await expect(page.getByText(`Disabled by`)).toBeVisible();
      await expect(failing.getByTestId("webhook-delivery-status")).toHaveText("Failed");
      await expect(page.getByRole("button", { name: "Send test event" })).toBeDisabled();
      await screenshotFromTop(page, "175-webhook-disabled");

      await page.getByRole("button", { name: "Enable" }).click();
      await expect(page.getByRole("button", { name: "Send test event" })).toBeEnabled();
      await page.getByRole("button", { name: "Delete" }).click();
      await expect(page).toHaveURL(new RegExp(`${PAGE}$`));
      await expect(page.getByTestId("webhook-endpoint-row").filter({ hasText: name })).toHaveCount(0);
    } finally {
      await context.close();
      await receiver.close();
    }
  });
});
