import { expect, test } from "@playwright/test";
import { ADMIN_STATE, baseUrl, screenshot, signIn } from "./support/helpers";

test.describe("outbox", () => {
  test("admins read the local outbox; helpdesk agents are refused", async ({ browser }) => {
    const admin = await browser.newContext({ storageState: ADMIN_STATE });
    const page = await admin.newPage();
    const cspViolations: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && message.text().includes("Content Security Policy")) cspViolations.push(message.text());
    });
    await page.goto(`${baseUrl()}/dashboard`);
    await page.getByRole("navigation", { name: "Console" }).last().getByRole("link", { name: "Outbox" }).click();
    await expect(page).toHaveURL(/\/outbox$/);
    await expect(page.getByRole("heading", { name: "Outbox", exact: true })).toBeVisible();
    // The e2e server has no SMTP_URL: the outbox is where messages go.
    await expect(page.getByText("No SMTP server is configured: messages are kept here instead of being sent")).toBeVisible();
    // Other specs may already have sent verification links through it.
    const rows = page.getByTestId("outbox-row");
    await expect(page.getByText("No messages yet").or(rows.first())).toBeVisible();
    await screenshot(page, "60-outbox");

    await page.getByLabel("Channel").selectOption("SMS");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/channel=SMS/);
    await expect(page.getByLabel("Channel")).toHaveValue("SMS");
    await expect(page.getByText("No messages match this filter").or(rows.first())).toBeVisible();
    await page.goto(`${baseUrl()}/outbox`);

    if ((await rows.count()) > 0) {
      await rows.first().getByRole("link").click();
      await expect(page.getByRole("heading", { name: "Envelope" })).toBeVisible();
      await expect(page.getByTestId("outbox-text-body")).toBeVisible();
      const html = page.locator("iframe[title='HTML version of the e-mail']");
      if ((await html.count()) > 0) await expect(html).toHaveAttribute("sandbox", "");
      await screenshot(page, "61-outbox-message");
    }
    const missing = await page.goto(`${baseUrl()}/outbox/00000000-0000-4000-8000-000000000000`);
    expect(missing?.status()).toBe(404);
    expect(cspViolations).toEqual([]);

    // A helpdesk agent sees no Outbox link and gets 403 for the pages.
    const agentEmail = `outbox-agent-${Date.now()}@example.com`;
    await page.goto(`${baseUrl()}/settings/console-users`);
    await page.getByLabel("Name", { exact: true }).fill("Otto Outbox");
    await page.getByLabel("E-mail address", { exact: true }).fill(agentEmail);
    await page.getByLabel("Role", { exact: true }).selectOption("HELPDESK");
    await page.getByRole("button", { name: "Add user" }).click();
    const oneTimePassword = (await page.getByTestId("one-time-password").textContent())?.trim() ?? "";

    const agent = await browser.newContext();
    const agentPage = await agent.newPage();
    await signIn(agentPage, agentEmail, oneTimePassword);
    await agentPage.getByLabel("Current password").fill(oneTimePassword);
    await agentPage.getByLabel("New password", { exact: true }).fill("outbox agent passphrase");
    await agentPage.getByLabel("Repeat new password").fill("outbox agent passphrase");
    await agentPage.getByRole("button", { name: "Change password" }).click();
    await expect(agentPage).toHaveURL(/\/dashboard$/);
    await expect(agentPage.getByRole("navigation", { name: "Console" }).last().getByRole("link", { name: "Outbox" })).toHaveCount(0);
    for (const path of ["/outbox", "/outbox/00000000-0000-4000-8000-000000000000"]) {
      const response = await agentPage.goto(`${baseUrl()}${path}`);
      expect(response?.status(), path).toBe(403);
      await expect(agentPage.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
    }
    await screenshot(agentPage, "62-outbox-helpdesk-forbidden");

    await admin.close();
    await agent.close();
  });
});
