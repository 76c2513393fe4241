import { describe, expect, it } from "vitest";
import { discoveryDocument } from "@/lib/idv/protocol/discovery-document";
import { idvEndpoints } from "@/lib/idv/protocol/idv-endpoints";

describe("idvEndpoints", () => {
  it("derives every URL Okta needs from APP_URL, under the /idv issuer", () => {
    expect(idvEndpoints("https://verify.example.com")).toEqual({
      issuer: "https://verify.example.com/idv",
      discovery: "https://verify.example.com/idv/.well-known/openid-configuration",
      par: "https://verify.example.com/idv/par",
      authorize: "https://verify.example.com/idv/authorize",
      token: "https://verify.example.com/idv/token",
      jwks: "https://verify.example.com/idv/jwks",
    });
  });

  it("gives the same URLs whether APP_URL ends in a slash or not, and keeps a path prefix", () => {
    expect(idvEndpoints("https://verify.example.com/")).toEqual(idvEndpoints("https://verify.example.com"));
    expect(idvEndpoints("https://example.com/verifyd//").issuer).toBe("https://example.com/verifyd/idv");
  });

  it("is what the discovery document publishes, so the settings page and discovery never disagree", () => {
    const appUrl = "http://localhost:3000";
    const endpoints = idvEndpoints(appUrl);
    expect(discoveryDocument(appUrl)).toMatchObject({
      issuer: endpoints.issuer,
      pushed_authorization_request_endpoint: endpoints.par,
      authorization_endpoint: endpoints.authorize,
      token_endpoint: endpoints.token,
      jwks_uri: endpoints.jwks,
    });
    // OpenID Connect Discovery 1.0 §4: the document lives at the issuer plus this suffix.
    expect(endpoints.discovery).toBe(`${endpoints.issuer}/.well-known/openid-configuration`);
  });
});
