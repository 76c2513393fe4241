import { describe, expect, it } from "vitest";
import { buildEntraConsentUrl, graphResourceScope } from "@/lib/iam/entra/entra-consent";
import { entraSettingsSchema } from "@/lib/iam/entra/entra-settings";

describe("graphResourceScope", () => {
  it("names the global Graph resource for the global cloud and the sandbox, and each national cloud's own", () => {
    expect(graphResourceScope("https://graph.microsoft.com")).toBe("https://graph.microsoft.com/.default");
    expect(graphResourceScope("http://127.0.0.1:4010")).toBe("https://graph.microsoft.com/.default");
    expect(graphResourceScope("https://graph.microsoft.us")).toBe("https://graph.microsoft.us/.default");
    expect(graphResourceScope("https://dod-graph.microsoft.us")).toBe("https://dod-graph.microsoft.us/.default");
    expect(graphResourceScope("https://microsoftgraph.chinacloudapi.cn")).toBe("https://microsoftgraph.chinacloudapi.cn/.default");
  });

  it("is the scope the consent URL asks for", () => {
    const settings = entraSettingsSchema.parse({ tenant: "contoso.onmicrosoft.com", clientId: "11111111-1111-4111-8111-111111111111", groupId: "22222222-2222-4222-8222-222222222222", credentialType: "client_secret", authorityHost: "https://login.microsoftonline.us", graphBaseUrl: "https://graph.microsoft.us" });
    const url = new URL(buildEntraConsentUrl(settings, "https://verifyd.example/cb", "state"));
    expect(url.searchParams.get("scope")).toBe("https://graph.microsoft.us/.default");
  });
});
