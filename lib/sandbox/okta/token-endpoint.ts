import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import { z } from "zod";
import { ACCESS_TOKEN_LIFETIME_SECONDS } from "@/lib/sandbox/okta/access-tokens";
import { oauthError } from "@/lib/sandbox/okta/okta-errors";
import { nowIso, type OktaOrg } from "@/lib/sandbox/okta/okta-org";
import { verifyClientAssertion } from "@/lib/sandbox/okta/verify-client-assertion";
import { verifyDpopProof } from "@/lib/sandbox/okta/verify-dpop-proof";

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const NONCE_LIFETIME_MS = 10 * 60_000;

const tokenRequestSchema = z.object({
  grant_type: z.string(),
  scope: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
  client_assertion_type: z.string().optional(),
  client_assertion: z.string().optional(),
});

/**
 * `POST /oauth2/v1/token` of the org authorization server: client credentials for API Services apps,
 * authenticated with private_key_jwt only, DPoP-bound when the app requires it.
 */
export function tokenEndpoint(org: OktaOrg): Hono {
  const app = new Hono();
  app.post("/", async (c) => {
    const form = tokenRequestSchema.safeParse(await c.req.parseBody().catch(() => ({})));
    if (!form.success) return oauthError(c, 400, "invalid_request", "The token request is malformed.");
    const request = form.data;
    if (request.grant_type !== "client_credentials") {
      return oauthError(c, 400, "unsupported_grant_type", "The authorization server does not support the requested grant type.");
    }
    if (request.client_secret !== undefined || c.req.header("authorization")?.toLowerCase().startsWith("basic ")) {
      return oauthError(c, 401, "invalid_client", "Client authentication failed: the client is configured for private_key_jwt, not client_secret.");
    }
    if (request.client_assertion_type !== JWT_BEARER || !request.client_assertion) {
      return oauthError(c, 401, "invalid_client", "Client authentication failed: a private_key_jwt client_assertion is required.");
    }

    const orgUrl = org.orgUrl(c);
    const tokenUrl = `${orgUrl}/oauth2/v1/token`;
    const nowMs = Date.now();
    const nowSeconds = Math.floor(nowMs / 1000);
    const client = await verifyClientAssertion({
      assertion: request.client_assertion,
      tokenUrl,
      apps: org.apps,
      clientIdParam: request.client_id,
      nowSeconds,
    });
    if (!client.ok) return oauthError(c, 401, "invalid_client", client.description);

    const requested = (request.scope ?? "").split(" ").filter(Boolean);
    if (requested.length === 0) return oauthError(c, 400, "invalid_scope", "The 'scope' parameter is required for client credentials.");
    const granted: readonly string[] = client.app.settings.scopes;
    if (requested.some((scope) => !granted.includes(scope))) {
      return oauthError(c, 400, "invalid_scope", "The requested scope is invalid, unknown, or malformed.");
    }

    let thumbprint: string | null = null;
    if (client.app.settings.dpopRequired) {
      const proof = c.req.header("dpop");
      if (!proof) return oauthError(c, 400, "invalid_dpop_proof", "The DPoP proof JWT header is missing.");
      const checked = await verifyDpopProof({ proof, method: "POST", url: tokenUrl, nowSeconds });
      if (!checked.ok) return oauthError(c, 400, "invalid_dpop_proof", checked.description);
      if (!checked.nonce || !org.nonces.has(checked.nonce, nowMs)) {
        const nonce = randomBytes(24).toString("base64url");
        org.nonces.use(nonce, nowMs + NONCE_LIFETIME_MS, nowMs);
        c.header("dpop-nonce", nonce);
        return oauthError(c, 400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof.");
      }
      if (!org.replays.use(`dpop:${checked.jti}`, checked.expiresAtMs, nowMs)) {
        return oauthError(c, 400, "invalid_dpop_proof", "The DPoP proof JWT has already been used.");
      }
      thumbprint = checked.thumbprint;
    }
    if (!org.replays.use(`assertion:${client.app.clientId}:${client.jti}`, client.expiresAtSeconds * 1000, nowMs)) {
      return oauthError(c, 401, "invalid_client", "The client_assertion token has already been used.");
    }

    const accessToken = await org.tokens.issue({ clientId: client.app.clientId, scopes: requested, dpopThumbprint: thumbprint }, orgUrl);
    const tokenType = thumbprint ? "DPoP" : "Bearer";
    org.state.recordEvent({ type: "oauth2.token.issued", userId: null, actor: client.app.clientId, detail: { tokenType, scope: requested.join(" ") } }, nowIso());
    c.header("Cache-Control", "no-store");
    c.header("Pragma", "no-cache");
    return c.json({ token_type: tokenType, expires_in: ACCESS_TOKEN_LIFETIME_SECONDS, access_token: accessToken, scope: requested.join(" ") });
  });
  return app;
}
