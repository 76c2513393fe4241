import { randomBytes, randomUUID } from "node:crypto";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { PRIVILEGES } from "@/lib/sandbox/shared/generate-person";
import { GRAPH_PERMISSIONS } from "@/lib/sandbox/entra/entra-roles";
import { type AppRegistration, parseAppCertificate } from "@/lib/sandbox/entra/tenant-apps";
import type { EntraTenantState } from "@/lib/sandbox/entra/tenant-state";

const certificateSchema = z.object({ pem: z.string().includes("BEGIN CERTIFICATE") });
const secretSchema = z.object({ expiresInSeconds: z.number().int().default(365 * 86_400) });
const redirectUrisSchema = z.object({ redirectUris: z.array(z.url()).max(256) });
const directoryRoleSchema = z.object({ role: z.enum(PRIVILEGES) });
const grantedSchema = z.object({ permissions: z.array(z.enum(GRAPH_PERMISSIONS)).nullable() });
const consentRefusalSchema = z.object({ error: z.enum(["access_denied", "consent_required", "permission_denied"]) });

export async function parseJson<T>(c: Context, schema: z.ZodType<T>): Promise<{ ok: true; data: T } | { ok: false; response: Response }> {
  const parsed = schema.safeParse(await c.req.json().catch(() => undefined));
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, response: c.json({ error: "invalid_body", issues: parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`) }, 400) };
}

/** `/_sandbox/consent-refusal`, `/_sandbox/apps` and `/_sandbox/apps/{clientId}/...`: what an admin changes on the app registration. */
export function createSandboxAdminAppRoutes(tenant: EntraTenantState): Hono {
  const app = new Hono();
  const withApp = (handler: (c: Context, registration: AppRegistration) => Promise<Response>) => async (c: Context) => {
    const registration = tenant.findApp(c.req.param("clientId") ?? "");
    return registration ? handler(c, registration) : c.json({ error: "app_not_found" }, 404);
  };

  // What the portal shows of each registration; secrets and certificates by count only (the values are shown once).
  app.get("/apps", (c) =>
    c.json(
      [...tenant.apps.values()].map((registration) => ({
        clientId: registration.clientId,
        displayName: registration.displayName,
        redirectUris: registration.redirectUris,
        requestedPermissions: registration.requestedPermissions,
        grantedPermissions: registration.grantedPermissions,
        directoryRole: registration.directoryRole,
        secretCount: registration.secrets.length,
        certificateCount: registration.certificates.length,
      })),
    ),
  );

  app.put("/consent-refusal", async (c) => {
    const body = await parseJson(c, consentRefusalSchema);
    if (!body.ok) return body.response;
    tenant.consentRefusalCode = body.data.error;
    return c.json({ error: tenant.consentRefusalCode });
  });

  app.post("/apps/:clientId/certificates", withApp(async (c, registration) => {
    const body = await parseJson(c, certificateSchema);
    if (!body.ok) return body.response;
    let certificate;
    try {
      certificate = parseAppCertificate(body.data.pem);
    } catch {
      return c.json({ error: "invalid_certificate" }, 400);
    }
    registration.certificates.push(certificate);
    tenant.logEvent("app.certificate_added", { clientId: registration.clientId, thumbprintSha256: certificate.thumbprintSha256 });
    return c.json({ thumbprintSha256: certificate.thumbprintSha256, thumbprintSha1: certificate.thumbprintSha1, notAfter: certificate.notAfter.toISOString() }, 201);
  }));

  // Secrets are shown once, as in the portal; a negative lifetime makes an already expired one (AADSTS7000222).
  app.post("/apps/:clientId/secrets", withApp(async (c, registration) => {
    const body = await parseJson(c, secretSchema);
    if (!body.ok) return body.response;
    const secret = { keyId: randomUUID(), value: `${randomBytes(3).toString("base64url")}8Q~${randomBytes(26).toString("base64url")}`, expiresAt: new Date(Date.now() + body.data.expiresInSeconds * 1000) };
    registration.secrets.push(secret);
    tenant.logEvent("app.secret_added", { clientId: registration.clientId, keyId: secret.keyId });
    return c.json({ keyId: secret.keyId, secretText: secret.value, endDateTime: secret.expiresAt.toISOString() }, 201);
  }));

  app.put("/apps/:clientId/redirect-uris", withApp(async (c, registration) => {
    const body = await parseJson(c, redirectUrisSchema);
    if (!body.ok) return body.response;
    registration.redirectUris = body.data.redirectUris;
    return c.json({ redirectUris: registration.redirectUris });
  }));

  app.put("/apps/:clientId/directory-role", withApp(async (c, registration) => {
    const body = await parseJson(c, directoryRoleSchema);
    if (!body.ok) return body.response;
    registration.directoryRole = body.data.role;
    tenant.logEvent("app.directory_role_set", { clientId: registration.clientId, role: body.data.role });
    return c.json({ role: registration.directoryRole });
  }));

  // Sets the consented permissions directly (null revokes consent); tokens issued afterwards carry them.
  app.put("/apps/:clientId/granted-permissions", withApp(async (c, registration) => {
    const body = await parseJson(c, grantedSchema);
    if (!body.ok) return body.response;
    registration.grantedPermissions = body.data.permissions;
    tenant.logEvent("app.permissions_set", { clientId: registration.clientId, permissions: body.data.permissions?.join(" ") ?? null });
    return c.json({ permissions: registration.grantedPermissions });
  }));
  return app;
}
