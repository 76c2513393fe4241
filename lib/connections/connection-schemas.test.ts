import { describe, expect, it } from "vitest";
import { entraConnectionInputSchema, entraConnectionInputSchemaFor, oktaConnectionInputSchema, oktaConnectionInputSchemaFor } from "@/lib/connections/connection-schemas";

const SANDBOX_ENTRA = "https://localhost:4443";
const SANDBOX_OKTA = "http://127.0.0.1:4080";
const sandboxOn = entraConnectionInputSchemaFor(() => [SANDBOX_ENTRA, SANDBOX_OKTA]);
const sandboxOff = entraConnectionInputSchemaFor(() => []);
const oktaSandboxOn = oktaConnectionInputSchemaFor(() => [SANDBOX_ENTRA, SANDBOX_OKTA]);
const oktaSandboxOff = oktaConnectionInputSchemaFor(() => []);

const entra = (endpoints: { authorityHost?: string; graphBaseUrl?: string }) => ({
  tenant: "contoso.onmicrosoft.com",
  clientId: "11111111-2222-4333-8444-555555555555",
  groupId: "66666666-7777-4888-8999-000000000000",
  credentialType: "client_secret",
  clientSecret: "secret",
  ...endpoints,
});
const okta = (orgUrl: string, customDomainConfirmed?: boolean) => ({ orgUrl, clientId: "0oa1abc", groupId: "00g1abc", ...(customDomainConfirmed === undefined ? {} : { customDomainConfirmed }) });

function issues(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }): string[] {
  return result.error?.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) ?? [];
}

describe("Entra endpoints", () => {
  it.each([
    ["http://169.254.169.254", /must use https/],
    ["https://169.254.169.254", /not a Microsoft identity platform host/],
    ["file:///etc/passwd", /https URL/],
    ["https://10.0.0.1", /not a Microsoft identity platform host/],
    ["https://[::1]", /not a Microsoft identity platform host/],
    ["http://login.microsoftonline.com", /must use https/],
    ["https://login.microsoftonline.com.evil.example", /not a Microsoft identity platform host/],
    ["https://login.microsoftonline.com:8443", /default https port/],
    ["https://user@login.microsoftonline.com", /host only/],
    ["https://login.microsoftonline.com/tenant/oauth2", /host only/],
    ["https://login.microsoftonline.de", /not a Microsoft identity platform host/],
  ])("refuses the authority %s", (authorityHost, message) => {
    const result = sandboxOff.safeParse(entra({ authorityHost }));
    expect(result.success).toBe(false);
    expect(issues(result).join("\n")).toMatch(message);
    expect(issues(result)[0]).toMatch(/^authorityHost: /);
  });

  it.each(["http://169.254.169.254/metadata", "https://metadata.google.internal", "https://graph.microsoft.com.attacker.example", "gopher://graph.microsoft.com"])("refuses the Graph URL %s", (graphBaseUrl) => {
    const result = sandboxOff.safeParse(entra({ graphBaseUrl }));
    expect(result.success).toBe(false);
    expect(issues(result)[0]).toMatch(/^graphBaseUrl: /);
  });

  it.each([
    ["https://login.microsoftonline.com", "https://graph.microsoft.com"],
    ["https://login.microsoftonline.us", "https://graph.microsoft.us"],
    ["https://login.microsoftonline.us", "https://dod-graph.microsoft.us"],
    ["https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn"],
    ["https://LOGIN.microsoftonline.com/", "https://graph.microsoft.com/"],
  ])("accepts the national cloud %s + %s, stored as origins", (authorityHost, graphBaseUrl) => {
    const result = sandboxOff.parse(entra({ authorityHost, graphBaseUrl }));
    expect(result.authorityHost).toBe(authorityHost.toLowerCase().replace(/\/$/, ""));
    expect(result.graphBaseUrl).toBe(graphBaseUrl.replace(/\/$/, ""));
  });

  it("leaves empty endpoints to the defaults", () => {
    expect(sandboxOff.parse(entra({ authorityHost: "", graphBaseUrl: " " }))).toMatchObject({ authorityHost: undefined, graphBaseUrl: undefined });
  });

  it("accepts the sandbox tenant only while the sandbox runs, and only its exact origin", () => {
    expect(sandboxOn.safeParse(entra({ authorityHost: SANDBOX_ENTRA, graphBaseUrl: SANDBOX_ENTRA })).success).toBe(true);
    expect(sandboxOff.safeParse(entra({ authorityHost: SANDBOX_ENTRA, graphBaseUrl: SANDBOX_ENTRA })).success).toBe(false);
    expect(sandboxOn.safeParse(entra({ authorityHost: "https://localhost:5432" })).success).toBe(false);
    expect(sandboxOn.safeParse(entra({ graphBaseUrl: "https://localhost:4443/v1.0" })).success).toBe(false);
  });

  it("the browser's copy lets loopback through for the server to decide", () => {
    expect(entraConnectionInputSchema.safeParse(entra({ authorityHost: "https://localhost:9999" })).success).toBe(true);
    expect(entraConnectionInputSchema.safeParse(entra({ authorityHost: "http://169.254.169.254" })).success).toBe(false);
  });
});

