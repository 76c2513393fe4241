import { type Context, Hono } from "hono";
import { FaultInjector } from "@/lib/sandbox/shared/faults";
import { AccessTokenIssuer } from "@/lib/sandbox/entra/access-tokens";
import { createConsentPages } from "@/lib/sandbox/entra/consent-pages";
import { graphAuthMiddleware, type GraphEnv } from "@/lib/sandbox/entra/graph-auth";
import { createGraphAuthMethodsRoutes } from "@/lib/sandbox/entra/graph-auth-methods-routes";
import { createGraphDeltaRoutes } from "@/lib/sandbox/entra/graph-delta-routes";
import { createGraphBatchRoutes } from "@/lib/sandbox/entra/graph-batch-routes";
import { graphFaultResponses } from "@/lib/sandbox/entra/graph-errors";
import { createGraphMembersRoutes } from "@/lib/sandbox/entra/graph-members-routes";
import { createGraphRoleAssignmentRoutes } from "@/lib/sandbox/entra/graph-role-assignment-routes";
import { unknownGraphRoute } from "@/lib/sandbox/entra/graph-unknown-route";
import { createGraphUserRoutes } from "@/lib/sandbox/entra/graph-user-routes";
import { createGraphUsersCollectionRoutes } from "@/lib/sandbox/entra/graph-users-collection-routes";
import { createSandboxAdminRoutes } from "@/lib/sandbox/entra/sandbox-admin-routes";
import { EntraTenantState } from "@/lib/sandbox/entra/tenant-state";
import { createTokenEndpoint } from "@/lib/sandbox/entra/token-endpoint";

/** The values an administrator pastes into the verifyd console to connect a tenant. */
export type EntraSandboxConnection = {
  tenantId: string;
  tenantDomain: string;
  clientId: string;
  clientSecret: string;
  /** The employee group whose (transitive) members verifyd serves. */
  groupId: string;
  /** Identity platform authority, like `https://login.microsoftonline.com/{tenantId}`; "" until the URL is known. */
  authorityUrl: string;
  /** Graph SDK `baseUrl`, like `https://graph.microsoft.com/` (the SDK appends `v1.0`); "" until the URL is known. */
  graphBaseUrl: string;
};

export type EntraSandbox = {
  app: Hono;
  /** Computed from the current state and public URL, so it is always current. */
  readonly connection: EntraSandboxConnection;
  tenant: EntraTenantState;
  faults: FaultInjector;
  /** Tells the sandbox the origin it is reachable at (e.g. `https://localhost:4443`); links and audiences use it. */
  setPublicUrl(url: string): void;
  /** Back to the seed state: users, apps, consent, events and faults. */
  reset(): void;
};

const GRAPH_PREFIX = "/v1.0";

export type CreateEntraSandboxOptions = { seed: string; userCount: number; publicUrl?: string };

/**
 * A sandbox Microsoft Entra tenant with Microsoft Graph v1.0 on one Hono app: identity platform (admin consent,
 * client credentials), Graph, and `/_sandbox/` admin endpoints. Serve it with `startEntraSandbox` (https).
 */
export function createEntraSandbox(options: CreateEntraSandboxOptions): EntraSandbox {
  const tenant = new EntraTenantState({ seed: options.seed, userCount: options.userCount });
  const faults = new FaultInjector();
  const issuer = new AccessTokenIssuer();
  let publicUrl = options.publicUrl?.replace(/\/+$/, "") ?? null;
  // Before the public URL is known (in-process `app.request`), links use the request's own origin.
  const origin = (c: Context) => publicUrl ?? new URL(c.req.url).origin;

  const app = new Hono();
  const graph = new Hono<GraphEnv>();
  graph.use("*", faults.middleware(graphFaultResponses));
  graph.use("*", graphAuthMiddleware({ tenant, issuer, faults }));
  graph.route("/", createGraphMembersRoutes(tenant, origin));
  graph.route("/", createGraphDeltaRoutes(tenant, origin));
  graph.route("/", createGraphUsersCollectionRoutes(tenant, origin));
  graph.route("/", createGraphUserRoutes(tenant, origin));
  graph.route("/", createGraphAuthMethodsRoutes(tenant, origin));
  graph.route("/", createGraphRoleAssignmentRoutes(tenant, origin));
  // Each batched request goes back through the whole app (its own auth, permission check and fault count), without
  // a second latency: Graph serves a batch's requests internally, so a batch costs about its slowest request.
  graph.route("/", createGraphBatchRoutes((request) => Promise.resolve(app.fetch(faults.asBatchItem(request))), GRAPH_PREFIX));
  // Last: unknown segments (400) and wrong methods (405) in Graph's error shape, after the auth middleware.
  graph.all("*", unknownGraphRoute(() => graph.routes, GRAPH_PREFIX));

  const reset = () => {
    tenant.reset();
    faults.reset();
  };

  app.route("/_sandbox", createSandboxAdminRoutes({ tenant, faults, reset }));
  app.route(GRAPH_PREFIX, graph);
  app.route("/", createTokenEndpoint({ tenant, issuer, faults, origin }));
  app.route("/", createConsentPages(tenant));

  return {
    app,
    tenant,
    faults,
    get connection(): EntraSandboxConnection {
      const defaultApp = [...tenant.apps.values()][0];
      return {
        tenantId: tenant.tenantId,
        tenantDomain: tenant.tenantDomain,
        clientId: defaultApp?.clientId ?? "",
        clientSecret: defaultApp?.secrets[0]?.value ?? "",
        groupId: tenant.employeeGroupId,
        authorityUrl: publicUrl ? `${publicUrl}/${tenant.tenantId}` : "",
        graphBaseUrl: publicUrl ? `${publicUrl}/` : "",
      };
    },
    setPublicUrl(url: string) {
      publicUrl = url.replace(/\/+$/, "");
    },
    reset,
  };
}
