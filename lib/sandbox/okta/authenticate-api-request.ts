import type { Context, MiddlewareHandler } from "hono";
import type { OktaScope } from "@/lib/sandbox/okta/okta-model";
import { oktaError } from "@/lib/sandbox/okta/okta-errors";
import type { OktaApiEnv, OktaOrg } from "@/lib/sandbox/okta/okta-org";
import { scopesAllow } from "@/lib/sandbox/okta/service-apps";
import { verifyDpopProof } from "@/lib/sandbox/okta/verify-dpop-proof";

/** 401 E0000011, with the RFC 9449 challenge when the failure is about the DPoP proof. */
function invalidToken(c: Context, dpopProblem?: string): Response {
  if (dpopProblem) c.header("WWW-Authenticate", `DPoP error="invalid_dpop_proof", error_description="${dpopProblem}"`);
  return oktaError(c, "E0000011");
}

/**
 * Authenticates a management API call: `Authorization: Bearer <token>`, or `DPoP <token>` plus a proof
 * bound to this request and token (`htm`, `htu`, `ath`, key thumbprint = the token's `cnf.jkt`). Okta does
 * not ask for a nonce on resource calls (the SDK never sends one there), so none is required.
 */
export function authenticateApiRequest(org: OktaOrg): MiddlewareHandler<OktaApiEnv> {
  return async (c, next) => {
    const match = /^(DPoP|Bearer) (\S+)$/i.exec(c.req.header("authorization") ?? "");
    if (!match?.[1] || !match[2]) return invalidToken(c);
    const scheme = match[1].toLowerCase();
    const token = match[2];
    const grant = await org.tokens.verify(token);
    const app = grant ? org.apps.get(grant.clientId) : undefined;
    if (!grant || !app) return invalidToken(c);

    if (grant.dpopThumbprint) {
      if (scheme !== "dpop") return invalidToken(c, "The access token is DPoP-bound: use the DPoP authorization scheme.");
      const proof = c.req.header("dpop");
      if (!proof) return invalidToken(c, "The DPoP proof JWT header is missing.");
      const nowMs = Date.now();
      const url = `${org.orgUrl(c)}${new URL(c.req.url).pathname}`;
      const checked = await verifyDpopProof({ proof, method: c.req.method, url, nowSeconds: Math.floor(nowMs / 1000), accessToken: token });
      if (!checked.ok) return invalidToken(c, checked.description);
      if (checked.thumbprint !== grant.dpopThumbprint) return invalidToken(c, "The DPoP proof key does not match the access token.");
      if (!org.replays.use(`dpop:${checked.jti}`, checked.expiresAtMs, nowMs)) return invalidToken(c, "The DPoP proof JWT has already been used.");
    } else if (scheme !== "bearer") {
      return invalidToken(c, "The access token is not DPoP-bound.");
    }
    c.set("grant", grant);
    c.set("app", app);
    await next();
  };
}

/** 403 E0000006 unless the token carries the scope (`okta.users.manage` covers `okta.users.read`). */
export function requireScope(scope: OktaScope): MiddlewareHandler<OktaApiEnv> {
  return async (c, next) => {
    if (!scopesAllow(c.var.grant.scopes, scope)) return oktaError(c, "E0000006", [`The access token lacks the ${scope} scope.`]);
    await next();
  };
}
