import type { Context, MiddlewareHandler } from "hono";
import type { FaultInjector } from "@/lib/sandbox/shared/faults";
import type { AccessTokenClaims, AccessTokenIssuer } from "@/lib/sandbox/entra/access-tokens";
import { type GraphPermission, hasPermission } from "@/lib/sandbox/entra/entra-roles";
import { forbidden, graphError } from "@/lib/sandbox/entra/graph-errors";
import type { EntraTenantState } from "@/lib/sandbox/entra/tenant-state";

export type GraphEnv = { Variables: { claims: AccessTokenClaims } };

function unauthorized(c: Context, message: string): Response {
  return graphError(c, 401, "InvalidAuthenticationToken", message, { "WWW-Authenticate": 'Bearer realm="", error="invalid_token"' });
}

/**
 * Every Graph call: a bearer token signed by this sandbox, unexpired, for this tenant, and issued after the
 * last "expire all tokens" fault. The checked claims are put on the context for the permission checks.
 */
export function graphAuthMiddleware(options: { tenant: EntraTenantState; issuer: AccessTokenIssuer; faults: FaultInjector }): MiddlewareHandler<GraphEnv> {
  return async (c, next) => {
    const token = /^Bearer (.+)$/i.exec(c.req.header("authorization") ?? "")?.[1];
    if (!token) return unauthorized(c, "Access token is empty.");
    const check = await options.issuer.check(token);
    if (!check.ok) return unauthorized(c, check.reason === "expired" ? "Lifetime validation failed, the token is expired." : "Access token validation failure. Invalid audience.");
    if (check.claims.tid !== options.tenant.tenantId) return unauthorized(c, "Access token validation failure. Invalid issuer.");
    if (check.claims.iat < options.faults.tokensNotBefore) return unauthorized(c, "Lifetime validation failed, the token is expired.");
    c.set("claims", check.claims);
    await next();
  };
}

/** 403 `Authorization_RequestDenied` unless the token's roles grant `permission` (or a broader one). */
export function requirePermission(c: Context<GraphEnv>, ...anyOf: GraphPermission[]): Response | null {
  const roles = c.get("claims").roles;
  return anyOf.some((permission) => hasPermission(roles, permission)) ? null : forbidden(c);
}

export function tokenHas(c: Context<GraphEnv>, permission: GraphPermission): boolean {
  return hasPermission(c.get("claims").roles, permission);
}
