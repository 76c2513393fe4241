import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { type RunningEntraSandbox, startEntraSandbox } from "../lib/sandbox/entra/start-entra-sandbox";
import { screenshot } from "./support/helpers";

// The sandbox's registered redirect URI; nothing listens there in this test, so the browser's arrival is intercepted.
const REDIRECT_URI = "http://localhost:3000/api/iam/entra/consent/callback";

test.describe("Entra sandbox admin consent (as an admin's browser sees it)", () => {
  let sandbox: RunningEntraSandbox;

  test.beforeAll(async () => {
    sandbox = await startEntraSandbox({ tlsDir: await mkdtemp(path.join(tmpdir(), "e2e-entra-")), port: 0, userCount: 20 });
  });
  test.afterAll(async () => sandbox?.close());

  for (const decision of ["Approve", "Deny"] as const) {
    test(`${decision} redirects back with the documented parameters`, async ({ browser }) => {
      // The sandbox CA is local and throwaway; this browser context alone accepts it.
      const context = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await context.newPage();
      // Watch the browser's request to the redirect URI rather than intercept it: Chromium builds differ on whether
      // a route handler sees the target of a redirect answering a form POST, but every build issues the request.
      const arrival = page.waitForRequest((request) => request.url().startsWith(REDIRECT_URI));
      const { tenantId, clientId } = sandbox.connection;
      const query = new URLSearchParams({ client_id: clientId, redirect_uri: REDIRECT_URI, scope: "https://graph.microsoft.com/.default", state: "opaque-state-123" });
      await page.goto(`${sandbox.url}/${tenantId}/v2.0/adminconsent?${query}`);
      await expect(page.getByRole("button", { name: "Approve" })).toBeVisible();
      if (decision === "Approve") await screenshot(page, "11-sandbox-entra-consent");
      await page.getByRole("button", { name: decision }).click();
      const landed = new URL((await arrival).url());

      expect(landed.searchParams.get("state")).toBe("opaque-state-123");
      if (decision === "Approve") {
        expect(landed.searchParams.get("admin_consent")).toBe("True");
        expect(landed.searchParams.get("tenant")).toBe(tenantId);
      } else {
        expect(landed.searchParams.get("error")).toBe("access_denied");
        expect(landed.searchParams.get("error_description")).toMatch(/^AADSTS65004/);
      }
      await context.close();
    });
  }

  test("an unregistered redirect URI is refused without redirecting", async ({ browser }) => {
    const context = await browser.newContext({ ignoreHTTPSErrors: true });
    const page = await context.newPage();
    const query = new URLSearchParams({ client_id: sandbox.connection.clientId, redirect_uri: "https://attacker.example/steal", scope: "https://graph.microsoft.com/.default", state: "x" });
    await page.goto(`${sandbox.url}/${sandbox.connection.tenantId}/v2.0/adminconsent?${query}`);
    await expect(page.getByText(/AADSTS50011/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Approve" })).toHaveCount(0);
    expect(new URL(page.url()).host).toBe(new URL(sandbox.url).host);
    await context.close();
  });
});
