import { expect, test } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../lib/auth/password";
import { baseUrl, screenshot, signIn } from "./support/helpers";
import { useConnectedOktaSandbox } from "./support/identity-provider-helpers";
import { adminConsole, employeePhone, finishVerificationOnPhone, licenceCandidates } from "./support/verification-helpers";

// Different people from verification.spec.ts, so the two specs never supersede each other's links.
const people = licenceCandidates().slice(10);

test.describe("helpdesk verification", () => {
  test.describe.configure({ mode: "serial", timeout: 150_000 });

  useConnectedOktaSandbox(test);

  test("search, hand over by QR code, watch it live, bind the caller", async ({ browser }) => {
    const person = people[0]!;
    const agent = await adminConsole(browser);
    await agent.goto(`${baseUrl()}/helpdesk`);
    // Surname first, given name cut short, no diacritics: still found, through the database index.
    await agent.getByLabel("Find the employee").fill(`${person.surname} ${person.givenName!.slice(0, 3)}`);
    const hit = agent.getByTestId("search-results").getByRole("link").filter({ hasText: `${person.loginLocalPart}@` });
    await expect(hit).toBeVisible();
    await expect(hit).toContainText("Can be verified");
    await screenshot(agent, "90-helpdesk-search");
    await hit.click();

    await agent.getByLabel("Why are you verifying them?").selectOption({ label: "Identity check by the service desk" });
    await agent.getByLabel("Send the link").selectOption({ label: "Don't send: show a QR code here" });
    await agent.getByRole("button", { name: "Send verification link" }).click();
    await expect(agent.getByTestId("verification-status")).toHaveText("Link sent");
    await expect(agent.getByRole("img", { name: "QR code of the verification link" })).toBeVisible();
    const link = (await agent.getByTestId("verification-link").textContent())!.trim();
    await screenshot(agent, "91-helpdesk-link-hand-over");

    // The employee scans the code with their phone and verifies; the agent's page follows without a reload.
    const phone = await employeePhone(browser);
    await phone.goto(link);
    await phone.getByRole("button", { name: "Start verification" }).click();
    await expect(agent.getByTestId("verification-status")).toHaveText("In progress", { timeout: 15_000 });
    await finishVerificationOnPhone(phone, agent, person);
    const bindingCode = (await phone.getByTestId("binding-code").textContent())!.trim();
    expect(bindingCode).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
    await screenshot(phone, "92-verify-binding-code-phone");

    await expect(agent.getByTestId("verification-status")).toHaveText("Verified", { timeout: 15_000 });
    await expect(agent.getByRole("table").getByRole("row", { name: /Postal code/ })).toContainText("•");
    // A wrong read-back is refused; the right one binds the caller.
    await agent.getByLabel("Code the caller reads out").fill("AAA-AAA" === bindingCode ? "CCC-CCC" : "AAA-AAA");
    await agent.getByRole("button", { name: "Confirm caller" }).click();
    await expect(agent.getByText(/That is not the code on the employee's screen. 2 attempts left./)).toBeVisible();
    await agent.getByLabel("Code the caller reads out").fill(bindingCode.toLowerCase());
    await agent.getByRole("button", { name: "Confirm caller" }).click();
    await expect(agent.getByTestId("caller-binding")).toContainText("Caller confirmed");
    await screenshot(agent, "93-helpdesk-caller-confirmed");

    // The team lead's queue shows it under its status.
    await agent.goto(`${baseUrl()}/helpdesk/requests?status=VERIFIED`);
    await expect(agent.getByTestId("verification-requests")).toContainText(`${person.loginLocalPart}@`);
    await expect(agent.getByTestId("verification-requests").getByRole("row").filter({ hasText: `${person.loginLocalPart}@` })).toContainText("caller confirmed");
    await screenshot(agent, "94-helpdesk-requests");
  });

  test("someone who left the group is shown but cannot be sent a verification", async ({ browser }) => {
    const person = people[1]!;
    const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
    await client.connect();
    // Stands in for a sync that found them gone from the group.
    await client.query(`UPDATE employee SET membership = 'INACTIVE' WHERE split_part(login, '@', 1) = $1`, [person.loginLocalPart]);
    await client.end();
    const agent = await adminConsole(browser);
    await agent.goto(`${baseUrl()}/helpdesk`);
    await agent.getByLabel("Find the employee").fill(person.loginLocalPart);
    const hit = agent.getByTestId("search-results").getByRole("link").filter({ hasText: `${person.loginLocalPart}@` });
    await expect(hit).toContainText("Left the group: cannot be verified");
    await hit.click();
    await expect(agent.getByText("Cannot be verified")).toBeVisible();
    await expect(agent.getByRole("button", { name: "Send verification link" })).toHaveCount(0);
  });
  test("a colleague sees the case but neither the link nor the actions; the link's display is audited", async ({ browser }) => {
    const person = people[2]!;
    const colleague = { email: `colleague-${Date.now()}@verifyd.local`, password: "a colleague's passphrase" };
    const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
    await client.connect();
    // Stands in for an admin creating the account and the colleague picking their own password.
    await client.query(
      `INSERT INTO console_user (id, email, name, role, "passwordHash", "mustChangePassword", "updatedAt") VALUES (gen_random_uuid(), $1, 'Colleague Agent', 'HELPDESK', $2, false, now())`,
      [colleague.email, await hashPassword(colleague.password)],
    );

    const agent = await adminConsole(browser);
    await agent.goto(`${baseUrl()}/helpdesk`);
    await agent.getByLabel("Find the employee").fill(person.loginLocalPart);
    await agent.getByTestId("search-results").getByRole("link").filter({ hasText: `${person.loginLocalPart}@` }).click();
    await agent.getByLabel("Why are you verifying them?").selectOption({ label: "Identity check by the service desk" });
    await agent.getByLabel("Send the link").selectOption({ label: "Don't send: show a QR code here" });
    await agent.getByRole("button", { name: "Send verification link" }).click();
    await expect(agent.getByRole("img", { name: "QR code of the verification link" })).toBeVisible();
    const verificationId = new URL(agent.url()).pathname.split("/").pop()!;

    const context = await browser.newContext();
    const other = await context.newPage();
    await signIn(other, colleague.email, colleague.password);
    await expect(other).toHaveURL(/\/dashboard/);
    await other.goto(agent.url());
    await expect(other.getByTestId("verification-status")).toHaveText("Link sent");
    await expect(other.getByTestId("link-held-by")).toContainText("only they can see it or send it again");
    await expect(other.getByRole("img", { name: "QR code of the verification link" })).toHaveCount(0);
    await expect(other.getByTestId("verification-link")).toHaveCount(0);
    await expect(other.getByRole("button", { name: "Cancel", exact: true })).toHaveCount(0);
    await screenshot(other, "95-helpdesk-colleague-view");

    const viewed = await client.query<{ actorLabel: string }>(
      `SELECT "actorLabel" FROM audit_event WHERE action = 'verification.link_viewed' AND "targetId" = $1`,
      [verificationId],
    );
    // Each display by the initiator is recorded; the colleague's visit displayed nothing, so recorded nothing.
    expect(viewed.rows.length).toBeGreaterThan(0);
    expect(new Set(viewed.rows.map((row) => row.actorLabel))).toEqual(new Set(["admin@verifyd.local"]));
    await client.end();
    await context.close();
  });
});
