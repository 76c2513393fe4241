import { createHash } from "node:crypto";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../lib/auth/password";
import { createSandboxAuthority } from "../lib/sandbox/wallet/sandbox-issuer";
import { pemOf, signVical, vicalPayload } from "../lib/wallet/trust/testing/trust-list-fixtures";
import { ADMIN_STATE, baseUrl, callServerAction, screenshot, signIn } from "./support/helpers";

const PAGE = "/settings/trusted-issuers";

const sha256 = (der: Uint8Array) => createHash("sha256").update(der).digest("hex");
/** As the page groups it: upper-case, four characters at a time. */
const grouped = (fingerprint: string) => (fingerprint.toUpperCase().match(/.{4}/g) ?? []).join(" ");

test.describe("the wallet ID trust list", () => {
  test("an admin sees the sandbox's root, adds an IACA, is refused a document signer, imports a VICAL and removes a root", async ({ browser }) => {
    // Unique names: the e2e database is shared by every spec of the run.
    const run = Date.now().toString(36);
    const [utah, nevada, ontario, vicalSigner] = await Promise.all([
      createSandboxAuthority(`E2E Utah ${run}`, { state: "UT" }),
      createSandboxAuthority(`E2E Nevada ${run}`, { state: "NV" }),
      createSandboxAuthority(`E2E Ontario ${run}`, { country: "CA", state: "ON" }),
      createSandboxAuthority(`E2E AAMVA ${run}`),
    ]);

    const context = await browser.newContext({ storageState: ADMIN_STATE });
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/dashboard`);
    await page.getByRole("navigation", { name: "Console" }).last().getByRole("link", { name: "Trusted issuers" }).click();
    await expect(page).toHaveURL(new RegExp(`${PAGE}$`));
    await expect(page.getByRole("heading", { name: "Trusted issuers", level: 1 })).toBeVisible();
    await expect(page.getByText("Nothing is trusted by default")).toBeVisible();

    // The sandbox registers its own root when the server starts; it is listed, and cannot be removed here.
    const rows = page.getByTestId("trusted-issuer-row");
    const sandboxRow = rows.and(page.locator('[data-source="SANDBOX"]'));
    await expect(sandboxRow).toHaveCount(1);
    await expect(sandboxRow.getByTestId("trusted-issuer-source")).toContainText("Sandbox");
    await expect(sandboxRow.getByRole("button", { name: /^Remove/ })).toHaveCount(0);
    await screenshot(page, "140-trusted-issuers");

    // An IACA root as PEM: listed with its CN, region, validity and SHA-256 fingerprint.
    const addForm = page.getByTestId("add-certificate-form");
    await addForm.getByLabel("IACA root certificate").setInputFiles({ name: "utah-iaca.pem", mimeType: "application/x-pem-file", buffer: Buffer.from(utah.iacaPem) });
    await addForm.getByRole("button", { name: "Add certificate" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Added E2E Utah ${run} IACA` })).toBeVisible();
    const utahRow = page.locator(`[data-testid="trusted-issuer-row"][data-fingerprint="${sha256(utah.iacaDer)}"]`);
    await expect(utahRow.getByTestId("trusted-issuer-name")).toHaveText(`E2E Utah ${run} IACA`);
    await expect(utahRow.getByTestId("trusted-issuer-region")).toHaveText("US / UT");
    await expect(utahRow.getByTestId("trusted-issuer-fingerprint")).toHaveText(grouped(sha256(utah.iacaDer)));
    await expect(utahRow.getByTestId("trusted-issuer-source")).toContainText("Uploaded as utah-iaca.pem");
    await expect(utahRow.getByTestId("trusted-issuer-validity")).not.toContainText("Expired");
    await screenshot(page, "141-trusted-issuer-added");

    // A document signer is not a root: refused beside the file input, nothing listed.
    const before = await rows.count();
    await addForm.getByLabel("IACA root certificate").setInputFiles({ name: "utah-signer.pem", mimeType: "application/x-pem-file", buffer: Buffer.from(pemOf(utah.signerDer)) });
    await addForm.getByRole("button", { name: "Add certificate" }).click();
    await expect(addForm.getByRole("alert")).toContainText(`(“E2E Utah ${run} Document Signer”) is not a CA certificate`);
    await expect(page.locator(`[data-fingerprint="${sha256(utah.signerDer)}"]`)).toHaveCount(0);
    await expect(rows).toHaveCount(before);
    await screenshot(page, "142-trusted-issuer-refused");

    // A signed VICAL: its IACA roots are added, the one already listed is reported, the signer is named.
    const vical = await signVical(vicalPayload({ issueId: 7, certificates: [nevada.iacaDer, ontario.iacaDer, utah.iacaDer, nevada.signerDer] }), vicalSigner);
    const vicalForm = page.getByTestId("import-vical-form");
    await vicalForm.getByLabel("VICAL file").setInputFiles({ name: "vical-7.cbor", mimeType: "application/cbor", buffer: Buffer.from(vical) });
    await vicalForm.getByRole("button", { name: "Import VICAL" }).click();
    const summary = page.getByTestId("vical-import-summary");
    await expect(summary).toContainText("2 roots added, 1 already listed, 1 entry skipped.");
    await expect(summary).toContainText(`Signed by E2E AAMVA ${run} Document Signer`);
    await expect(summary).toContainText(`SHA-256 ${grouped(sha256(vicalSigner.signerDer))}`);
    await expect(summary.getByRole("listitem")).toHaveText([`E2E Nevada ${run} Document Signer is not a CA certificate.`]);
    for (const [authority, region] of [[nevada, "US / NV"], [ontario, "CA / ON"]] as const) {
      const row = page.locator(`[data-testid="trusted-issuer-row"][data-fingerprint="${sha256(authority.iacaDer)}"]`);
      await expect(row.getByTestId("trusted-issuer-region")).toHaveText(region);
      await expect(row.getByTestId("trusted-issuer-source")).toContainText("AAMVA VICAL #7 (2026-11-30)");
    }
    await screenshot(page, "143-trusted-issuers-vical-imported");

    // Removing asks first; the row is gone afterwards.
    page.once("dialog", (dialog) => void dialog.accept());
    await utahRow.getByRole("button", { name: `Remove E2E Utah ${run} IACA` }).click();
    await expect(utahRow).toHaveCount(0);
    await page.reload();
    await expect(utahRow).toHaveCount(0);
    await expect(page.locator(`[data-fingerprint="${sha256(nevada.iacaDer)}"]`)).toHaveCount(1);

    // On record: the import (with its signer) and the removal.
    await page.goto(`${baseUrl()}/audit?action=wallet_trust.vical_imported`);
    await expect(page.getByTestId("audit-row").first()).toContainText("AAMVA VICAL #7 (2026-11-30)");
    await page.goto(`${baseUrl()}/audit?action=wallet_trust.certificate_removed`);
    await expect(page.getByTestId("audit-row").first()).toContainText(`E2E Utah ${run} IACA`);
    await context.close();
  });

  test("a helpdesk agent can neither open the page nor call its actions", async ({ browser }) => {
    const agent = { email: `trust-agent-${Date.now()}@verifyd.local`, password: "a helpdesk agent's passphrase" };
    const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
    await client.connect();
    // Stands in for an admin creating the account and the agent choosing their own password.
    await client.query(
      `INSERT INTO console_user (id, email, name, role, "passwordHash", "mustChangePassword", "updatedAt") VALUES (gen_random_uuid(), $1, 'Trust Agent', 'HELPDESK', $2, false, now())`,
      [agent.email, await hashPassword(agent.password)],
    );
    const listed = await client.query<{ id: string }>(`SELECT id FROM trusted_issuer_certificate ORDER BY "createdAt" LIMIT 1`);
    await client.end();

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, agent.email, agent.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("navigation", { name: "Console" }).last().getByRole("link", { name: "Trusted issuers" })).toHaveCount(0);

    const response = await page.goto(`${baseUrl()}${PAGE}`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    await screenshot(page, "144-trusted-issuers-helpdesk-forbidden");

    const id = listed.rows[0]?.id ?? "00000000-0000-4000-8000-000000000000";
    expect(await callServerAction(page.request, PAGE, "removeTrustedIssuerAction", [{ id }])).toContain("You do not have permission to do that.");
    await context.close();
  });
});
