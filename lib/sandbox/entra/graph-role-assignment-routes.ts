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

const expandContext = (expand: string[]) => (expand.length ? `(${expand.map((name) => `${name}()`).join(",")})` : "");

function render(assignment: Assignment, expand: string[]): Record<string, unknown> {
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
}

function appAssignments(tenant: EntraTenantState): Assignment[] {
  return [...tenant.apps.values()].flatMap((registration) => {
    if (registration.directoryRole === "none") return [];
    const principalId = seededGuid(tenant.seed, `sp:${registration.clientId}`);
    return [{ principalId, roleKey: registration.directoryRole, principal: { "@odata.type": "#microsoft.graph.servicePrincipal", id: principalId, appId: registration.clientId, displayName: registration.displayName } }];
  });
}

function userAssignment(tenant: EntraTenantState, index: number): Assignment | null {
  const person = tenant.isDeleted(index) ? null : tenant.personAt(index);
  if (!person || person.privilege === "none") return null;
  const principal = { "@odata.type": "#microsoft.graph.user", ...mapPersonToGraphUser(tenant, person, ["id", "displayName", "userPrincipalName", "accountEnabled"]) };
  return { principalId: tenant.userId(index), roleKey: person.privilege, principal };
}

function principalAssignments(tenant: EntraTenantState, principalId: string): Assignment[] {
  const index = tenant.findUserIndex(principalId);
  const user = index === null ? null : userAssignment(tenant, index);
  return [...appAssignments(tenant).filter((assignment) => assignment.principalId === principalId), ...(user ? [user] : [])];
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

    // A principal's own assignments are looked up, not scanned for: one page, as Graph answers such a filter.
    if (filter.filter?.property === "principalId") {
      tenant.logEvent("graph.role_assignments_filtered", { by: "principalId" });
      return c.json({ "@odata.context": odataContext(origin(c), `roleManagement/directory/roleAssignments${expandContext(expand)}`), value: principalAssignments(tenant, filter.filter.value).map((assignment) => render(assignment, expand)) });
    }
    const wanted = (assignment: Assignment) => !filter.filter || DIRECTORY_ROLES[assignment.roleKey].roleTemplateId === filter.filter.value;
    const found: Assignment[] = token ? [] : appAssignments(tenant);
    let index = token?.i ?? 0;
    for (; index < tenant.indexLimit && found.length < ROLE_ASSIGNMENTS_PAGE; index += 1) {
      const assignment = userAssignment(tenant, index);
      if (assignment) found.push(assignment);
    }
    // Peek, so that the last page carries no nextLink.
    while (index < tenant.indexLimit && !userAssignment(tenant, index)) index += 1;
    tenant.logEvent("graph.role_assignments_listed", { continued: token !== null });

    const value = found.filter(wanted).map((assignment) => render(assignment, expand));
    const body: Record<string, unknown> = { "@odata.context": odataContext(origin(c), `roleManagement/directory/roleAssignments${expandContext(expand)}`) };
    if (index < tenant.indexLimit) body["@odata.nextLink"] = linkWithToken(c, origin(c), "$skiptoken", encodeToken({ g: tenant.generation, i: index }));
    body.value = value;
    return c.json(body);
  });
  return app;
}
