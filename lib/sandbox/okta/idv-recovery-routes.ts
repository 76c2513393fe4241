import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { logIdvEvent, maySelfRecover, setPasswordByRecovery } from "@/lib/sandbox/okta/apply-idv-recovery";
import { completeIdvCallback } from "@/lib/sandbox/okta/complete-idv-callback";
import { IDV_CALLBACK_PATH, idvRedirectUri } from "@/lib/sandbox/okta/idv-provider-config";
import { IDV_ACTIONS, IDV_TRANSACTION_LIFETIME_MS, sameSecret } from "@/lib/sandbox/okta/idv-recoveries";
import { idvAuthorizeUrl, pushIdvAuthorizationRequest } from "@/lib/sandbox/okta/idv-relying-party";
import * as pages from "@/lib/sandbox/okta/idv-pages";
import { nowIso, type OktaOrg } from "@/lib/sandbox/okta/okta-org";

/** Binds the browser to its recovery. Named for the sandbox: cookies ignore ports, and verifyd may share the host. */
export const IDV_BROWSER_COOKIE = "okta_sandbox_idv";
const MAX_PASSWORD_LENGTH = 256;

const startFormSchema = z.object({ username: z.string().trim().min(1).max(256), action: z.enum(IDV_ACTIONS) });
const passwordFormSchema = z.object({ token: z.string().min(1).max(128), newPassword: z.string(), confirmPassword: z.string() });
/** Text fields of a form post; a file part is no answer to any field here. */
function formFields(body: Record<string, unknown>): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [name, value] of Object.entries(body)) if (typeof value === "string") fields[name] = value;
  return fields;
}

function html(c: Context, markup: string, status: 200 | 400 | 403 | 502 = 200): Response {
  // Recovery pages carry one-time values: never cached, framed or leaked through a Referer.
  c.header("Cache-Control", "no-store");
  c.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'");
  c.header("Referrer-Policy", "no-referrer");
  c.header("X-Content-Type-Options", "nosniff");
  return c.html(markup, status);
}

function passwordProblem(newPassword: string, confirmPassword: string): string | null {
  if (newPassword.length < pages.MIN_PASSWORD_LENGTH) return `Your password must have at least ${pages.MIN_PASSWORD_LENGTH} characters.`;
  if (newPassword.length > MAX_PASSWORD_LENGTH) return `Your password must have at most ${MAX_PASSWORD_LENGTH} characters.`;
  if (newPassword !== confirmPassword) return "The passwords do not match.";
  return null;
}

/**
 * Self-service recovery under an Account Management Policy that requires identity verification: the start page,
 * the pushed request and redirect to the IDV vendor, its callback, and the new password.
 */
export function idvRecoveryRoutes(org: OktaOrg): Hono {
  const app = new Hono();
  const { idv, state } = org;

  app.get("/signin/forgot-password", (c) => html(c, pages.forgotPasswordPage({ vendorName: idv.provider?.vendorName ?? null })));

  app.post("/signin/forgot-password", async (c) => {
    const body = formFields(await c.req.parseBody());
    const form = startFormSchema.safeParse(body);
    const vendorName = idv.provider?.vendorName ?? null;
    if (!form.success) {
      const error = form.error.issues.some((issue) => issue.path[0] === "username") ? "Enter your username." : "Choose what to reset.";
      return html(c, pages.forgotPasswordPage({ vendorName, username: body.username ?? "", error }), 400);
    }
    const provider = idv.provider;
    if (!provider) return html(c, pages.noIdvProviderPage());
    const { username, action } = form.data;
    // findUser also takes ids; only a login names the user here, as on Okta's sign-in page.
    const user = state.findUser(username);
    const userId = user && user.profile.login.toLowerCase() === username.toLowerCase() ? user.id : null;
    const transaction = idv.begin({ login: username, userId, action });
    const orgUrl = org.orgUrl(c);
    const requestUri = await pushIdvAuthorizationRequest(provider, idvRedirectUri(orgUrl), transaction);
    if (requestUri === null) {
      idv.endTransaction(transaction.state);
      return html(c, pages.idvUnavailablePage(provider.vendorName), 502);
    }
    setCookie(c, IDV_BROWSER_COOKIE, transaction.browserBinding, {
      httpOnly: true,
      sameSite: "Lax",
      path: "/",
      secure: orgUrl.startsWith("https:"),
      maxAge: IDV_TRANSACTION_LIFETIME_MS / 1000,
    });
    return c.redirect(idvAuthorizeUrl(provider, requestUri), 302);
  });

  app.get(IDV_CALLBACK_PATH, async (c) => {
    const stateParam = c.req.query("state");
    const transaction = stateParam ? idv.findTransaction(stateParam) : undefined;
    const binding = getCookie(c, IDV_BROWSER_COOKIE);
    // Not this browser's transaction: nothing is spent or recorded, so a forged link cannot end a real recovery.
    if (!transaction || binding === undefined || !sameSecret(binding, transaction.browserBinding)) return html(c, pages.invalidCallbackPage(), 400);
    idv.endTransaction(transaction.state);
    const vendorName = idv.provider?.vendorName ?? "the identity verification service";
    const outcome = await completeIdvCallback({ state, idv, redirectUri: idvRedirectUri(org.orgUrl(c)) }, transaction, c.req.query());
    if (outcome.kind === "choose_password") return html(c, pages.choosePasswordPage({ token: outcome.pending.token }));
    deleteCookie(c, IDV_BROWSER_COOKIE, { path: "/" });
    if (outcome.kind === "authenticators_reset") return html(c, pages.authenticatorsResetPage());
    if (outcome.kind === "not_completed") return html(c, pages.verificationNotCompletedPage(vendorName));
    return html(c, pages.verificationRefusedPage(), 403);
  });

  app.post("/signin/reset-password", async (c) => {
    const form = passwordFormSchema.safeParse(formFields(await c.req.parseBody()));
    const pending = form.success ? idv.findPendingReset(form.data.token) : undefined;
    const binding = getCookie(c, IDV_BROWSER_COOKIE);
    if (!form.success || !pending || binding === undefined || !sameSecret(binding, pending.browserBinding)) return html(c, pages.passwordResetInvalidPage(), 400);
    const problem = passwordProblem(form.data.newPassword, form.data.confirmPassword);
    if (problem) return html(c, pages.choosePasswordPage({ token: pending.token, error: problem }), 400);
    // Spent before the (asynchronous) hashing, so a double submit cannot set two passwords.
    idv.endPendingReset(pending.token);
    const user = state.findUser(pending.userId);
    if (!user || !maySelfRecover(user)) return html(c, pages.passwordResetInvalidPage(), 400);
    const at = nowIso();
    await setPasswordByRecovery(state, user.index, form.data.newPassword, at);
    idv.complete(pending.recordId);
    logIdvEvent(state, user.id, { action: "PASSWORD_RECOVERY", outcome: "COMPLETED", reason: null }, at);
    deleteCookie(c, IDV_BROWSER_COOKIE, { path: "/" });
    return html(c, pages.passwordChangedPage());
  });

  return app;
}
