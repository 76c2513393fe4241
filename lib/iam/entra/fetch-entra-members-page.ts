import { z } from "zod";
import type { DirectoryEmployee, MembersPage } from "@/lib/iam/identity-provider";
import { ProviderError } from "@/lib/iam/identity-provider";
import type { GraphCaller } from "@/lib/iam/entra/create-graph-caller";
import { decodeFullCursor, encodeCursor } from "@/lib/iam/entra/entra-cursor";
import { GRAPH_USER_SELECT, graphUserSchema, mapGraphUser } from "@/lib/iam/entra/map-graph-user";

/** Graph's maximum page size for member listings. */
export const GRAPH_PAGE_SIZE = 999;

export const graphPageSchema = z.object({
  "@odata.nextLink": z.string().optional(),
  "@odata.deltaLink": z.string().optional(),
  "@odata.count": z.number().optional(),
  value: z.array(z.unknown()),
});

/** Parses listed users; a member without a UPN means the app cannot read user profiles (User.Read.All). */
export function parseGraphUsers(values: unknown[]): DirectoryEmployee[] {
  return values.map((raw) => {
    const user = graphUserSchema.safeParse(raw);
    if (!user.success) throw new ProviderError(`Microsoft Graph returned a user the product cannot read (${user.error.issues[0]?.path.join(".") ?? "?"}).`, { retryable: false, problem: "unknown" });
    const { userPrincipalName } = user.data;
    if (!userPrincipalName) {
      throw new ProviderError("Microsoft Graph lists the members without their profiles: grant the User.Read.All application permission and admin consent.", { retryable: false, problem: "missing_permission" });
    }
    return mapGraphUser({ ...user.data, userPrincipalName });
  });
}

/** The first page's path: transitive members (nested groups flattened), users only, our fields, 999 a page. */
export function membersPath(groupId: string, top = GRAPH_PAGE_SIZE): string {
  const select = GRAPH_USER_SELECT.join(",");
  return `/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user?$select=${select}&$top=${top}&$count=true`;
}

/**
 * One page of a full pass over the group's transitive members. `$count=true` with `ConsistencyLevel: eventual`
 * makes Graph report the total on the first page (progress bars), and is what the user cast may require.
 */
export async function fetchEntraMembersPage(input: { graph: GraphCaller; groupId: string; cursor: string | null; top?: number }): Promise<MembersPage> {
  const target = input.cursor === null ? membersPath(input.groupId, input.top) : decodeFullCursor(input.cursor).link;
  const body = await input.graph.get(target, { headers: { ConsistencyLevel: "eventual" }, what: "group" });
  const page = graphPageSchema.safeParse(body);
  if (!page.success) throw new ProviderError("Microsoft Graph returned an unexpected members page.", { retryable: false, problem: "unknown" });
  const next = page.data["@odata.nextLink"];
  return {
    employees: parseGraphUsers(page.data.value),
    removedExternalIds: [],
    nextCursor: next ? encodeCursor({ v: 1, phase: "members", link: next }) : null,
    deltaLink: null,
    expectedTotal: page.data["@odata.count"] ?? null,
  };
}
