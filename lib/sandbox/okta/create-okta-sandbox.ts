import { Hono } from "hono";
import { AccessTokenIssuer, OktaFaultInjector } from "@/lib/sandbox/okta/access-tokens";
import { apiNotFound } from "@/lib/sandbox/okta/api-not-found";
import { authenticateApiRequest } from "@/lib/sandbox/okta/authenticate-api-request";
import { factorRoutes } from "@/lib/sandbox/okta/factor-routes";
import { groupUsersRoutes } from "@/lib/sandbox/okta/group-users-routes";
import { idvProviderConfigSchema, idvRedirectUri, type IdvProviderConfig } from "@/lib/sandbox/okta/idv-provider-config";
import { IdvRecoveries, type IdvRecoveryRecord } from "@/lib/sandbox/okta/idv-recoveries";
import { idvRecoveryRoutes } from "@/lib/sandbox/okta/idv-recovery-routes";
import { oktaId } from "@/lib/sandbox/okta/okta-ids";
import type { OktaApiEnv, OktaOrg } from "@/lib/sandbox/okta/okta-org";
import { OktaOrgState } from "@/lib/sandbox/okta/org-state";
import { LOGS_LIMIT_PER_MINUTE, rateLimitHeaders, serverErrorResponse, throttledResponse } from "@/lib/sandbox/okta/rate-limit-headers";
import { ReplayCache } from "@/lib/sandbox/okta/replay-cache";
import { sandboxAdminRoutes } from "@/lib/sandbox/okta/sandbox-admin-routes";
import { ServiceAppRegistry, type ServiceApp, type ServiceAppSettings } from "@/lib/sandbox/okta/service-apps";
import { systemLogRoutes, systemLogThrottle } from "@/lib/sandbox/okta/system-log-routes";
import { tokenEndpoint } from "@/lib/sandbox/okta/token-endpoint";
import { userLifecycleRoutes } from "@/lib/sandbox/okta/user-lifecycle-routes";
import { userRoutes } from "@/lib/sandbox/okta/user-routes";
import { usersCollectionRoutes } from "@/lib/sandbox/okta/users-collection-routes";

/** The values an admin pastes into the verifyd console to connect an Okta org. */
export type OktaSandboxConnection = { orgUrl: string; clientId: string; groupId: string };

export type OktaSandbox = {
  app: Hono;
  /**
   * Connection values. `orgUrl` is "" until `bindOrgUrl` is called (startOktaSandbox does it once the
   * port is known); until then the sandbox answers with URLs built from each request's origin.
   */
  readonly connection: OktaSandboxConnection;
  /** Fixes the org URL (no trailing slash) used in `aud`/`htu` checks, `_links` and `Link` headers. */
  bindOrgUrl(orgUrl: string): void;
  /**
   * Back to the seed state: directory, event log, faults, app settings, IDV transactions and recovery records.
   * Registered keys and the IDV provider are kept: they are the org's connections, not its data.
   */
  reset(): void;
  /** Registers the public JWK or JWK Set of an API Services app (replaces its keys; several kids allowed). */
  registerPublicKeys(clientId: string, jwks: unknown): void;
  configureApp(clientId: string, settings: Partial<ServiceAppSettings>): ServiceApp;
  /** Security -> Identity Providers -> Custom ID verification (parsed with zod; throws on invalid settings). */
  configureIdvProvider(config: IdvProviderConfig): void;
  removeIdvProvider(): void;
  /** The redirect URI to register at the IDV vendor; needs the org URL, so call it after `bindOrgUrl`. */
  readonly idvRedirectUri: string;
  /** Identity-verified recoveries, newest first. */
  idvRecoveries(): IdvRecoveryRecord[];
  faults: OktaFaultInjector;
  state: OktaOrgState;
};

/**
 * An Okta org sandbox as a Hono app: org authorization server token endpoint, the management API subset
 * verifyd uses, and `/_sandbox` admin routes. `userCount` seeded employees form the employee group.
 */
export function createOktaSandbox(options: { seed: string; userCount: number; emailDomain?: string }): OktaSandbox {
  const state = new OktaOrgState(options.seed, options.userCount, options.emailDomain ?? "example.com");
  const faults = new OktaFaultInjector();
  const apps = new ServiceAppRegistry(oktaId("0oa", options.seed, 0));
  const idv = new IdvRecoveries();
  let boundOrgUrl: string | null = null;
  const org: OktaOrg = {
    state,
    apps,
    faults,
    tokens: new AccessTokenIssuer(faults),
    replays: new ReplayCache(),
    nonces: new ReplayCache(),
    idv,
    orgUrl: (c) => boundOrgUrl ?? new URL(c.req.url).origin,
  };
  const reset = () => {
    state.reset();
    faults.reset();
    apps.resetSettings();
    idv.reset();
  };

  const api = new Hono<OktaApiEnv>();
  api.use("*", faults.middleware({ throttled: throttledResponse, serverError: serverErrorResponse }));
  api.use("/logs", systemLogThrottle(org));
  api.use("*", authenticateApiRequest(org));
  api.route("/", groupUsersRoutes(org));
  api.route("/", usersCollectionRoutes(org));
  api.route("/", userRoutes(org));
  api.route("/", userLifecycleRoutes(org));
  api.route("/", factorRoutes(org));
  api.route("/", systemLogRoutes(org));

  const app = new Hono();
  app.use("/oauth2/*", rateLimitHeaders());
  app.use("/api/*", rateLimitHeaders());
  app.use("/api/v1/logs", rateLimitHeaders(LOGS_LIMIT_PER_MINUTE));
  app.route("/oauth2/v1/token", tokenEndpoint(org));
  app.route("/api/v1", api);
  app.route("/_sandbox", sandboxAdminRoutes(org, reset));
  app.route("/", idvRecoveryRoutes(org));
  app.notFound(apiNotFound(app));
  app.onError((_error, c) => c.json({ errorCode: "E0000009", errorSummary: "Internal Server Error", errorCauses: [] }, 500));

  return {
    app,
    get connection() {
      return { orgUrl: boundOrgUrl ?? "", clientId: apps.defaultClientId, groupId: state.groupId };
    },
    bindOrgUrl: (orgUrl) => {
      boundOrgUrl = orgUrl.replace(/\/+$/, "");
    },
    reset,
    registerPublicKeys: (clientId, jwks) => {
      apps.registerPublicKeys(clientId, jwks);
    },
    configureApp: (clientId, settings) => apps.configure(clientId, settings),
    configureIdvProvider: (config) => idv.configureProvider(idvProviderConfigSchema.parse(config)),
    removeIdvProvider: () => idv.removeProvider(),
    get idvRedirectUri() {
      if (boundOrgUrl === null) throw new Error("The org URL is not bound yet: start the sandbox (or call bindOrgUrl) first.");
      return idvRedirectUri(boundOrgUrl);
    },
    idvRecoveries: () => idv.list(),
    faults,
    state,
  };
}
