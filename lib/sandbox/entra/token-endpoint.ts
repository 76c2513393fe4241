import { type Context, Hono } from "hono";
import { z } from "zod";
import type { FaultInjector } from "@/lib/sandbox/shared/faults";
import { type AccessTokenIssuer, TOKEN_LIFETIME_SECONDS } from "@/lib/sandbox/entra/access-tokens";
import { identityError } from "@/lib/sandbox/entra/identity-errors";
import type { EntraTenantState } from "@/lib/sandbox/entra/tenant-state";
import { verifyClientAssertion } from "@/lib/sandbox/entra/verify-client-assertion";

const JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const GRAPH_SCOPES = new Set(["https://graph.microsoft.com/.default", "00000003-0000-0000-c000-000000000000/.default"]);

const formSchema = z.object({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  scope: z.string().optional(),
  client_secret: z.string().optional(),
  client_assertion_type: z.string().optional(),
  client_assertion: z.string().optional(),
});

type TokenEndpointOptions = { tenant: EntraTenantState; issuer: AccessTokenIssuer; faults: FaultInjector; origin: (c: Context) => string };

/** `POST /{tenant}/oauth2/v2.0/token`: the client-credentials grant, with a secret or a certificate assertion. */
export function createTokenEndpoint({ tenant, issuer, faults, origin }: TokenEndpointOptions): Hono {
  const app = new Hono();
  app.post("/:tenant/oauth2/v2.0/token", async (c) => {
    const tenantParam = c.req.param("tenant");
    if (!tenant.isThisTenant(tenantParam)) {
      return identityError(c, "tenantNotFound", `Tenant '${tenantParam}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud. Client credentials need a tenant-specific endpoint.`);
    }
    const form = formSchema.parse(Object.fromEntries(Object.entries(await c.req.parseBody()).filter((entry): entry is [string, string] => typeof entry[1] === "string")));
    if (form.grant_type !== "client_credentials") return identityError(c, "unsupportedGrant", "The provided request must include a 'grant_type' input parameter supported by this endpoint.");
    if (!form.client_id) return identityError(c, "missingParameter", "The request body must contain the following parameter: 'client_id'.");
    if (!form.scope) return identityError(c, "missingParameter", "The request body must contain the following parameter: 'scope'.");
    if (!GRAPH_SCOPES.has(form.scope)) {
      return identityError(c, "invalidScope", `The provided value for scope ${form.scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`);
    }
    const registration = tenant.findApp(form.client_id);
    if (!registration) {
      return identityError(c, "appNotFound", `Application with identifier '${form.client_id}' was not found in the directory '${tenant.tenantDomain}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`);
    }

    let credential: "secret" | "certificate";
    if (form.client_secret !== undefined) {
      const match = registration.secrets.find((secret) => secret.value === form.client_secret);
      if (!match) return identityError(c, "badSecret", `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${registration.clientId}'.`);
      if (match.expiresAt.getTime() <= Date.now()) return identityError(c, "expiredSecret", `The provided client secret keys for app '${registration.clientId}' are expired. Visit the Azure portal to create new keys for your app.`);
      credential = "secret";
    } else if (form.client_assertion !== undefined) {
      if (form.client_assertion_type !== JWT_BEARER) return identityError(c, "invalidAssertion", `client_assertion_type must be '${JWT_BEARER}'.`);
      const base = origin(c);
      // The assertion's audience is this token URL; Entra accepts it with the tenant as GUID or domain.
      const audiences = [tenant.tenantId, tenant.tenantDomain].map((name) => `${base}/${name}/oauth2/v2.0/token`);
      const failure = await verifyClientAssertion(form.client_assertion, registration, audiences);
      if (failure) return identityError(c, failure.kind, failure.message);
      credential = "certificate";
    } else {
      return identityError(c, "noCredential", "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }

    // Entra issues app tokens only once an administrator has consented to the app's permissions.
    if (!registration.grantedPermissions) {
      return identityError(c, "consentMissing", `The user or administrator has not consented to use the application with ID '${registration.clientId}' named '${registration.displayName}'. Send an interactive authorization request for this user and resource.`);
    }
    tenant.logEvent("token.issued", { clientId: registration.clientId, credential });
    const accessToken = await issuer.issue(tenant.tenantId, registration, faults.tokensNotBefore);
    return c.json({ token_type: "Bearer", expires_in: TOKEN_LIFETIME_SECONDS, ext_expires_in: TOKEN_LIFETIME_SECONDS, access_token: accessToken });
  });
  return app;
}
