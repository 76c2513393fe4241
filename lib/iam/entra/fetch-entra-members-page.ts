import { z } from "zod";
import type { DirectoryEmployee, MembersPage } from "@/lib/iam/identity-provider";
import { ProviderError } from "@/lib/iam/identity-provider";
import type { GraphCaller } from "@/lib/iam/entra/create-graph-caller";
import { decodeCursor, type EntraFullCursor, encodeCursor, fullCursorSchema } from "@/lib/iam/entra/entra-cursor";
import { type EntraRoleCache, withAdminRoles } from "@/lib/iam/entra/fetch-entra-role-map";
import { GRAPH_USER_SELECT, graphUserSchema, mapGraphUser } from "@/lib/iam/entra/map-graph-user";

/** Graph's maximum page size for member listings (and for delta pages through `Prefer: odata.maxpagesize`). */
export const GRAPH_PAGE_SIZE = 999;
export const DELTA_PAGE_HEADERS = { Prefer: `odata.maxpagesize=${GRAPH_PAGE_SIZE}` };

export const graphPageSchema = z.object({
  "@odata.nextLink": z.string().optional(),
  "@odata.deltaLink": z.string().optional(),
  "@odata.count": z.number().optional(),
  value: z.array(z.unknown()),
});
export type GraphPage = z.infer<typeof graphPageSchema>;

/** GETs one Graph page and checks its envelope. */
export async function getGraphPage(graph: GraphCaller, target: string, options: { headers?: Record<string, string>; what: "group" | "user" | "delta" }): Promise<GraphPage> {
  const page = graphPageSchema.safeParse(await graph.get(target, options));
  if (!page.success) throw new ProviderError("Microsoft Graph returned an unexpected page.", { retryable: false, problem: "unknown" });
  return page.data;
}

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

const SELECT = GRAPH_USER_SELECT.join(",");

/** Transitive members (nested groups flattened), users only, our fields, 999 a page, with the total. */
export function membersPath(groupId: string, top = GRAPH_PAGE_SIZE): string {
  return `/groups/${encodeURIComponent(groupId)}/transitiveMembers/microsoft.graph.user?$select=${SELECT}&$top=${top}&$count=true`;
}
/** `$count=true` is ignored without this header, and the user cast may need it. */
export const MEMBERS_HEADERS = { ConsistencyLevel: "eventual" };

export const usersDeltaPath = () => `/users/delta?$select=${SELECT}`;
export const groupsDeltaPath = (groupId: string) => `/groups/delta?$filter=${encodeURIComponent(`id eq '${groupId}'`)}&$select=members`;

/**
 * A delta link for "changes from now on" without walking the collection: Graph's `$deltatoken=latest`, which
 * Entra resources (users, groups) support ("sync from now"). The answer is no objects and a deltaLink.
 */
async function latestDeltaLink(graph: GraphCaller, path: string): Promise<string> {
  const page = await getGraphPage(graph, `${path}&$deltatoken=latest`, { headers: DELTA_PAGE_HEADERS, what: "delta" });
  const delta = page["@odata.deltaLink"];
  if (!delta) throw new ProviderError("Microsoft Graph did not return a delta link for $deltatoken=latest.", { retryable: false, problem: "unknown" });
  return delta;
}

/**
 * One page of a full pass: the group's transitive members; the last page returns the combined delta link for the
 * next, incremental run. The first call takes both delta links (users, groups) before listing, see EntraFullCursor.
 * With `roles`, the members' privileged directory roles come from the pass's role map (read once per pass, in
 * parallel with the page that needs it first).
 */
export async function fetchEntraMembersPage(input: { graph: GraphCaller; groupId: string; cursor: string | null; top?: number; withDelta?: boolean; roles?: EntraRoleCache }): Promise<MembersPage> {
  const { graph, groupId } = input;
  const withDelta = input.withDelta ?? true;
  let cursor: EntraFullCursor | null = input.cursor === null ? null : decodeCursor(fullCursorSchema, input.cursor);

  // Cursors stored by earlier versions in an init phase had emitted no members yet: starting over is exact.
  if (withDelta && (cursor === null || cursor.phase !== "members")) {
    const [usersDelta, groupsDelta] = await Promise.all([latestDeltaLink(graph, usersDeltaPath()), latestDeltaLink(graph, groupsDeltaPath(groupId))]);
    cursor = { v: 1, phase: "members", link: null, usersDelta, groupsDelta };
  }

  const link = cursor?.phase === "members" ? cursor.link : null;
  const pass = (cursor?.phase === "members" ? cursor.pass : undefined) ?? input.roles?.newPass();
  const [page, roles] = await Promise.all([
    getGraphPage(graph, link ?? membersPath(groupId, input.top), { headers: MEMBERS_HEADERS, what: "group" }),
    input.roles && pass ? input.roles.forPass(pass) : null,
  ]);
  const next = page["@odata.nextLink"];
  const deltas = cursor?.phase === "members" ? { usersDelta: cursor.usersDelta, groupsDelta: cursor.groupsDelta } : null;
  const employees = parseGraphUsers(page.value);
  return {
    employees: roles ? withAdminRoles(employees, roles) : employees,
    removedExternalIds: [],
    nextCursor: next && deltas ? encodeCursor({ v: 1, phase: "members", link: next, ...deltas, ...(pass ? { pass } : {}) }) : null,
    deltaLink: !next && deltas ? encodeCursor({ v: 1, ...deltas }) : null,
    expectedTotal: page["@odata.count"] ?? null,
  };
}
