import { z } from "zod";
import { type DirectoryEmployee, ProviderError } from "@/lib/iam/identity-provider";
import type { GraphCaller } from "@/lib/iam/entra/create-graph-caller";
import { GRAPH_USER_SELECT } from "@/lib/iam/entra/map-graph-user";
import { parseGraphUsers } from "@/lib/iam/entra/fetch-entra-members-page";
import { type GraphBatchAnswer, sendGraphBatches } from "@/lib/iam/entra/send-graph-batch";
import { addPrivilegedAssignments, MISSING_ROLE_PERMISSION_WARNING, parseRoleAssignmentsPage, withAdminRoles } from "@/lib/iam/entra/fetch-entra-role-map";

/**
 * Up to this many candidates a delta run checks each one (two or three batched sub-requests per changed user, one
 * per removed one) instead of listing the whole group again: 1000 candidates are 100 batches, about what listing a
 * 100,000-member group costs in requests, and far fewer round trips once batches go eight at a time.
 */
export const TARGETED_CHECK_LIMIT = 1000;
/** Candidates checked per sync page: keeps a page (and a job step) to a few seconds. */
export const CANDIDATES_PER_PAGE = 200;
const BATCHES_IN_FLIGHT = 8;

const checkMemberGroupsSchema = z.object({ value: z.array(z.string()) });
const SELECT = GRAPH_USER_SELECT.join(",");

const missingPermission = (permission: string) =>
  new ProviderError(`Microsoft Graph refused to check group membership (403): grant ${permission} as an application permission, then admin consent again.`, {
    retryable: false,
    status: 403,
    problem: "missing_permission",
  });

function unexpected(status: number, what: string): ProviderError {
  return new ProviderError(`Microsoft Graph answered ${status} ${what}.`, { retryable: status === 401, status, problem: "unknown" });
}

/** Whether the check says "member": 404 is a deleted user (not a member); anything else unexpected stops the run. */
function isMember(answer: GraphBatchAnswer | undefined, groupId: string): boolean {
  if (!answer || answer.status === 404) return false;
  if (answer.status === 403) throw missingPermission("GroupMember.Read.All");
  if (answer.status !== 200) throw unexpected(answer.status, "checking a user's group membership");
  const parsed = checkMemberGroupsSchema.safeParse(answer.body);
  if (!parsed.success) throw new ProviderError("Microsoft Graph returned a membership check the product cannot read.", { retryable: false, problem: "unknown" });
  return parsed.data.value.some((id) => id.toLowerCase() === groupId.toLowerCase());
}

// OData string literals double their quotes; ids come from Graph (GUIDs), this keeps any other text a literal.
const assignmentsPath = (userId: string) => `/roleManagement/directory/roleAssignments?$filter=${encodeURIComponent(`principalId eq '${userId.replace(/'/g, "''")}'`)}&$expand=roleDefinition`;

/**
 * The privileged roles of the changed members from their own assignment listings (a user holds a handful; a
 * further page, which Graph would only send for many scoped assignments, is followed). 403: roles unknown, as for
 * the pass's role map.
 */
async function rolesOf(graph: GraphCaller, answers: Map<string, GraphBatchAnswer>, candidates: string[], members: DirectoryEmployee[]): Promise<Map<string, string[]>> {
  const roles = new Map<string, string[]>();
  const indexOf = new Map(candidates.map((userId, index) => [userId, index]));
  for (const member of members) {
    const answer = answers.get(`r${indexOf.get(member.externalId) ?? -1}`);
    if (!answer || answer.status === 404) continue;
    if (answer.status === 403) {
      console.warn(MISSING_ROLE_PERMISSION_WARNING);
      return new Map();
    }
    if (answer.status !== 200) throw unexpected(answer.status, "listing a user's role assignments");
    let page = parseRoleAssignmentsPage(answer.body);
    addPrivilegedAssignments(roles, page.value);
    while (page["@odata.nextLink"]) {
      page = parseRoleAssignmentsPage(await graph.get(page["@odata.nextLink"], { what: "user" }));
      addPrivilegedAssignments(roles, page.value);
    }
  }
  return roles;
}

/**
 * Checks delta candidates one by one: `POST /users/{id}/checkMemberGroups` (transitive, so nested groups count) for
 * each, and for changed ones `GET /users/{id}` with our fields, all in JSON batches. Changed candidates that are
 * members come back as employees; candidates that are not members (or no longer exist) as `notMembers`. A user
 * deleted between the check and the read counts as not a member. With `withRoles`, each changed candidate's role
 * assignments are read in the same batches (`$filter=principalId eq`), instead of the tenant's whole listing.
 */
export async function checkEntraCandidates(
  graph: GraphCaller,
  input: { groupId: string; candidates: string[]; changed: ReadonlySet<string>; withRoles: boolean; sleep?: (ms: number) => Promise<void> },
): Promise<{ members: DirectoryEmployee[]; notMembers: string[] }> {
  const requests = input.candidates.flatMap((userId, index) => {
    const user = encodeURIComponent(userId);
    const check = { id: `c${index}`, method: "POST" as const, url: `/users/${user}/checkMemberGroups`, body: { groupIds: [input.groupId] } };
    if (!input.changed.has(userId)) return [check];
    const read = { id: `u${index}`, method: "GET" as const, url: `/users/${user}?$select=${SELECT}` };
    return input.withRoles ? [check, read, { id: `r${index}`, method: "GET" as const, url: assignmentsPath(userId) }] : [check, read];
  });
  const answers = await sendGraphBatches(graph, requests, { sleep: input.sleep, what: "membership checks", concurrency: BATCHES_IN_FLIGHT });

  const members: DirectoryEmployee[] = [];
  const notMembers: string[] = [];
  input.candidates.forEach((userId, index) => {
    if (!isMember(answers.get(`c${index}`), input.groupId)) {
      notMembers.push(userId);
      return;
    }
    if (!input.changed.has(userId)) return;
    const profile = answers.get(`u${index}`);
    if (!profile || profile.status === 404) {
      notMembers.push(userId);
      return;
    }
    if (profile.status === 403) throw missingPermission("User.Read.All");
    if (profile.status !== 200) throw unexpected(profile.status, "reading a user");
    members.push(...parseGraphUsers([profile.body]));
  });
  return { members: input.withRoles && members.length > 0 ? withAdminRoles(members, await rolesOf(graph, answers, input.candidates, members)) : members, notMembers };
}
