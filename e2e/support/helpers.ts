import { readFileSync } from "node:fs";
import path from "node:path";
import { type APIRequestContext, expect, type Page } from "@playwright/test";

export const root = path.resolve(import.meta.dirname, "../..");
export const ADMIN_STATE = path.join(root, "test-results/.auth/admin.json");
export const ADMIN_PASSWORD_FILE = path.join(root, "test-results/.auth/admin-password.txt");

export function baseUrl(): string {
  const url = process.env.E2E_BASE_URL;
  if (!url) throw new Error("E2E_BASE_URL is not set: run through `npm test` or `npm run test:e2e`.");
  return url;
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl()}/sign-in`);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(root, "test-results/screenshots", `${name}.png`), fullPage: true });
}

/** The id Next.js gave a server action in the production build, to call it the way an attacker would. */
export function serverActionId(exportedName: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string }>;
  };
  const entry = Object.entries(manifest.node).find(([, action]) => action.exportedName === exportedName);
  if (!entry) throw new Error(`No server action named ${exportedName} in the build`);
  return entry[0];
}

/** POSTs straight to a server action (no UI), with the cookies of `request`. Returns the raw response text. */
export async function callServerAction(request: APIRequestContext, pagePath: string, exportedName: string, args: unknown[]): Promise<string> {
  const response = await request.post(`${baseUrl()}${pagePath}`, {
    headers: { "Next-Action": serverActionId(exportedName), "Content-Type": "text/plain;charset=UTF-8", Origin: baseUrl() },
    data: JSON.stringify(args),
  });
  expect(response.status()).toBeLessThan(500);
  return response.text();
}

/** Our form alerts (Next.js also renders an empty role="alert" route announcer on every page). */
export function formAlert(page: Page) {
  return page.locator('[role="alert"]:not(#__next-route-announcer__)');
}
