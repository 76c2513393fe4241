import { type APIResponse, expect, type Page, test } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../lib/auth/password";
import { ADMIN_STATE, baseUrl, callServerAction, formAlert, screenshot, signIn } from "./support/helpers";
import { useConnectedOktaSandbox } from "./support/identity-provider-helpers";
import { licenceCandidates } from "./support/verification-helpers";

const PAGE = "/settings/api-keys";
const person = licenceCandidates()[0]!;
const TICKET = `INC${Date.now()}`;

/** A full-page screenshot from the top: scrolled down, the fixed sidebar would be drawn halfway down the image. */
async function screenshotFromTop(page: Page, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}

/** The body of a problem response, after checking it is one (RFC 9457) with this status. */
async function problemOf(response: APIResponse, status: number): Promise<{ detail?: unknown; status?: unknown }> {
  expect(response.status()).toBe(status);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
  const body: unknown = await response.json();
  expect(body).toMatchObject({ status, type: expect.stringMatching(/^urn:verifyd:problem:/) });
  return typeof body === "object" && body !== null ? body : {};
}

test.describe("API keys", () => {
  test.describe.configure({ mode: "serial", timeout: 120_000 });

  // GET /api/v1/employees searches the synced directory: it needs employees in it.
  useConnectedOktaSandbox(test);

  test("an admin creates a scoped key, sees it once, the API honours its scopes, and revoking it locks it out", async ({ browser }) => {
    const context = await browser.newContext({ storageState: ADMIN_STATE });
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/dashboard`);
    await page.getByRole("navigation", { name: "Console" }).last().getByRole("link", { name: "API keys" }).click();
    await expect(page).toHaveURL(new RegExp(`${PAGE}$`));
    await expect(page.getByRole("heading", { name: "API keys", level: 1 })).toBeVisible();
    await expect(page.getByTestId("api-base-url")).toHaveText(`${baseUrl()}/api/v1`);
    await expect(page.getByTestId("openapi-link")).toHaveAttribute("href", "/api/v1/openapi.json");
    const openapi = await page.request.get(`${baseUrl()}/api/v1/openapi.json`);
    expect(openapi.ok()).toBe(true);

    // Defaults: 90 days, 120 requests a minute; "never" warns before anything is created.
    const form = page.getByTestId("create-api-key-form");
    const name = `ServiceNow e2e ${Date.now()}`;
    await expect(form.getByLabel("Expires")).toHaveValue("90");
    await expect(form.getByLabel("Requests per minute")).toHaveValue("120");
    await form.getByLabel("Expires").selectOption("never");
    await expect(form.getByTestId("never-expires-warning")).toContainText("until someone revokes it");
    await form.getByLabel("Expires").selectOption("90");
    await expect(form.getByTestId("never-expires-warning")).toHaveCount(0);

    // No scope: refused next to the scopes, and nothing is created (the server refuses it too).
    await form.getByLabel("Name", { exact: true }).fill(name);
    await form.getByRole("button", { name: "Create key" }).click();
    await expect(form.getByRole("group", { name: "Scopes" }).getByText("Choose at least one scope.")).toBeVisible();
    await expect(page.getByTestId("api-key-notice")).toHaveCount(0);
    const refused = await callServerAction(page.request, PAGE, "createApiKeyAction", [{ name, scopes: [], lifetime: 90, rateLimitPerMinute: 120 }]);
    expect(refused).toContain("Choose at least one scope.");
    await expect(page.getByTestId("api-key-row").filter({ hasText: name })).toHaveCount(0);

    await form.getByRole("checkbox", { name: /directory:search/ }).check();
    await form.getByRole("checkbox", { name: /verifications:read/ }).check();
    await form.getByRole("button", { name: "Create key" }).click();
    const notice = page.getByTestId("api-key-notice");
    await expect(notice).toContainText("it will not be shown again");
    const key = (await notice.getByTestId("api-key-value").textContent())?.trim() ?? "";
    expect(key).toMatch(/^vfd_[A-Za-z0-9_-]{43}$/);
    await expect(notice.getByTestId("api-key-curl")).toHaveText(`curl -H "Authorization: Bearer ${key}" "${baseUrl()}/api/v1/employees?q=smith"`);
    await expect(form.getByLabel("Name", { exact: true })).toHaveValue("");

    const row = page.getByTestId("api-key-row").filter({ has: page.getByTestId("api-key-name").getByText(name, { exact: true }) });
    await expect(row.getByTestId("api-key-status")).toHaveText("Active");
    await expect(row.getByTestId("api-key-prefix")).toHaveText(`${key.slice(0, 10)}…`);
    await expect(row.getByTestId("api-key-scopes")).toContainText("directory:search");
    await expect(row.getByTestId("api-key-scopes")).toContainText("verifications:read");
    await expect(row.getByTestId("api-key-scopes")).not.toContainText("verifications:create");
    await expect(row.getByTestId("api-key-rate-limit")).toHaveText("120 requests per minute");
    await expect(row.getByTestId("api-key-created")).toContainText(`by ${process.env.E2E_BOOTSTRAP_EMAIL}`);
    await expect(row.getByTestId("api-key-expires")).not.toHaveText("Never");
    await expect(row.getByTestId("api-key-last-used")).toHaveText("Never used");
    await screenshotFromTop(page, "160-api-key-created");

    // Over real HTTP, as ServiceNow would call it: directory search is in scope.
    const auth = { Authorization: `Bearer ${key}` };
    const search = await page.request.get(`${baseUrl()}/api/v1/employees?q=${encodeURIComponent(`${person.surname} ${person.givenName}`)}`, { headers: auth });
    expect(search.status(), await search.text()).toBe(200);
    const found: unknown = await search.json();
    const employees = typeof found === "object" && found !== null && "data" in found && Array.isArray(found.data) ? found.data : [];
    expect(employees.length).toBeGreaterThan(0);
    const employee: unknown = employees[0];
    const employeeId = typeof employee === "object" && employee !== null && "id" in employee && typeof employee.id === "string" ? employee.id : "";
    expect(employeeId).not.toBe("");

    // Sending a link is not: 403, naming the missing scope; nothing was created under the ticket.
    const create = await page.request.post(`${baseUrl()}/api/v1/verifications`, {
      headers: { ...auth, "Content-Type": "application/json" },
      data: { employeeId, purpose: "HELPDESK_CHECK", channel: "LINK", ticket: TICKET },
    });
    expect(String((await problemOf(create, 403)).detail)).toContain("verifications:create");
    const byTicket = await page.request.get(`${baseUrl()}/api/v1/verifications?ticket=${TICKET}`, { headers: auth });
    expect(byTicket.status()).toBe(200);
    expect(await byTicket.json()).toEqual({ data: [] });

    // No key at all: 401.
    await problemOf(await page.request.get(`${baseUrl()}/api/v1/employees?q=${encodeURIComponent(person.surname ?? "")}`), 401);

    // The list shows the use; the key itself is nowhere on the page any more.
    await page.reload();
    await expect(row.getByTestId("api-key-last-used")).not.toHaveText("Never used");
    await expect(row.getByTestId("api-key-last-used")).toContainText("UTC");
    await expect(page.getByTestId("api-key-notice")).toHaveCount(0);
    expect(await page.content()).not.toContain(key);

    // Revoking asks first, is final, and the next call is refused.
    page.once("dialog", (dialog) => {
      expect(dialog.message()).toContain(name);
      void dialog.accept();
    });
    await row.getByRole("button", { name: "Revoke" }).click();
    await expect(row.getByTestId("api-key-status")).toHaveText("Revoked");
    await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);
    await expect(row.getByTestId("api-key-revoked")).toContainText(`by ${process.env.E2E_BOOTSTRAP_EMAIL}`);
    await expect(formAlert(page)).toHaveCount(0);
    const afterRevoke = await page.request.get(`${baseUrl()}/api/v1/employees?q=${encodeURIComponent(person.surname ?? "")}`, { headers: auth });
    expect(String((await problemOf(afterRevoke, 401)).detail)).toContain("revoked");
    await screenshotFromTop(page, "161-api-key-revoked");

    await page.reload();
    await expect(row.getByTestId("api-key-status")).toHaveText("Revoked");
    expect(await page.content()).not.toContain(key);
    await context.close();
  });

  test("a helpdesk agent can neither open the page nor call its actions", async ({ browser }) => {
    const agent = { email: `api-keys-agent-${Date.now()}@verifyd.local`, password: "a helpdesk agent's passphrase" };
    const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
    await client.connect();
    // Stands in for an admin creating the account and the agent choosing their own password.
    await client.query(
      `INSERT INTO console_user (id, email, name, role, "passwordHash", "mustChangePassword", "updatedAt") VALUES (gen_random_uuid(), $1, 'API Agent', 'HELPDESK', $2, false, now())`,
      [agent.email, await hashPassword(agent.password)],
    );
    await client.end();

    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, agent.email, agent.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("navigation", { name: "Console" }).last().getByRole("link", { name: "API keys" })).toHaveCount(0);
    const response = await page.goto(`${baseUrl()}${PAGE}`);
    expect(response?.status()).toBe(403);

    const attempt = await callServerAction(page.request, PAGE, "createApiKeyAction", [{ name: "Intruder", scopes: ["verifications:create"], lifetime: "never", rateLimitPerMinute: 120 }]);
    expect(attempt).toContain("You do not have permission to do that.");
    await context.close();
  });
});
