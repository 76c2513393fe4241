import { randomUUID } from "node:crypto";
import { z } from "zod";
import { type DirectoryEmployee, ProviderError } from "@/lib/iam/identity-provider";
import type { GraphCaller } from "@/lib/iam/entra/create-graph-caller";
import { isPrivilegedEntraRole } from "@/lib/iam/entra/entra-privileged-roles";

/** Principal id (lower-case) -> display names of the privileged directory roles assigned to it. */
export type EntraRoleMap = ReadonlyMap<string, readonly string[]>;

const assignmentsPageSchema = z.object({
  value: z.array(
    z.object({
      principalId: z.string(),
      roleDefinitionId: z.string(),
      roleDefinition: z.object({ displayName: z.string().nullish(), templateId: z.string().nullish() }).nullish(),
    }),
  ),
  "@odata.nextLink": z.string().optional(),
});

export type RoleAssignmentsPage = z.infer<typeof assignmentsPageSchema>;

export function parseRoleAssignmentsPage(raw: unknown): RoleAssignmentsPage {
  const page = assignmentsPageSchema.safeParse(raw);
  if (!page.success) throw new ProviderError("Microsoft Graph returned an unexpected role assignment list.", { retryable: false, problem: "unknown" });
  return page.data;
}

/** Adds the privileged roles among `assignments` to `roles`, by principal (lower-case), each name once. */
export function addPrivilegedAssignments(roles: Map<string, string[]>, assignments: RoleAssignmentsPage["value"]): void {
  for (const assignment of assignments) {
    const role = { roleTemplateId: assignment.roleDefinition?.templateId ?? assignment.roleDefinitionId, displayName: assignment.roleDefinition?.displayName ?? null };
    if (!isPrivilegedEntraRole(role)) continue;
    const principal = assignment.principalId.toLowerCase();
    const names = roles.get(principal) ?? [];
    const name = role.displayName ?? role.roleTemplateId;
    if (!names.includes(name)) names.push(name);
    roles.set(principal, names);
  }
}

export const MISSING_ROLE_PERMISSION_WARNING = "Entra sync: the app lacks RoleManagement.Read.Directory; admin roles are not synced.";

/**
 * Every active directory role assignment of the tenant in one listing (`roleManagement/directory/roleAssignments`
 * with the role definition expanded; RoleManagement.Read.Directory), kept for the privileged roles
 * (entra-privileged-roles.ts). Built-in definitions carry their template id as id. Roles held through a
 * role-assignable group and PIM-eligible ones are not in it (the per-user check before a reset still reads
 * `transitiveMemberOf`). Without the permission (403) the map is empty: the sync goes on, roles unknown.
 */
export async function fetchEntraRoleMap(graph: GraphCaller): Promise<EntraRoleMap> {
  const roles = new Map<string, string[]>();
  let next: string | undefined = "/roleManagement/directory/roleAssignments?$expand=roleDefinition";
  while (next) {
    let raw: unknown;
    try {
      raw = await graph.get(next, { what: "user" });
    } catch (error) {
      if (error instanceof ProviderError && error.options.status === 403) {
        console.warn(MISSING_ROLE_PERMISSION_WARNING);
        return new Map();
      }
      throw error;
    }
    const page = parseRoleAssignmentsPage(raw);
    addPrivilegedAssignments(roles, page.value);
    next = page["@odata.nextLink"];
  }
  return roles;
}

/** The employees with the privileged roles the map gives them (sorted, so an unchanged set compares equal). */
export function withAdminRoles(employees: DirectoryEmployee[], roles: EntraRoleMap): DirectoryEmployee[] {
  return employees.map((employee) => ({ ...employee, adminRoles: [...(roles.get(employee.externalId.toLowerCase()) ?? [])].sort() }));
}

/**
 * The role map of one sync pass, read once per adapter instance and pass: cursors are serialisable and a pass's
 * steps may run in other processes, so a pass id travels in the cursor and a process that has no map for it reads
 * its own (once). Only the latest pass is kept; a failed read is forgotten, so the retried page reads again.
 */
export function createEntraRoleCache(graph: GraphCaller, fetch: (graph: GraphCaller) => Promise<EntraRoleMap> = fetchEntraRoleMap) {
  let cached: { pass: string; roles: Promise<EntraRoleMap> } | null = null;
  return {
    newPass: (): string => randomUUID(),
    forPass(pass: string): Promise<EntraRoleMap> {
      if (cached?.pass === pass) return cached.roles;
      const roles = fetch(graph);
      const entry = { pass, roles };
      cached = entry;
      roles.catch(() => {
        if (cached === entry) cached = null;
      });
      return roles;
    },
  };
}
export type EntraRoleCache = ReturnType<typeof createEntraRoleCache>;
