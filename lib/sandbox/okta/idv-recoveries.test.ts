import { describe, expect, it } from "vitest";
import { IDV_TRANSACTION_LIFETIME_MS, IdvRecoveries, PASSWORD_RESET_LIFETIME_MS } from "@/lib/sandbox/okta/idv-recoveries";

const provider = {
  vendorName: "Vendor",
  issuer: "https://idv.example",
  parUrl: "https://idv.example/par",
  authorizeUrl: "https://idv.example/authorize",
  tokenUrl: "https://idv.example/token",
  jwksUrl: "https://idv.example/jwks",
  clientId: "client",
  clientSecret: "secret",
};

describe("IdvRecoveries", () => {
  it("forgets a transaction after 30 minutes and a verified reset after 10", () => {
    let now = 1_000_000;
    const idv = new IdvRecoveries(() => now);
    const transaction = idv.begin({ login: "ana@example.com", userId: null, action: "PASSWORD_RECOVERY" });
    expect(transaction.state).not.toBe(transaction.nonce);
    expect(idv.findTransaction(transaction.state)).toBe(transaction);
    const pending = idv.awaitPassword({ browserBinding: transaction.browserBinding, recordId: "r", userId: "u" });
    now += PASSWORD_RESET_LIFETIME_MS;
    expect(idv.findPendingReset(pending.token)).toBeUndefined();
    expect(idv.findTransaction(transaction.state)).toBe(transaction);
    now += IDV_TRANSACTION_LIFETIME_MS - PASSWORD_RESET_LIFETIME_MS;
    expect(idv.findTransaction(transaction.state)).toBeUndefined();
  });

  it("completes only an authorised record, lists newest first, and keeps the provider across a reset", () => {
    const idv = new IdvRecoveries();
    idv.configureProvider(provider);
    const refused = idv.record({ userId: null, login: "x", action: "AUTHENTICATOR_RESET", outcome: "REFUSED", reason: "unknown_user" });
    const authorised = idv.record({ userId: "u", login: "y", action: "PASSWORD_RECOVERY", outcome: "AUTHORISED", reason: null });
    idv.complete(refused.id);
    idv.complete(authorised.id);
    expect(idv.list().map((record) => [record.login, record.outcome])).toEqual([["y", "COMPLETED"], ["x", "REFUSED"]]);
    idv.reset();
    expect(idv.list()).toEqual([]);
    expect(idv.provider).toEqual(provider);
  });
});
