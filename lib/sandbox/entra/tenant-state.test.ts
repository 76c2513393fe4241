import { describe, expect, it } from "vitest";
import { z } from "zod";
import { generatePerson } from "@/lib/sandbox/shared/generate-person";
import { createEntraSandbox } from "@/lib/sandbox/entra/create-entra-sandbox";
import { indexFromUserId, userIdFor } from "@/lib/sandbox/entra/entra-ids";
import { mayManageTarget } from "@/lib/sandbox/entra/entra-roles";
import { EntraTenantState } from "@/lib/sandbox/entra/tenant-state";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("Entra sandbox tenant state", () => {
  it("derives stable GUID user ids that resolve back to their index, and only for their seed", () => {
    for (const index of [0, 1, 42, 99_999, 4_000_000]) {
      const id = userIdFor("acme", index);
      expect(id).toMatch(GUID);
      expect(userIdFor("acme", index)).toBe(id);
      expect(indexFromUserId("acme", id)).toBe(index);
      expect(indexFromUserId("globex", id)).toBeNull();
    }
    expect(indexFromUserId("acme", "00000000-0000-4000-8000-000000000000")).toBeNull();
    const ids = new Set(Array.from({ length: 10_000 }, (_, index) => userIdFor("acme", index)));
    expect(ids.size).toBe(10_000);
  });

  it("finds users by UPN and hides deleted ones", () => {
    const tenant = new EntraTenantState({ seed: "acme", userCount: 100 });
    const person = generatePerson("acme", 37);
    expect(tenant.findUserIndex(`${person.loginLocalPart}@${tenant.tenantDomain}`)).toBe(37);
    expect(tenant.findUserIndex(`${person.loginLocalPart.toUpperCase()}@${tenant.tenantDomain.toUpperCase()}`)).toBe(37);
    expect(tenant.findUserIndex(`${person.loginLocalPart}@other.example`)).toBeNull();
    expect(tenant.findUserIndex(userIdFor("acme", 100))).toBeNull(); // beyond the tenant
    tenant.overlay(37).deleted = "soft";
    expect(tenant.findUserIndex(tenant.userId(37))).toBeNull();
  });

  it("applies one clear rule to privileged targets", () => {
    expect(mayManageTarget("helpdesk_admin", "none")).toBe(true);
    expect(mayManageTarget("helpdesk_admin", "helpdesk_admin")).toBe(true);
    expect(mayManageTarget("helpdesk_admin", "user_admin")).toBe(false);
    expect(mayManageTarget("privileged_admin", "privileged_admin")).toBe(true);
    expect(mayManageTarget("privileged_admin", "global_admin")).toBe(false);
    expect(mayManageTarget("none", "helpdesk_admin")).toBe(false);
    expect(mayManageTarget("global_admin", "global_admin")).toBe(true);
  });

  it("serves the last page and the last user of a 100 000-user tenant without materialising the others", async () => {
    const sandbox = createEntraSandbox({ seed: "scale", userCount: 100_000 });
    const granted = await sandbox.app.request(`/_sandbox/apps/${sandbox.connection.clientId}/granted-permissions`, { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ permissions: ["GroupMember.Read.All", "User.Read.All"] }) });
    expect(granted.status).toBe(200);
    const form = new URLSearchParams({ grant_type: "client_credentials", client_id: sandbox.connection.clientId, client_secret: sandbox.connection.clientSecret, scope: "https://graph.microsoft.com/.default" });
    const tokenResponse = await sandbox.app.request(`/${sandbox.connection.tenantId}/oauth2/v2.0/token`, { method: "POST", body: form });
    const { access_token: token } = z.object({ access_token: z.string() }).parse(await tokenResponse.json());
    const headers = { authorization: `Bearer ${token}` };

    const last = await sandbox.app.request(`/v1.0/users/${sandbox.tenant.userId(99_999)}?$select=id,employeeId`, { headers });
    expect(await last.json()).toMatchObject({ id: sandbox.tenant.userId(99_999) });
    // A skip token pointing near the end: the page holds only the tail, and there is no further link.
    const first = z.object({ "@odata.nextLink": z.string() }).parse(await (await sandbox.app.request(`/v1.0/groups/${sandbox.connection.groupId}/transitiveMembers/microsoft.graph.user?$top=1`, { headers })).json());
    const nearEnd = first["@odata.nextLink"].replace(/\$skiptoken=[^&]+/, `$skiptoken=${Buffer.from(JSON.stringify({ g: sandbox.tenant.generation, i: 99_990 })).toString("base64url")}`);
    const tail = z.object({ value: z.array(z.object({ id: z.string() })), "@odata.nextLink": z.string().optional() }).parse(await (await sandbox.app.request(nearEnd.replace(/\$top=1/, "$top=999"), { headers })).json());
    expect(tail.value).toHaveLength(10);
    expect(tail["@odata.nextLink"]).toBeUndefined();
    expect(sandbox.tenant.overlays.size).toBe(0);
  });
});
