import type { Context } from "hono";
import type { AccessGrant, AccessTokenIssuer, OktaFaultInjector } from "@/lib/sandbox/okta/access-tokens";
import type { IdvRecoveries } from "@/lib/sandbox/okta/idv-recoveries";
import type { OktaOrgState } from "@/lib/sandbox/okta/org-state";
import type { ReplayCache } from "@/lib/sandbox/okta/replay-cache";
import type { ServiceApp, ServiceAppRegistry } from "@/lib/sandbox/okta/service-apps";

/** Everything one sandbox org holds; route modules receive it explicitly instead of reaching for globals. */
export type OktaOrg = {
  state: OktaOrgState;
  apps: ServiceAppRegistry;
  faults: OktaFaultInjector;
  tokens: AccessTokenIssuer;
  /** `jti`s of client assertions and DPoP proofs already accepted. */
  replays: ReplayCache;
  /** DPoP nonces handed out by the token endpoint and still valid. */
  nonces: ReplayCache;
  /** The Custom ID verification provider and the identity-verified recoveries it served. */
  idv: IdvRecoveries;
  /** The org URL clients use; falls back to the request's origin until the server knows its address. */
  orgUrl(c: Context): string;
};

/** Hono environment of authenticated management API routes. */
export type OktaApiEnv = { Variables: { grant: AccessGrant; app: ServiceApp } };

export function nowIso(): string {
  return new Date().toISOString();
}
