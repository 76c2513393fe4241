import { expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../lib/auth/password";
import { ADMIN_STATE, baseUrl, callServerAction, formAlert, screenshot, signIn } from "./support/helpers";

const PAGE = "/settings/identity-verification";
const CALLBACK = "https://acme-e2e.okta.com/idp/identity-verification/callback";

/**
 * Whether the token endpoint accepts these client credentials: with a made-up code, credentials that authenticate
 * get invalid_grant (400); credentials that do not are refused first, as invalid_client (401).
 */
async function credentialsAccepted(page: Page, clientId: string, clientSecret: string): Promise<boolean> {
  const response = await page.request.post(`${baseUrl()}/idv/token`, {
    headers: { Authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`).toString("base64")}` },
    form: { grant_type: "authorization_code", code: "not-a-real-code", redirect_uri: CALLBACK, code_verifier: "v".repeat(43) },
  });
  const body: unknown = await response.json();
  const error = typeof body === "object" && body !== null && "error" in body ? body.error : null;
  if (response.status() === 401) expect(error).toBe("invalid_client");
  else expect({ status: response.status(), error }).toEqual({ status: 400, error: "invalid_grant" });
  return response.status() !== 401;
}

async function publishedKeyIds(page: Page): Promise<string[]> {
  const response = await page.request.get(`${baseUrl()}/idv/jwks`);
  expect(response.ok()).toBe(true);
  const body: unknown = await response.json();
  const keys = typeof body === "object" && body !== null && "keys" in body && Array.isArray(body.keys) ? body.keys : [];
  return keys.flatMap((key: unknown) => (typeof key === "object" && key !== null && "kid" in key && typeof key.kid === "string" ? [key.kid] : []));
}

test.describe("identity verification clients for Okta", () => {
  test("an admin registers a client, sees its secret once, edits it, replaces the secret, rotates the signing key and revokes it", async ({ browser }) => {
    const context = await browser.newContext({ storageState: ADMIN_STATE });
    const page = await context.newPage();
    await page.goto(`${baseUrl()}${PAGE}`);
    await expect(page.getByRole("heading", { name: "Identity verification for Okta" })).toBeVisible();

    // What the admin pastes into Okta, all under this installation's issuer.
    await expect(page.getByTestId("okta-value-issuer")).toHaveText(`${baseUrl()}/idv`);
    await expect(page.getByTestId("okta-value-par")).toHaveText(`${baseUrl()}/idv/par`);
    await expect(page.getByTestId("okta-value-authorize")).toHaveText(`${baseUrl()}/idv/authorize`);
    await expect(page.getByTestId("okta-value-token")).toHaveText(`${baseUrl()}/idv/token`);
    await expect(page.getByTestId("okta-value-jwks")).toHaveText(`${baseUrl()}/idv/jwks`);
    await expect(page.getByTestId("okta-value-scopes")).toHaveText("openid profile identity_assurance");

    // Plain http to a real host is refused with a clear message, and nothing is registered.
    const name = `Acme e2e ${Date.now()}`;
    const registration = page.getByTestId("register-idv-client-form");
    await registration.getByLabel("Name", { exact: true }).fill(name);
    await registration.getByLabel("Redirect URIs").fill(CALLBACK.replace("https://", "http://"));
    await expect(registration.getByLabel(/First name/)).toBeChecked();
    await expect(registration.getByLabel(/First name/)).toBeDisabled();
    await expect(registration.getByLabel(/Last name/)).toBeChecked();
    await registration.getByLabel("Date of birth").check();
    await registration.getByRole("button", { name: "Register client" }).click();
    await expect(registration.getByText(/must start with https:\/\/ \(http:\/\/ is allowed only for localhost\)/)).toBeVisible();
    await expect(page.getByTestId("idv-client-row").filter({ hasText: name })).toHaveCount(0);
    await screenshot(page, "130-idv-settings");

    await registration.getByLabel("Redirect URIs").fill(CALLBACK);
    await registration.getByRole("button", { name: "Register client" }).click();
    const notice = page.getByTestId("idv-secret-notice");
    await expect(notice).toContainText("it is not shown again");
    const clientId = (await notice.getByTestId("idv-issued-client-id").textContent())?.trim() ?? "";
    const secret = (await notice.getByTestId("idv-client-secret").textContent())?.trim() ?? "";
    expect(clientId).toMatch(/^idv_[A-Za-z0-9_-]{22}$/);
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = page.locator(`[data-testid="idv-client-row"][data-client-id="${clientId}"]`);
    await expect(row.getByTestId("idv-client-name")).toHaveText(name);
    await expect(row.getByTestId("idv-client-status")).toHaveText("Active");
    await expect(row.getByTestId("idv-client-id")).toHaveText(clientId);
    await expect(row.getByTestId("idv-client-redirect-uris")).toHaveText(CALLBACK);
    await expect(row.getByTestId("idv-client-claims")).toHaveText("First name, Last name, Date of birth");
    await screenshot(page, "131-idv-client-secret-once");
    expect(await credentialsAccepted(page, clientId, secret)).toBe(true);

    // Only its hash is kept: after a reload the secret is nowhere on the page.
    await page.reload();
    await expect(row.getByTestId("idv-client-status")).toHaveText("Active");
    await expect(page.getByTestId("idv-secret-notice")).toHaveCount(0);
    expect(await page.content()).not.toContain(secret);

    // A second redirect URI, edited inline; an invalid one is refused first.
    await row.getByRole("button", { name: "Edit" }).click();
    const editor = row.getByTestId("edit-idv-client-form");
    const preview = "https://acme-e2e-preview.okta.com/idp/identity-verification/callback";
    await editor.getByLabel("Redirect URIs").fill(`${CALLBACK}\n${preview}#fragment`);
    await editor.getByRole("button", { name: "Save changes" }).click();
    await expect(editor.getByText(/cannot have a fragment/)).toBeVisible();
    await editor.getByLabel("Redirect URIs").fill(`${CALLBACK}\n${preview}`);
    await editor.getByRole("button", { name: "Save changes" }).click();
    await expect(editor).toHaveCount(0);
    await expect(row.getByTestId("idv-client-redirect-uris").getByRole("listitem")).toHaveText([CALLBACK, preview]);

    // Replacing the secret shows the new one once; the old one stops working at once.
    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Replace secret" }).click();
    const replaced = row.getByTestId("idv-secret-notice");
    await expect(replaced.getByTestId("idv-issued-client-id")).toHaveText(clientId);
    const newSecret = (await replaced.getByTestId("idv-client-secret").textContent())?.trim() ?? "";
    expect(newSecret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newSecret).not.toBe(secret);
    await screenshot(page, "132-idv-client-secret-replaced");
    expect(await credentialsAccepted(page, clientId, secret)).toBe(false);
    expect(await credentialsAccepted(page, clientId, newSecret)).toBe(true);

    // Rotating the signing key: a new current key, the old one retired but still published.
    const signingKeys = page.getByTestId("signing-keys");
    const previousKid = (await signingKeys.getByTestId("current-signing-key").count()) > 0 ? ((await signingKeys.getByTestId("current-signing-key").textContent())?.trim() ?? "") : "";
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Rotate signing key" }).click();
    const rotated = page.getByText(/^Now signing with key /);
    await expect(rotated).toBeVisible();
    const currentKid = /key (\S+)\.$/.exec((await rotated.textContent()) ?? "")?.[1] ?? "";
    expect(currentKid).not.toBe("");
    await expect(signingKeys.getByTestId("current-signing-key")).toHaveText(currentKid);
    expect(currentKid).not.toBe(previousKid);
    if (previousKid) {
      await expect(signingKeys.getByTestId("retired-signing-keys")).toContainText(previousKid);
      expect(await publishedKeyIds(page)).toEqual(expect.arrayContaining([currentKid, previousKid]));
    } else {
      expect(await publishedKeyIds(page)).toContain(currentKid);
    }
    await screenshot(page, "133-idv-signing-key-rotated");

    // Revoking is final: the badge says so, the actions are gone, and the credentials are refused.
    page.once("dialog", (dialog) => void dialog.accept());
    await row.getByRole("button", { name: "Revoke" }).click();
    await expect(row.getByTestId("idv-client-status")).toHaveText("Revoked");
    await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);
    await expect(row.getByRole("button", { name: "Replace secret" })).toHaveCount(0);
    await expect(formAlert(page)).toHaveCount(0);
    expect(await credentialsAccepted(page, clientId, newSecret)).toBe(false);
    await screenshot(page, "134-idv-client-revoked");
    await context.close();
  });

  test("a helpdesk agent can neither open the page nor call its actions", async ({ browser }) => {
    const agent = { email: `idv-agent-${Date.now()}@verifyd.local`, password: "a helpdesk agent's passphrase" };
    const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
    await client.connect();
    // Stands in for an admin creating the account and the agent choosing their own password.
    await client.query(
      `INSERT INTO console_user (id, email, name, role, "passwordHash", "mustChangePassword", "updatedAt") VALUES (gen_random_uuid(), $1, 'IdV Agent', 'HELPDESK', $2, false, now())`,
      [agent.email, await hashPassword(agent.password)],
    );
    await client.end();

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, agent.email, agent.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    const nav = page.getByRole("navigation", { name: "Console" }).last();
    await expect(nav.getByRole("link", { name: "Identity verification" })).toHaveCount(0);

    const response = await page.goto(`${baseUrl()}${PAGE}`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await screenshot(page, "135-idv-helpdesk-forbidden");

    const attempt = await callServerAction(page.request, PAGE, "createIdvClientAction", [
      { name: "Intruder", redirectUris: CALLBACK, allowedClaims: ["firstName", "lastName"] },
    ]);
    expect(attempt).toContain("You do not have permission to do that.");
    expect(await callServerAction(page.request, PAGE, "rotateSigningKeyAction", [{}])).toContain("You do not have permission to do that.");
    await context.close();
  });
});
