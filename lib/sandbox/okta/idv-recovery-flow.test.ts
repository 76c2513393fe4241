import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { passwordFormToken, startIdvHarness, TestBrowser, type IdvHarness } from "@/lib/sandbox/okta/idv-test-harness";

let h: IdvHarness;

beforeAll(async () => {
  h = await startIdvHarness("idv-flow");
});
afterAll(() => h.close());
beforeEach(async () => {
  h.sandbox.reset();
  await h.configure();
});

async function observed(userId: string) {
  const response = await fetch(`${h.orgUrl}/_sandbox/users/${userId}`);
  return response.json();
}

describe("Okta sandbox as the relying party of an IDV vendor: verified recovery", () => {
  it("pushes the authorization request with client_secret_basic, PKCE and the verified_claims request", async () => {
    const user = h.user();
    const browser = new TestBrowser();
    const started = await browser.request(`${h.orgUrl}/signin/forgot-password`, { form: { username: user.profile.login.toUpperCase(), action: "PASSWORD_RECOVERY" } });
    expect(started.status).toBe(302);
    const location = new URL(started.headers.get("location") ?? "");
    expect(`${location.origin}${location.pathname}`).toBe(h.provider.authorizeUrl);
    expect([...location.searchParams.keys()].sort()).toEqual(["client_id", "request_uri"]);
    expect(location.searchParams.get("client_id")).toBe(h.op.clientId);
    expect(started.headers.get("set-cookie")).toMatch(/HttpOnly/i);
    expect(started.headers.get("set-cookie")).toMatch(/SameSite=Lax/i);

    const pushed = h.op.pushed.at(-1);
    expect(pushed?.fields).toMatchObject({
      response_type: "code",
      client_id: h.op.clientId,
      redirect_uri: `${h.orgUrl}/idp/identity-verification/callback`,
      scope: "openid profile identity_assurance",
      code_challenge_method: "S256",
      login_hint: user.profile.login.toUpperCase(),
    });
    expect(pushed?.fields.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(pushed?.fields.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.parse(pushed?.fields.claims ?? "")).toEqual({
      id_token: { verified_claims: { verification: { trust_framework: null }, claims: { given_name: null, family_name: null } } },
    });
    // Form-encoded before base64 (RFC 6749 §2.3.1): the space and the colon of the test client id survive.
    expect(pushed?.authorization).toBe(`Basic ${Buffer.from("okta+sandbox%3Aclient:s3cret%2B%2F%3D%3A%C3%A9").toString("base64")}`);
  });

  it("authorises a matching verified identity, then sets the chosen password once", async () => {
    const user = h.user();
    const browser = new TestBrowser();
    const page = await h.recover(browser, user.profile.login, "PASSWORD_RECOVERY", h.namesOf(user));
    expect(page.status).toBe(200);
    expect(page.text).toContain("Choose a new password");
    const [authorised] = await h.recoveries();
    expect(authorised).toMatchObject({
      userId: user.id,
      login: user.profile.login,
      action: "PASSWORD_RECOVERY",
      outcome: "AUTHORISED",
      reason: null,
      verification: { trust_framework: "uk_tfida", assurance_level: "medium", time: expect.any(String) },
      claimNames: ["family_name", "given_name"],
    });
    expect(JSON.stringify(authorised)).not.toContain(user.profile.lastName ?? "-");

    const token = passwordFormToken(page.text);
    const tooShort = await browser.request(`${h.orgUrl}/signin/reset-password`, { form: { token, newPassword: "short", confirmPassword: "short" } });
    expect(tooShort.status).toBe(400);
    expect(await tooShort.text()).toContain("at least 8 characters");
    const different = await browser.request(`${h.orgUrl}/signin/reset-password`, { form: { token, newPassword: "Correct-Horse-1", confirmPassword: "Correct-Horse-2" } });
    expect(await different.text()).toContain("do not match");

    const done = await browser.request(`${h.orgUrl}/signin/reset-password`, { form: { token, newPassword: "Correct-Horse-1", confirmPassword: "Correct-Horse-1" } });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain("Your password was changed. Sign in with it.");
    expect((await h.recoveries())[0]).toMatchObject({ id: authorised?.id, outcome: "COMPLETED", completedAt: expect.any(String) });
    expect(await observed(user.id)).toMatchObject({ status: "ACTIVE", passwordRecoveredAt: expect.any(String), user: { passwordChanged: expect.any(String) } });
    expect(await h.sandbox.state.passwordMatches(user.index, "Correct-Horse-1")).toBe(true);
    expect(await h.sandbox.state.passwordMatches(user.index, "Correct-Horse-2")).toBe(false);

    const again = await browser.request(`${h.orgUrl}/signin/reset-password`, { form: { token, newPassword: "Another-Pass-3", confirmPassword: "Another-Pass-3" } });
    expect(again.status).toBe(400);
    expect(await h.sandbox.state.passwordMatches(user.index, "Another-Pass-3")).toBe(false);
  });

  it("resets every authenticator after a verified authenticator reset", async () => {
    const user = h.user(1);
    const page = await h.recover(new TestBrowser(), user.profile.login, "AUTHENTICATOR_RESET", h.namesOf(user));
    expect(page.text).toContain("Your authenticators were reset");
    expect(page.text).not.toContain("newPassword");
    expect(await h.recoveries()).toMatchObject([{ userId: user.id, action: "AUTHENTICATOR_RESET", outcome: "COMPLETED", reason: null }]);
    const state = await observed(user.id);
    expect(state).toMatchObject({ factors: [], factorsResetAt: expect.any(String) });
    expect(state.factorsRemoved).toHaveLength(user.factors.length);
  });

  it("accepts the same names in another case and spacing", async () => {
    const user = h.user(2);
    const page = await h.recover(new TestBrowser(), user.profile.login, "PASSWORD_RECOVERY", {
      givenName: ` ${(user.profile.firstName ?? "").toUpperCase()} `,
      familyName: (user.profile.lastName ?? "").toLowerCase().replace(/ /g, "  "),
    });
    expect(page.text).toContain("Choose a new password");
  });
});

describe("Okta sandbox recovery pages and admin API", () => {
  it("names the vendor on the start page and escapes what it echoes", async () => {
    const start = await fetch(`${h.orgUrl}/signin/forgot-password`);
    const text = await start.text();
    expect(text).toContain("verifyd test vendor");
    expect(text).toMatch(/<label for="username">Username<\/label>/);
    expect(text).toContain('value="PASSWORD_RECOVERY">Reset password</button>');
    expect(text).toContain('value="AUTHENTICATOR_RESET" class="secondary">Reset authenticators</button>');
    const invalid = await new TestBrowser().request(`${h.orgUrl}/signin/forgot-password`, { form: { username: '"><script>alert(1)</script>' } });
    expect(invalid.status).toBe(400);
    const echoed = await invalid.text();
    expect(echoed).not.toContain("<script>");
    expect(echoed).toContain("&quot;&gt;&lt;script&gt;");
  });

  it("says the policy cannot be met when no provider is configured, and records nothing", async () => {
    expect((await fetch(`${h.orgUrl}/_sandbox/idv-provider`, { method: "DELETE" })).status).toBe(204);
    expect((await fetch(`${h.orgUrl}/_sandbox/idv-provider`)).status).toBe(404);
    const page = await new TestBrowser().request(`${h.orgUrl}/signin/forgot-password`, { form: { username: h.user().profile.login, action: "PASSWORD_RECOVERY" } });
    expect(await page.text()).toMatch(/Account Management Policy requires identity verification.*no identity verification provider is configured/s);
    expect(await h.recoveries()).toEqual([]);
  });

  it("shows an unavailable vendor when the push fails, and leaves no usable transaction", async () => {
    h.op.parStatus = 503;
    try {
      const browser = new TestBrowser();
      const page = await browser.request(`${h.orgUrl}/signin/forgot-password`, { form: { username: h.user().profile.login, action: "PASSWORD_RECOVERY" } });
      expect(page.status).toBe(502);
      expect(await page.text()).toContain("The identity verification service is unavailable");
      expect(browser.cookies.size).toBe(0);
      const state = h.op.pushed.at(-1)?.fields.state ?? "";
      const callback = await browser.request(`${h.orgUrl}/idp/identity-verification/callback?code=x&state=${state}`);
      expect(callback.status).toBe(400);
    } finally {
      h.op.parStatus = 201;
    }
  });

  it("validates the provider settings, hides the secret, and keeps them across a reset", async () => {
    const bad = await fetch(`${h.orgUrl}/_sandbox/idv-provider`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ...h.provider, parUrl: "javascript:alert(1)" }) });
    expect(bad.status).toBe(400);
    const shown = await (await fetch(`${h.orgUrl}/_sandbox/idv-provider`)).json();
    expect(shown).toMatchObject({ vendorName: "verifyd test vendor", clientId: h.op.clientId, redirectUri: h.sandbox.idvRedirectUri, scopes: "openid profile identity_assurance" });
    expect(JSON.stringify(shown)).not.toContain(h.op.clientSecret);
    await h.recover(new TestBrowser(), h.user().profile.login, "PASSWORD_RECOVERY", { error: "access_denied" });
    expect(await h.recoveries()).toHaveLength(1);
    expect((await fetch(`${h.orgUrl}/_sandbox/reset`, { method: "POST" })).status).toBe(204);
    expect(await h.recoveries()).toEqual([]);
    expect((await fetch(`${h.orgUrl}/_sandbox/idv-provider`)).status).toBe(200);
  });
});
