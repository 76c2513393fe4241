import { readFileSync } from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { ADMIN_STATE, baseUrl, screenshot } from "./support/helpers";
import { setOktaAppScopes } from "./support/sandbox-admin";

const entraSandbox = () => process.env.E2E_ENTRA_SANDBOX_URL ?? "";

async function openSettings(page: Page): Promise<void> {
  await page.goto(`${baseUrl()}/settings/identity-provider`);
  await expect(page.getByRole("heading", { name: "Identity provider", exact: true })).toBeVisible();
}

async function deleteConnection(page: Page): Promise<void> {
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: "Delete connection" }).click();
  await expect(page.getByRole("tab", { name: "Microsoft Entra ID" })).toBeVisible();
}

test.describe("connect the identity provider", () => {
  test("Entra: refused consent leaves it incomplete; delete, restart, approve makes it active", async ({ browser }) => {
    // The sandbox tenant's consent page uses a local, throwaway certificate authority.
    const context = await browser.newContext({ storageState: ADMIN_STATE, ignoreHTTPSErrors: true });
    const page = await context.newPage();
    await openSettings(page);

    // Bad input: a clear error, nothing saved.
    await page.getByLabel("Tenant").fill("common");
    await page.getByRole("button", { name: "Save and grant admin consent" }).click();
    await expect(page.getByText("Use your own tenant, not a multi-tenant alias.")).toBeVisible();

    await page.getByRole("button", { name: "Fill in the sandbox tenant" }).click();
    await screenshot(page, "12-identity-provider-entra-form");
    await page.getByRole("button", { name: "Save and grant admin consent" }).click();
    await expect(page).toHaveURL(new RegExp(`^${entraSandbox()}/.*/v2.0/adminconsent`));
    await page.getByRole("button", { name: "Deny" }).click();

    await expect(page).toHaveURL(/\/settings\/identity-provider\?consent=refused$/);
    await expect(page.getByText("Incomplete", { exact: true })).toBeVisible();
    await expect(page.getByText(/Admin consent was not granted: AADSTS65004/)).toBeVisible();
    await screenshot(page, "13-identity-provider-entra-refused");

    await deleteConnection(page);
    await page.getByRole("button", { name: "Fill in the sandbox tenant" }).click();
    await page.getByRole("button", { name: "Save and grant admin consent" }).click();
    await page.getByRole("button", { name: "Approve" }).click();
    await expect(page).toHaveURL(/\/settings\/identity-provider\?consent=granted$/);
    await expect(page.getByText("Active", { exact: true })).toBeVisible();
    await expect(page.getByText("Admin consent granted. The connection is active.")).toBeVisible();
    // Activation queued the first sync, which the in-process runner completes.
    await expect(page.getByTestId("sync-history").getByText("succeeded")).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("sync-history")).toContainText("connection activated");
    await screenshot(page, "14-identity-provider-entra-active");

    // A replayed callback (the state is single-use) changes nothing.
    await page.goto(`${baseUrl()}/api/iam/entra/consent/callback?admin_consent=True&tenant=00000000-0000-4000-8000-000000000000&state=forged`);
    await expect(page).toHaveURL(/consent=invalid_state$/);
    await expect(page.getByText("Active", { exact: true })).toBeVisible();

    await deleteConnection(page);
    await context.close();
  });

  test("Okta: saving generates a key pair and shows the public key to register", async ({ browser }) => {
    const context = await browser.newContext({ storageState: ADMIN_STATE });
    const page = await context.newPage();
    await openSettings(page);
    await page.getByRole("tab", { name: "Okta" }).click();
    await page.getByLabel("Okta org URL").fill("http://acme.okta.com");
    await page.getByRole("button", { name: "Save and generate key pair" }).click();
    await expect(page.getByText("The org URL must use https.")).toBeVisible();

    await page.getByRole("button", { name: "Fill in the sandbox org" }).click();
    await page.getByRole("button", { name: "Save and generate key pair" }).click();
    const key = page.getByTestId("okta-public-key");
    await expect(key).toBeVisible();
    const jwk = JSON.parse((await key.locator("pre").textContent()) ?? "{}") as Record<string, string>;
    expect(jwk).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
    expect(jwk.kid).toMatch(/^verifyd-/);
    // Only the public half ever reaches the browser.
    expect(jwk.d).toBeUndefined();
    expect(jwk.p).toBeUndefined();
    await expect(page.getByText("Incomplete", { exact: true })).toBeVisible();
    await screenshot(page, "15-identity-provider-okta-key");

    // Before the key is registered in Okta, the test says what to fix.
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByRole("alert").filter({ hasText: /key|client/i }).first()).toBeVisible();
    await expect(page.getByText("Incomplete", { exact: true })).toBeVisible();

    // The admin registers the public key in the (sandbox) Okta service app, then tests again.
    await page.getByRole("button", { name: "Register keys in the sandbox org" }).click();
    await expect(page.getByText("Public keys registered")).toBeVisible();
    await page.getByRole("button", { name: "Test connection" }).click();
    await expect(page.getByText(/Connection works/)).toBeVisible();
    await expect(page.getByText("Active", { exact: true })).toBeVisible();
    await expect(page.getByTestId("sync-history").getByText("succeeded")).toBeVisible({ timeout: 60_000 });

    // Without okta.logs.read the connection still works, and the test says every sync will be a full pass.
    const scopes = await setOktaAppScopes(["okta.groups.read", "okta.users.read", "okta.users.manage", "okta.roles.read"]);
    try {
      await page.getByRole("button", { name: "Test connection" }).click();
      await expect(page.getByText(/Connection works.*Grant okta\.logs\.read/)).toBeVisible();
      await expect(page.getByText("Active", { exact: true })).toBeVisible();
      await screenshot(page, "16a-identity-provider-okta-no-log-scope");
    } finally {
      await setOktaAppScopes(scopes);
    }

    // Key rotation: a new key works before the old one is retired.
    await page.getByRole("button", { name: "Rotate key" }).click();
    await expect(page.getByTestId("okta-public-key")).toHaveCount(2);
    await page.getByRole("button", { name: "Activate new key" }).click();
    await expect(page.getByText(/The new key does not work yet/)).toBeVisible();
    await page.getByRole("button", { name: "Register keys in the sandbox org" }).click();
    await page.getByRole("button", { name: "Activate new key" }).click();
    await expect(page.getByText(/The new key is active/)).toBeVisible();
    await expect(page.getByTestId("okta-public-key")).toHaveCount(1);

    await page.getByRole("button", { name: "Sync now" }).click();
    await expect(page.getByTestId("sync-history").locator("tbody tr")).toHaveCount(2, { timeout: 30_000 });
    await expect(page.getByTestId("sync-history").locator("tbody tr").first()).toContainText("succeeded", { timeout: 60_000 });
    await screenshot(page, "16-identity-provider-okta-synced");

    // The synced directory with its readiness report.
    await page.goto(`${baseUrl()}/directory`);
    const rows = page.getByTestId("employees").locator("tbody tr");
    await expect(rows).toHaveCount(50);
    await expect(page.getByRole("heading", { name: /^\d+ employees$/ })).toBeVisible();
    await expect(page.getByTestId("readiness")).toContainText("Mobile phone");
    await screenshot(page, "17-directory");
    await page.getByTestId("readiness").getByRole("link", { name: /Mobile phone/ }).click();
    await expect(page).toHaveURL(/missing=mobilePhone/);
    const firstIncomplete = page.getByTestId("employees").locator("tbody tr").first().getByRole("link");
    await firstIncomplete.click();
    await expect(page.getByText("Mobile phone").locator("xpath=following-sibling::dd")).toHaveText("Missing");
    await screenshot(page, "18-employee-detail");
    await page.goto(`${baseUrl()}/directory`);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Export incomplete profiles (CSV)" }).click();
    const csv = readFileSync((await (await download).path())!, "utf8");
    expect(csv.split("\r\n")[0]).toBe("login,first_name,last_name,email,missing_fields");
    expect(csv).toContain("Mobile phone");

    await page.goto(`${baseUrl()}/settings/identity-provider`);
    await deleteConnection(page);
    await context.close();
  });
});
