import { z } from "zod";
import { ProviderError } from "@/lib/iam/identity-provider";
import type { GraphCaller } from "@/lib/iam/entra/create-graph-caller";
import { isPrivilegedEntraRole } from "@/lib/iam/entra/entra-privileged-roles";

const rolesPageSchema = z.object({
  value: z.array(z.object({ displayName: z.string().nullish(), roleTemplateId: z.string().nullish() })),
  "@odata.nextLink": z.string().optional(),
});

/** mapGraphError's 403 names the sync permissions; this call needs another one. */
function explainMissingRolePermission(error: unknown): never {
  if (error instanceof ProviderError && error.options.status === 403) {
    throw new ProviderError("The app lacks RoleManagement.Read.Directory (403 Authorization_RequestDenied), needed to refuse resets of administrators: grant it as an application permission, then admin consent again.", {
      retryable: false,
      status: 403,
      problem: "missing_permission",
    });
  }
  throw error;
}

/**
 * Display names of the privileged directory roles the user holds (policy in entra-privileged-roles.ts).
 * `transitiveMemberOf` so that roles given through a role-assignable group count too. PIM-eligible roles that
 * are not activated are not visible here (they need RoleEligibilitySchedule.Read.Directory): an eligible admin
 * could activate after the check, which is why the writes still map a 403 to `privileged_target`.
 * Needs RoleManagement.Read.Directory.
 */
export async function getEntraPrivilegedRoles(graph: GraphCaller, userId: string): Promise<string[]> {
  const roles: string[] = [];
  let next: string | undefined = `/users/${encodeURIComponent(userId)}/transitiveMemberOf/microsoft.graph.directoryRole?$select=displayName,roleTemplateId`;
  while (next) {
    const page = rolesPageSchema.safeParse(await graph.get(next, { what: "user" }).catch(explainMissingRolePermission));
    if (!page.success) throw new ProviderError("Microsoft Graph returned an unexpected role list.", { retryable: false, problem: "unknown" });
    for (const role of page.data.value) {
      if (isPrivilegedEntraRole(role)) roles.push(role.displayName ?? role.roleTemplateId ?? "Unnamed directory role");
    }
    next = page.data["@odata.nextLink"];
  }
  return [...new Set(roles)];
}
