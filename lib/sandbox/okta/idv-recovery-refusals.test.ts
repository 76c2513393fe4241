import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startIdvHarness, TestBrowser, type IdvHarness } from "@/lib/sandbox/okta/idv-test-harness";
import type { NextVerification } from "@/lib/sandbox/okta/idv-test-op";

let h: IdvHarness;

beforeAll(async () => {
  h = await startIdvHarness("idv-refusals");
});
afterAll(() => h.close());
beforeEach(() => h.sandbox.reset());

/** A password recovery of a real user whose verification comes back as `change` says; the user's state after. */
async function refusedRecovery(change: (names: NextVerification) => NextVerification) {
  const user = h.user();
  const page = await h.recover(new TestBrowser(), user.profile.login, "PASSWORD_RECOVERY", change(h.namesOf(user)));
  const after = h.sandbox.state.record(user.index);
  return { user, page, after, recoveries: await h.recoveries() };
}

describe("Okta sandbox as the relying party of an IDV vendor: refusals", () => {
  it.each<[string, (names: NextVerification) => NextVerification, string]>([
    ["a token for another nonce", (names) => ({ ...names, nonce: "someone-elses-nonce" }), "nonce_mismatch"],
    ["a token for another audience", (names) => ({ ...names, audience: "another-client" }), "id_token_invalid"],
    ["a token from another issuer", (names) => ({ ...names, issuer: "https://idv.example.net" }), "id_token_invalid"],
    ["a token signed by a key not in the vendor's JWKS", (names) => ({ ...names, signWithOtherKey: true }), "id_token_invalid"],
    ["an expired token", (names) => ({ ...names, expired: true }), "id_token_invalid"],
    ["a token without verified_claims", (names) => ({ ...names, omitVerifiedClaims: true }), "verified_claims_missing"],
    ["names that are not the profile's", () => ({ givenName: "Mallory", familyName: "Impostor" }), "profile_mismatch"],
    ["only one of the two names", (names) => ({ givenName: names.givenName }), "profile_mismatch"],
  ])("refuses %s and leaves the account as it was", async (_name, change, reason) => {
    const { user, page, after, recoveries } = await refusedRecovery(change);
    expect(page.status).toBe(403);
    expect(page.text).toContain("The verified identity did not match this account");
    expect(page.text).not.toContain("newPassword");
    expect(recoveries).toMatchObject([{ userId: user.id, action: "PASSWORD_RECOVERY", outcome: "REFUSED", reason }]);
    expect(recoveries[0]?.verification).toBeUndefined();
    expect(after?.dates.passwordChanged).toBe(user.dates.passwordChanged);
    expect(after?.observed.passwordRecoveredAt).toBeNull();
  });

  it("records the vendor's error and sends the user to the help desk without a password form", async () => {
    const user = h.user();
    const page = await h.recover(new TestBrowser(), user.profile.login, "PASSWORD_RECOVERY", { error: "access_denied" });
    expect(page.text).toContain("Identity verification was not completed");
    expect(page.text).toContain("contact your help desk");
    expect(page.text).not.toContain("newPassword");
    expect(await h.recoveries()).toMatchObject([{ userId: user.id, outcome: "REFUSED", reason: "access_denied" }]);
  });

  it("refuses an answer naming another issuer without redeeming its code (RFC 9207)", async () => {
    const user = h.user();
    const before = h.op.tokenRequests;
    const page = await h.recover(new TestBrowser(), user.profile.login, "AUTHENTICATOR_RESET", { ...h.namesOf(user), redirectIss: "https://attacker.example" });
    expect(page.status).toBe(403);
    expect(h.op.tokenRequests).toBe(before);
    expect(await h.recoveries()).toMatchObject([{ outcome: "REFUSED", reason: "issuer_mismatch" }]);
    expect(h.sandbox.state.record(user.index)?.factors).toHaveLength(user.factors.length);
  });

  it("accepts an answer without iss (the parameter is optional for this provider)", async () => {
    const user = h.user();
    const page = await h.recover(new TestBrowser(), user.profile.login, "PASSWORD_RECOVERY", { ...h.namesOf(user), redirectIss: null });
    expect(page.text).toContain("Choose a new password");
  });

  it("goes to the vendor for a login that matches nobody, and refuses afterwards", async () => {
    const browser = new TestBrowser();
    const started = await browser.request(`${h.orgUrl}/signin/forgot-password`, { form: { username: "nobody@example.com", action: "PASSWORD_RECOVERY" } });
    // The same answer as for a real user: the start page does not reveal who has an account.
    expect(started.status).toBe(302);
    const page = await h.recover(new TestBrowser(), "nobody@example.com", "PASSWORD_RECOVERY", { givenName: "No", familyName: "Body" });
    expect(page.text).toContain("The verified identity did not match this account");
    expect(await h.recoveries()).toMatchObject([{ userId: null, login: "nobody@example.com", outcome: "REFUSED", reason: "unknown_user" }]);
  });

  it("refuses a user whose status does not allow self-service recovery", async () => {
    const user = h.user();
    h.sandbox.state.setStatus(user.index, "SUSPENDED", new Date().toISOString());
    const page = await h.recover(new TestBrowser(), user.profile.login, "PASSWORD_RECOVERY", h.namesOf(user));
    expect(page.status).toBe(403);
    expect(await h.recoveries()).toMatchObject([{ outcome: "REFUSED", reason: "user_not_eligible" }]);
  });

  it("answers 400 to a callback from another browser, records nothing, and leaves the real one usable", async () => {
    const user = h.user();
    const victim = new TestBrowser();
    h.op.next = h.namesOf(user);
    const started = await victim.request(`${h.orgUrl}/signin/forgot-password`, { form: { username: user.profile.login, action: "PASSWORD_RECOVERY" } });
    const atVendor = await victim.request(started.headers.get("location") ?? "");
    const callbackUrl = atVendor.headers.get("location") ?? "";

    const attacker = new TestBrowser();
    await attacker.request(`${h.orgUrl}/signin/forgot-password`, { form: { username: user.profile.login, action: "PASSWORD_RECOVERY" } });
    for (const browser of [attacker, new TestBrowser()]) {
      const forged = await browser.request(callbackUrl);
      expect(forged.status).toBe(400);
      expect(await forged.text()).not.toContain("Choose a new password");
    }
    expect(await h.recoveries()).toEqual([]);

    const real = await victim.request(callbackUrl);
    expect(await real.text()).toContain("Choose a new password");
    // Single use: the same callback again is refused, and still only one record exists.
    expect((await victim.request(callbackUrl)).status).toBe(400);
    expect(await h.recoveries()).toHaveLength(1);
  });

  it("answers 400 to an unknown or missing state, and escapes nothing it does not echo", async () => {
    const browser = new TestBrowser();
    for (const query of ["?code=x&state=%3Cscript%3E", "?code=x", "?error=access_denied&error_description=%3Cb%3Ehi%3C%2Fb%3E"]) {
      const response = await browser.request(`${h.orgUrl}/idp/identity-verification/callback${query}`);
      expect(response.status).toBe(400);
      const text = await response.text();
      expect(text).not.toContain("<script>");
      expect(text).not.toContain("<b>hi");
    }
    expect(await h.recoveries()).toEqual([]);
  });
});
