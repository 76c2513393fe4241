import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createEntraSandbox } from "@/lib/sandbox/entra/create-entra-sandbox";
import { generatePerson } from "@/lib/sandbox/shared/generate-person";

const SEED = "entra-admin-api";
const USER_COUNT = 300;

const stateSchema = z.object({
  id: z.string(),
  userPrincipalName: z.string(),
  privilege: z.string(),
  directoryRoles: z.array(z.string()),
  lifecycle: z.string(),
  user: z.object({ id: z.string(), accountEnabled: z.boolean(), userPrincipalName: z.string() }).loose(),
});
const appsSchema = z.array(z.object({ clientId: z.string(), redirectUris: z.array(z.string()), grantedPermissions: z.array(z.string()).nullable(), directoryRole: z.string() }).loose());

/** In process (`app.request` has no socket, so the loopback check lets it through): no TLS needed. */
function sandbox() {
  const created = createEntraSandbox({ seed: SEED, userCount: USER_COUNT, publicUrl: "https://localhost:4443" });
  const call = async (path: string, init: { method?: string; json?: unknown } = {}) => {
    const response = await created.app.request(`/_sandbox${path}`, {
      method: init.method ?? "GET",
      ...(init.json === undefined ? {} : { headers: { "content-type": "application/json" }, body: JSON.stringify(init.json) }),
    });
    return { status: response.status, body: await response.json().catch(() => null) };
  };
  return { created, call };
}

const ordinaryIndex = Array.from({ length: USER_COUNT }, (_, index) => generatePerson(SEED, index)).findIndex(
  (person) => person.privilege === "none" && person.lifecycle === "active",
);

describe("Entra sandbox admin API: observable user state and app registrations", () => {
  it("shows roles and account state as Graph would, and a patch (admin role, disabled) answers the new state", async () => {
    const { created, call } = sandbox();
    const id = created.tenant.userId(ordinaryIndex);
    const before = stateSchema.parse((await call(`/users/${id}`)).body);
    expect(before).toMatchObject({ id, privilege: "none", directoryRoles: [], lifecycle: "active", user: { id, accountEnabled: true } });

    // By UPN too, as the e2e helpers address users.
    const patched = await call(`/users/${before.userPrincipalName}`, { method: "PATCH", json: { privilege: "global_admin", lifecycle: "disabled" } });
    expect(patched.status).toBe(200);
    expect(stateSchema.parse(patched.body)).toMatchObject({ id, privilege: "global_admin", directoryRoles: ["Global Administrator"], lifecycle: "disabled", user: { accountEnabled: false } });
    expect(stateSchema.parse((await call(`/users/${id}`)).body).directoryRoles).toEqual(["Global Administrator"]);
    expect((await call(`/users/${id}`, { method: "PATCH", json: { privilege: "root" } })).status).toBe(400);
  });

  it("lists app registrations with consent and redirect URIs, never a secret value", async () => {
    const { created, call } = sandbox();
    const { clientId, clientSecret } = created.connection;
    const before = appsSchema.parse((await call("/apps")).body);
    expect(before).toEqual([expect.objectContaining({ clientId, grantedPermissions: null, directoryRole: "helpdesk_admin", secretCount: 1, certificateCount: 0 })]);
    expect(JSON.stringify(before)).not.toContain(clientSecret);

    await call(`/apps/${clientId}/granted-permissions`, { method: "PUT", json: { permissions: ["User.Read.All"] } });
    await call(`/apps/${clientId}/redirect-uris`, { method: "PUT", json: { redirectUris: ["http://127.0.0.1:5000/api/iam/entra/consent/callback"] } });
    expect(appsSchema.parse((await call("/apps")).body)[0]).toMatchObject({ grantedPermissions: ["User.Read.All"], redirectUris: ["http://127.0.0.1:5000/api/iam/entra/consent/callback"] });
  });
});
