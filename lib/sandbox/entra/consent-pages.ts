import { type Context, Hono } from "hono";
import { z } from "zod";
import { identityErrorPage } from "@/lib/sandbox/entra/identity-errors";
import { type ConsentRequest, renderConsentPage } from "@/lib/sandbox/entra/render-consent-page";
import type { AppRegistration } from "@/lib/sandbox/entra/tenant-apps";
import type { EntraTenantState } from "@/lib/sandbox/entra/tenant-state";

const querySchema = z.object({
  client_id: z.string().optional(),
  redirect_uri: z.string().optional(),
  scope: z.string().optional(),
  state: z.string().optional(),
});

const decisionSchema = querySchema.extend({ version: z.enum(["v1", "v2"]), decision: z.enum(["approve", "deny"]) });

type Validated = { ok: true; request: ConsentRequest; app: AppRegistration } | { ok: false; response: Response };

/** Checks tenant, client id and redirect URI; anything wrong is an error page, never a redirect (open-redirect safety). */
function validate(c: Context, tenant: EntraTenantState, version: "v1" | "v2", input: z.infer<typeof querySchema>): Validated {
  const tenantParam = c.req.param("tenant") ?? "";
  const fail = (response: Response): Validated => ({ ok: false, response });
  if (tenantParam.toLowerCase() === "common") {
    return fail(identityErrorPage(c, "commonTenantRefused", "Admin consent needs a tenant: use the tenant ID, a verified domain or 'organizations', not 'common'."));
  }
  if (tenantParam.toLowerCase() !== "organizations" && !tenant.isThisTenant(tenantParam)) {
    return fail(identityErrorPage(c, "tenantNotFound", `Tenant '${tenantParam}' not found.`));
  }
  if (!input.client_id) return fail(identityErrorPage(c, "missingParameter", "The request body must contain the following parameter: 'client_id'."));
  const app = tenant.findApp(input.client_id);
  if (!app) {
    return fail(identityErrorPage(c, "appNotFound", `Application with identifier '${input.client_id}' was not found in the directory '${tenant.tenantDomain}'.`));
  }
  if (version === "v2" && !input.redirect_uri) return fail(identityErrorPage(c, "missingParameter", "The request must contain the following parameter: 'redirect_uri'."));
  if (version === "v2" && !input.scope) return fail(identityErrorPage(c, "missingParameter", "The request must contain the following parameter: 'scope'."));
  // v1 falls back to the app's first reply URL when none is given.
  const redirectUri = input.redirect_uri ?? app.redirectUris[0];
  if (!redirectUri || !app.redirectUris.includes(redirectUri)) {
    return fail(identityErrorPage(c, "redirectUriMismatch", `The redirect URI '${redirectUri ?? ""}' specified in the request does not match the redirect URIs configured for the application '${app.clientId}'.`));
  }
  return {
    ok: true,
    app,
    request: { version, tenant: tenantParam, clientId: app.clientId, redirectUri, scope: version === "v2" ? (input.scope ?? null) : null, state: input.state ?? null },
  };
}

function redirectWith(c: Context, redirectUri: string, params: Array<[string, string | null]>): Response {
  const target = new URL(redirectUri);
  for (const [name, value] of params) if (value !== null && value !== "") target.searchParams.set(name, value);
  return c.redirect(target.toString(), 302);
}

/** Admin consent, v2 (`/{tenant}/v2.0/adminconsent`) and v1 (`/{tenant}/adminconsent`), plus the Approve / Deny form target. */
export function createConsentPages(tenant: EntraTenantState): Hono {
  const app = new Hono();
  const show = (version: "v1" | "v2") => (c: Context) => {
    const checked = validate(c, tenant, version, querySchema.parse(c.req.query()));
    if (!checked.ok) return checked.response;
    return c.html(renderConsentPage(checked.request, checked.app, tenant.tenantDomain));
  };
  app.get("/:tenant/v2.0/adminconsent", show("v2"));
  app.get("/:tenant/adminconsent", show("v1"));

  app.post("/:tenant/adminconsent/decision", async (c) => {
    const form = decisionSchema.safeParse(await c.req.parseBody());
    if (!form.success) return identityErrorPage(c, "missingParameter", "The consent form is incomplete.");
    const checked = validate(c, tenant, form.data.version, { ...form.data, scope: form.data.scope || undefined, state: form.data.state || undefined });
    if (!checked.ok) return checked.response;
    const { request, app: registration } = checked;
    if (form.data.decision === "deny") {
      tenant.logEvent("consent.denied", { clientId: registration.clientId, error: tenant.consentRefusalCode });
      return redirectWith(c, request.redirectUri, [
        ["error", tenant.consentRefusalCode],
        ["error_description", "AADSTS65004: User declined to consent to access the app."],
        ["state", request.state],
      ]);
    }
    registration.grantedPermissions = [...registration.requestedPermissions];
    tenant.logEvent("consent.approved", { clientId: registration.clientId, permissions: registration.grantedPermissions.join(" ") });
    return redirectWith(c, request.redirectUri, [
      ["admin_consent", "True"],
      ["tenant", tenant.tenantId],
      ["scope", request.scope],
      ["state", request.state],
    ]);
  });
  return app;
}
