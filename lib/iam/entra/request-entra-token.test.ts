import { describe, expect, it } from "vitest";
import type { EntraTransport } from "@/lib/iam/entra/create-entra-transport";
import { entraSettingsSchema } from "@/lib/iam/entra/entra-settings";
import { createEntraTokenSource } from "@/lib/iam/entra/request-entra-token";

function recordingTransport(sent: URLSearchParams[]): EntraTransport {
  return {
    refusal: null,
    graphFetch: () => Promise.reject(new Error("not used")),
    tokenFetch: async (_url, init) => {
      sent.push(new URLSearchParams(String(init?.body)));
      return new Response(JSON.stringify({ access_token: "t", expires_in: 3600, token_type: "Bearer" }), { status: 200 });
    },
  };
}

describe("Entra token request", () => {
  it.each([
    ["https://login.microsoftonline.com", "https://graph.microsoft.com", "https://graph.microsoft.com/.default"],
    ["https://login.microsoftonline.us", "https://graph.microsoft.us", "https://graph.microsoft.us/.default"],
    ["https://login.microsoftonline.us", "https://dod-graph.microsoft.us", "https://dod-graph.microsoft.us/.default"],
    ["https://login.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn", "https://microsoftgraph.chinacloudapi.cn/.default"],
  ])("from %s asks for the scope of the Graph it calls (%s)", async (authorityHost, graphBaseUrl, scope) => {
    const sent: URLSearchParams[] = [];
    const settings = entraSettingsSchema.parse({ tenant: "contoso.onmicrosoft.com", clientId: "11111111-1111-4111-8111-111111111111", groupId: "22222222-2222-4222-8222-222222222222", credentialType: "client_secret", authorityHost, graphBaseUrl });
    const source = createEntraTokenSource(settings, { type: "client_secret", clientSecret: "s" }, recordingTransport(sent));
    expect(await source.get()).toBe("t");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.get("scope")).toBe(scope);
    expect(sent[0]?.get("grant_type")).toBe("client_credentials");
  });
});
