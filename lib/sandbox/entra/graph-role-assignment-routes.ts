import { type Context, Hono } from "hono";
import { z } from "zod";
import { seededGuid } from "@/lib/sandbox/entra/entra-ids";
import { DIRECTORY_ROLE_KEYS, DIRECTORY_ROLES, type DirectoryRoleKey } from "@/lib/sandbox/entra/entra-roles";
import { type GraphEnv, requirePermission } from "@/lib/sandbox/entra/graph-auth";
import { badRequest, graphError } from "@/lib/sandbox/entra/graph-errors";
import { decodeToken, encodeToken, linkWithToken, odataContext } from "@/lib/sandbox/entra/graph-query";
import { mapPersonToGraphUser } from "@/lib/sandbox/entra/map-person-to-graph-user";
import type { EntraTenantState } from "@/lib/sandbox/entra/tenant-state";

/** Assignments per page. Graph documents no page size for this collection (inferred: a nextLink appears on large tenants). */
export const ROLE_ASSIGNMENTS_PAGE = 100;
const tokenSchema = z.object({ g: z.number(), i: z.number().int().min(0) });
const EXPANDABLE = new Set(["principal", "roleDefinition"]);

/** A built-in unifiedRoleDefinition: its id is the role template id, as for every built-in Entra role. */
function roleDefinition(key: DirectoryRoleKey) {
  const role = DIRECTORY_ROLES[key];
  return { id: role.roleTemplateId, description: role.description, displayName: role.displayName, isBuiltIn: true, isEnabled: true, templateId: role.roleTemplateId, version: "1", rolePermissions: [] };
}

type Assignment = { principalId: string; roleKey: DirectoryRoleKey; principal: Record<string, unknown> };

function parseFilter(raw: string | undefined): { ok: true; filter: { property: "principalId" | "roleDefinitionId"; value: string } | null } | { ok: false } {
  if (raw === undefined || raw.trim() === "") return { ok: true, filter: null };
  const match = /^\s*(principalId|roleDefinitionId)\s+eq\s+'([^']*)'\s*$/.exec(raw);
  return match?.[1] === "principalId" || match?.[1] === "roleDefinitionId" ? { ok: true, filter: { property: match[1], value: (match[2] ?? "").toLowerCase() } } : { ok: false };
}

/**
 * `GET /roleManagement/directory/roleAssignments` (RoleManagement.Read.Directory; `$filter` eq on principalId or
 * roleDefinitionId, `$expand` principal and/or roleDefinition, as the v1.0 reference documents) and
 * `GET /roleManagement/directory/roleDefinitions`. Every privileged person holds one tenant-wide assignment (scope
 * "/"); the apps' service principals hold theirs first, on the first page. Each listing is logged as the event
 * `graph.role_assignments_listed`, so tests can count how often a sync reads it.
 */
export function createGraphRoleAssignmentRoutes(tenant: EntraTenantState, origin: (c: Context) => string): Hono<GraphEnv> {
  const app = new Hono<GraphEnv>();
  app.get("/roleManagement/directory/roleDefinitions", (c) => {
    const denied = requirePermission(c, "RoleManagement.Read.Directory");
    if (denied) return denied;
    return c.json({ "@odata.context": odataContext(origin(c), "roleManagement/directory/roleDefinitions"), value: DIRECTORY_ROLE_KEYS.map(roleDefinition) });
  });

  app.get("/roleManagement/directory/roleAssignments", (c) => {
    const denied = requirePermission(c, "RoleManagement.Read.Directory");
    if (denied) return denied;
    const expand = (c.req.query("$expand") ?? "").split(",").map((name) => name.trim()).filter(Boolean);
    const unknown = expand.find((name) => !EXPANDABLE.has(name));
    if (unknown) return badRequest(c, `Parsing OData Select and Expand failed: Could not find a property named '${unknown}' on type 'microsoft.graph.unifiedRoleAssignment'.`);
    const filter = parseFilter(c.req.query("$filter"));
    if (!filter.ok) return graphError(c, 400, "Request_UnsupportedQuery", "Unsupported or invalid query filter clause for 'unifiedRoleAssignment'.");
    const token = decodeToken(c.req.query("$skiptoken"), tokenSchema);
    if (c.req.query("$skiptoken") !== undefined && (!token || token.g !== tenant.generation)) {
      return graphError(c, 400, "Directory_InvalidSkipToken", "The specified page token value has expired and can no longer be included in your request.");
    }

    const wanted = (assignment: Assignment) =>
      !filter.filter || (filter.filter.property === "principalId" ? assignment.principalId === filter.filter.value : DIRECTORY_ROLES[assignment.roleKey].roleTemplateId === filter.filter.value);
    const found: Assignment[] = [];
    if (!token) {
      for (const registration of tenant.apps.values()) {
        if (registration.directoryRole === "none") continue;
        const principalId = seededGuid(tenant.seed, `sp:${registration.clientId}`);
        found.push({ principalId, roleKey: registration.directoryRole, principal: { "@odata.type": "#microsoft.graph.servicePrincipal", id: principalId, appId: registration.clientId, displayName: registration.displayName } });
      }
    }
    const adminAt = (index: number) => {
      const person = tenant.isDeleted(index) ? null : tenant.personAt(index);
      return person && person.privilege !== "none" ? { ...person, privilege: person.privilege } : null;
    };
    let index = token?.i ?? 0;
    for (; index < tenant.indexLimit && found.length < ROLE_ASSIGNMENTS_PAGE; index += 1) {
      const person = adminAt(index);
      if (!person) continue;
      const principal = { "@odata.type": "#microsoft.graph.user", ...mapPersonToGraphUser(tenant, person, ["id", "displayName", "userPrincipalName", "accountEnabled"]) };
      found.push({ principalId: tenant.userId(index), roleKey: person.privilege, principal });
    }
    // Peek, so that the last page carries no nextLink.
    while (index < tenant.indexLimit && !adminAt(index)) index += 1;
    tenant.logEvent("graph.role_assignments_listed", { continued: token !== null });

    const value = found.filter(wanted).map((assignment) => {
      const templateId = DIRECTORY_ROLES[assignment.roleKey].roleTemplateId;
      const item: Record<string, unknown> = {
        id: Buffer.from(`${templateId}:${assignment.principalId}`).toString("base64url"),
        principalId: assignment.principalId,
        directoryScopeId: "/",
        resourceScope: "/",
        roleDefinitionId: templateId,
      };
      if (expand.includes("principal")) item.principal = assignment.principal;
      if (expand.includes("roleDefinition")) item.roleDefinition = roleDefinition(assignment.roleKey);
      return item;
    });
    const body: Record<string, unknown> = { "@odata.context": odataContext(origin(c), `roleManagement/directory/roleAssignments${expand.length ? `(${expand.map((name) => `${name}()`).join(",")})` : ""}`) };
    if (index < tenant.indexLimit) body["@odata.nextLink"] = linkWithToken(c, origin(c), "$skiptoken", encodeToken({ g: tenant.generation, i: index }));
    body.value = value;
    return c.json(body);
  });
  return app;
}
