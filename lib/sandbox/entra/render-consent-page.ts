import { escapeHtml } from "@/lib/sandbox/entra/identity-errors";
import type { AppRegistration } from "@/lib/sandbox/entra/tenant-apps";

export type ConsentRequest = { version: "v1" | "v2"; tenant: string; clientId: string; redirectUri: string; scope: string | null; state: string | null };

/**
 * The admin consent prompt: the app, the tenant, the application permissions it asks for and two POST forms.
 * The sandbox assumes a signed-in Global Administrator, so there is no sign-in step.
 */
export function renderConsentPage(request: ConsentRequest, app: AppRegistration, tenantDomain: string): string {
  const hidden = Object.entries({
    version: request.version,
    client_id: request.clientId,
    redirect_uri: request.redirectUri,
    scope: request.scope ?? "",
    state: request.state ?? "",
  })
    .map(([name, value]) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`)
    .join("");
  const action = `/${encodeURIComponent(request.tenant)}/adminconsent/decision`;
  const permissions = app.requestedPermissions.map((permission) => `<li><code>${escapeHtml(permission)}</code> (Application)</li>`).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Permissions requested</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}form{display:inline}button{padding:.5rem 1.5rem;margin-right:.5rem}</style>
</head><body><main>
<p>Microsoft Entra ID sandbox &middot; ${escapeHtml(tenantDomain)}</p>
<h1>Permissions requested</h1>
<p><strong id="app-name">${escapeHtml(app.displayName)}</strong> wants these permissions for your whole organization:</p>
<ul id="permissions">${permissions}</ul>
<p>Accepting grants them for every user in ${escapeHtml(tenantDomain)}.</p>
<form method="post" action="${action}">${hidden}<button type="submit" name="decision" value="approve">Approve</button></form>
<form method="post" action="${action}">${hidden}<button type="submit" name="decision" value="deny">Deny</button></form>
</main></body></html>`;
}
