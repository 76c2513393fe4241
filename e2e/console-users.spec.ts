import { expect, test } from "@playwright/test";
import { ADMIN_STATE, baseUrl, callServerAction, screenshot, signIn } from "./support/helpers";

test.describe("console users and roles", () => {
  test("an admin creates a helpdesk agent, who is refused settings pages, actions and exports", async ({ browser }) => {
    const admin = await browser.newContext({ storageState: ADMIN_STATE });
    const adminPage = await admin.newPage();
    await adminPage.goto(`${baseUrl()}/settings/console-users`);
    await expect(adminPage.getByRole("heading", { name: "Console users", exact: true })).toBeVisible();

    // Bad input gets a clear error and creates nothing.
    await adminPage.getByLabel("Name", { exact: true }).fill("Hanna Helpdesk");
    await adminPage.getByLabel("E-mail address", { exact: true }).fill("not-an-email");
    await adminPage.getByRole("button", { name: "Add user" }).click();
    await expect(adminPage.getByText("Enter a valid e-mail address.")).toBeVisible();

    const agentEmail = `agent-${Date.now()}@example.com`;
    await adminPage.getByLabel("E-mail address", { exact: true }).fill(agentEmail);
    await adminPage.getByLabel("Role", { exact: true }).selectOption("HELPDESK");
    await adminPage.getByRole("button", { name: "Add user" }).click();
    const oneTimePassword = (await adminPage.getByTestId("one-time-password").textContent())?.trim() ?? "";
    expect(oneTimePassword).toMatch(/^[A-Za-z0-9]{20}$/);
    const row = adminPage.getByTestId("console-user-row").filter({ hasText: agentEmail });
    await expect(row).toContainText("Helpdesk agent");
    await expect(row).toContainText("Password change pending");
    await screenshot(adminPage, "04-console-users");

    // Duplicate e-mail: a field error, no second user.
    await adminPage.getByLabel("Name", { exact: true }).fill("Duplicate");
    await adminPage.getByLabel("E-mail address", { exact: true }).fill(agentEmail);
    await adminPage.getByRole("button", { name: "Add user" }).click();
    await expect(adminPage.getByText("Already in use.")).toBeVisible();
    await expect(adminPage.getByTestId("console-user-row").filter({ hasText: agentEmail })).toHaveCount(1);

    // The agent signs in, must change the password, then sees only the helpdesk areas.
    const agent = await browser.newContext();
    const agentPage = await agent.newPage();
    await signIn(agentPage, agentEmail, oneTimePassword);
    await expect(agentPage).toHaveURL(/\/change-password$/);
    await agentPage.getByLabel("Current password").fill(oneTimePassword);
    await agentPage.getByLabel("New password", { exact: true }).fill("helpdesk agent passphrase");
    await agentPage.getByLabel("Repeat new password").fill("helpdesk agent passphrase");
    await agentPage.getByRole("button", { name: "Change password" }).click();
    await expect(agentPage).toHaveURL(/\/dashboard$/);
    const nav = agentPage.getByRole("navigation", { name: "Console" }).last();
    await expect(nav.getByRole("link", { name: "Helpdesk" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Console users" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
    await screenshot(agentPage, "05-dashboard-helpdesk");

    for (const path of ["/settings/console-users", "/settings/identity-provider", "/settings/verification-policy", "/audit"]) {
      const response = await agentPage.goto(`${baseUrl()}${path}`);
      expect(response?.status(), path).toBe(403);
      await expect(agentPage.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    }
    await screenshot(agentPage, "06-helpdesk-forbidden");

    // Calling the server actions directly (no UI) is refused on the server too, and changes nothing.
    const escalation = await callServerAction(agentPage.request, "/settings/console-users", "createConsoleUserAction", [
      { email: "intruder@example.com", name: "Intruder", role: "ADMIN" },
    ]);
    expect(escalation).toContain("You do not have permission to do that.");
    const adminId = await adminPage.getByTestId("console-user-row").filter({ hasText: "Bootstrap admin" }).getAttribute("data-user-id");
    expect(adminId).toBeTruthy();
    const demotion = await callServerAction(agentPage.request, "/settings/console-users", "changeConsoleUserRoleAction", [
      { userId: adminId, role: "HELPDESK" },
    ]);
    expect(demotion).toContain("You do not have permission to do that.");
    const exportResponse = await agentPage.request.get(`${baseUrl()}/api/audit/export`);
    expect(exportResponse.status()).toBe(403);

    await adminPage.reload();
    await expect(adminPage.getByTestId("console-user-row").filter({ hasText: "intruder@example.com" })).toHaveCount(0);
    await expect(adminPage.getByTestId("console-user-row").filter({ hasText: "Bootstrap admin" })).toContainText("Admin");

    // Disabling the agent ends their session at once.
    await adminPage.getByTestId("console-user-row").filter({ hasText: agentEmail }).getByRole("button", { name: "Disable" }).click();
    await expect(adminPage.getByTestId("console-user-row").filter({ hasText: agentEmail })).toContainText("Disabled");
    await agentPage.goto(`${baseUrl()}/dashboard`);
    await expect(agentPage).toHaveURL(/\/sign-in$/);

    await admin.close();
    await agent.close();
  });
});
