import { z } from "zod";
import { ProviderError } from "@/lib/iam/identity-provider";
import type { GraphCaller } from "@/lib/iam/entra/create-graph-caller";

const rolesPageSchema = z.object({
  value: z.array(z.object({ displayName: z.string().nullish(), roleTemplateId: z.string().nullish() })),
  "@odata.nextLink": z.string().optional(),
});

/**
 * The directory roles a user holds (e.g. "Global Administrator"), so a reset of a privileged account can be
 * refused up front instead of failing with 403 at the provider. Needs RoleManagement.Read.Directory.
 */
export async function fetchEntraAdminRoles(graph: GraphCaller, userId: string): Promise<string[]> {
  const roles: string[] = [];
  let next: string | undefined = `/users/${encodeURIComponent(userId)}/memberOf/microsoft.graph.directoryRole?$select=displayName,roleTemplateId`;
  while (next) {
    const page = rolesPageSchema.safeParse(await graph.get(next, { what: "user" }));
    if (!page.success) throw new ProviderError("Microsoft Graph returned an unexpected role list.", { retryable: false, problem: "unknown" });
    for (const role of page.data.value) if (role.displayName) roles.push(role.displayName);
    next = page.data["@odata.nextLink"];
  }
  return roles;
}