describe("Okta org URL", () => {
  it.each([
    ["http://acme.okta.com", /must use https/],
    ["file:///etc/passwd", /https URL/],
    ["https://169.254.169.254", /not an Okta org host/],
    ["https://10.1.2.3", /not an Okta org host/],
    ["https://[::1]", /not an Okta org host/],
    ["https://acme-admin.okta.com", /drop -admin/],
    ["https://acme.okta.com/oauth2/default", /host only/],
    ["https://acme.okta.com.evil.example", /not an Okta domain/],
    ["https://a.b.okta.com", /not an Okta domain/],
    ["https://login.acme.example", /custom URL domain/],
  ])("refuses %s (without confirmation)", (orgUrl, message) => {
    const result = oktaSandboxOff.safeParse(okta(orgUrl));
    expect(result.success).toBe(false);
    expect(issues(result)).toEqual([expect.stringMatching(/^orgUrl: /)]);
    expect(issues(result)[0]).toMatch(message);
  });

  it.each(["https://acme.okta.com", "https://acme.oktapreview.com", "https://acme.okta-emea.com", "https://acme.okta-gov.com", "https://acme.okta.mil", "https://acme.okta.com/"])(
    "accepts Okta's domain %s, without a custom-domain flag",
    (orgUrl) => {
      expect(oktaSandboxOff.parse(okta(orgUrl, true))).toMatchObject({ orgUrl: orgUrl.replace(/\/$/, ""), customDomainConfirmed: false });
    },
  );

  it("accepts a custom URL domain once the admin confirms it, and records that", () => {
    expect(oktaSandboxOff.parse(okta("https://login.acme.example", true))).toMatchObject({ orgUrl: "https://login.acme.example", customDomainConfirmed: true });
  });

  it("a confirmation never opens an address or a non-https URL", () => {
    for (const orgUrl of ["https://169.254.169.254", "https://10.0.0.1", "https://[fd00:ec2::254]", "http://login.acme.example", "https://localhost"]) {
      expect(oktaSandboxOff.safeParse(okta(orgUrl, true)).success).toBe(false);
    }
  });

  it("accepts the sandbox org (plain http) only while the sandbox runs", () => {
    expect(oktaSandboxOn.parse(okta(SANDBOX_OKTA))).toMatchObject({ orgUrl: SANDBOX_OKTA, customDomainConfirmed: false });
    expect(oktaSandboxOff.safeParse(okta(SANDBOX_OKTA)).success).toBe(false);
    expect(oktaSandboxOn.safeParse(okta("http://127.0.0.1:5432")).success).toBe(false);
    expect(oktaConnectionInputSchema.safeParse(okta("http://127.0.0.1:5432")).success).toBe(true);
  });
});
