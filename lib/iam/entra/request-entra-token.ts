import { z } from "zod";
import { type ConnectionProblem, ProviderError } from "@/lib/iam/identity-provider";
import type { EntraCredentials, EntraSettings } from "@/lib/iam/entra/entra-settings";
import { signEntraClientAssertion } from "@/lib/iam/entra/sign-entra-client-assertion";
import type { EntraTransport } from "@/lib/iam/entra/create-entra-transport";
import { outboundFailureOf } from "@/lib/iam/outbound/outbound-errors";
import { graphResourceScope } from "@/lib/iam/entra/entra-consent";

/** Renew this long before expiry so a page that starts with a valid token does not end with an expired one. */
const RENEW_BEFORE_MS = 5 * 60_000;

const tokenSchema = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive(), token_type: z.string() });
const tokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional(), error_codes: z.array(z.number()).optional() });

/** AADSTS codes an admin can act on, with what to fix. */
const AADSTS: Record<number, { problem: ConnectionProblem; message: string }> = {
  65001: { problem: "consent_required", message: "Admin consent has not been granted to the app: use \"Grant admin consent\" in Settings (or in the app's API permissions in Entra)." },
  700016: { problem: "invalid_client", message: "The application (client) id was not found in this tenant: check the client id and the tenant." },
  90002: { problem: "invalid_client", message: "The tenant was not found: check the tenant id or domain." },
  7000215: { problem: "invalid_credentials", message: "The client secret is wrong: paste the secret's Value (not its Secret ID) from Certificates & secrets." },
  7000222: { problem: "invalid_credentials", message: "The client secret has expired: create a new one in Certificates & secrets and save it in Settings." },
  700027: { problem: "invalid_credentials", message: "Entra did not accept the certificate assertion: upload the certificate shown in Settings to the app's Certificates & secrets." },
  700023: { problem: "invalid_credentials", message: "Entra refused the assertion's audience: check the tenant and the identity platform host." },
  700021: { problem: "invalid_credentials", message: "The certificate assertion names another application: check the client id." },
  700024: { problem: "invalid_credentials", message: "The certificate assertion was outside its validity time: check this server's clock." },
  7000218: { problem: "invalid_credentials", message: "No credential was sent: save a client secret or certificate in Settings." },
};

function tokenFailure(status: number, body: unknown): ProviderError {
  const parsed = tokenErrorSchema.safeParse(body);
  if (!parsed.success) return new ProviderError(`The identity platform answered ${status} without an error body: check the authority host.`, { retryable: status >= 500, status, problem: status >= 500 ? "unreachable" : "unknown" });
  const code = parsed.data.error_codes?.[0] ?? Number(/AADSTS(\d+)/.exec(parsed.data.error_description ?? "")?.[1]);
  const known = AADSTS[code];
  if (known) return new ProviderError(`${known.message} (AADSTS${code})`, { retryable: false, status, problem: known.problem });
  return new ProviderError(`The identity platform refused the token request (${parsed.data.error}${Number.isFinite(code) ? `, AADSTS${code}` : ""}).`, { retryable: status >= 500, status, problem: "unknown" });
}

export type EntraTokenSource = { get(): Promise<string>; invalidate(): void; tokenUrl: string };

/** Client-credentials tokens for Graph, cached until shortly before expiry; concurrent callers share one request. */
export function createEntraTokenSource(settings: EntraSettings, credentials: EntraCredentials, transport: EntraTransport): EntraTokenSource {
  const tokenUrl = `${settings.authorityHost.replace(/\/+$/, "")}/${encodeURIComponent(settings.tenantId ?? settings.tenant)}/oauth2/v2.0/token`;
  let cached: { token: string; renewAt: number } | null = null;
  let pending: Promise<string> | null = null;

  const request = async (): Promise<string> => {
    if (transport.refusal) throw new ProviderError(transport.refusal, { retryable: false, problem: "endpoint_not_allowed" });
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: settings.clientId, scope: graphResourceScope(settings.graphBaseUrl) });
    if (credentials.type === "client_secret") {
      form.set("client_secret", credentials.clientSecret);
    } else {
      if (!settings.certificate) throw new ProviderError("The Entra connection has no certificate: generate one in Settings.", { retryable: false, problem: "invalid_credentials" });
      form.set("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
      form.set("client_assertion", await signEntraClientAssertion({ clientId: settings.clientId, tokenUrl, privateKeyPem: credentials.privateKeyPem, thumbprintSha256: settings.certificate.thumbprintSha256 }));
    }
    let response: Response;
    let body: unknown;
    try {
      response = await transport.tokenFetch(tokenUrl, { method: "POST", body: form, headers: { Accept: "application/json" } });
      body = await response.json().catch(() => null);
    } catch (error) {
      const failure = outboundFailureOf(error);
      if (failure === "blocked") throw new ProviderError(`The identity platform host was refused: ${error instanceof Error ? error.message : ""}`, { retryable: false, problem: "endpoint_not_allowed" });
      if (failure === "timeout") throw new ProviderError("The Microsoft identity platform did not answer in time; retry later.", { retryable: true, problem: "unreachable" });
      throw new ProviderError("The Microsoft identity platform could not be reached: check the network and the authority host.", { retryable: true, problem: "unreachable" });
    }
    if (!response.ok) throw tokenFailure(response.status, body);
    const token = tokenSchema.safeParse(body);
    if (!token.success) throw new ProviderError("The identity platform returned an unreadable token response.", { retryable: false, problem: "unknown" });
    cached = { token: token.data.access_token, renewAt: Date.now() + Math.max(0, token.data.expires_in * 1000 - RENEW_BEFORE_MS) };
    return token.data.access_token;
  };

  return {
    tokenUrl,
    get: () => {
      if (cached && Date.now() < cached.renewAt) return Promise.resolve(cached.token);
      pending ??= request().finally(() => {
        pending = null;
      });
      return pending;
    },
    invalidate: () => {
      cached = null;
    },
  };
}
