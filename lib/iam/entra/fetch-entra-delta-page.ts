import { z } from "zod";
import type { DirectoryEmployee, MembersPage } from "@/lib/iam/identity-provider";
import type { GraphCaller } from "@/lib/iam/entra/create-graph-caller";
import { decodeCursor, deltaCursorSchema, deltaLinkSchema, type EntraDeltaCursor, encodeCursor } from "@/lib/iam/entra/entra-cursor";
import { DELTA_PAGE_HEADERS, getGraphPage, type GraphPage, MEMBERS_HEADERS, membersPath, parseGraphUsers } from "@/lib/iam/entra/fetch-entra-members-page";
import { type EntraRoleCache, withAdminRoles } from "@/lib/iam/entra/fetch-entra-role-map";
import { CANDIDATES_PER_PAGE, checkEntraCandidates, TARGETED_CHECK_LIMIT } from "@/lib/iam/entra/check-entra-candidates";

const removedSchema = z.object({ reason: z.string() }).optional();
const groupDeltaSchema = z.object({
  id: z.string(),
  "members@delta": z.array(z.object({ "@odata.type": z.string().optional(), id: z.string(), "@removed": removedSchema })).optional(),
});
const userDeltaSchema = z.object({ id: z.string(), "@removed": removedSchema });

const unique = (ids: Iterable<string>) => [...new Set(ids)];

function page(cursor: EntraDeltaCursor | null, employees: DirectoryEmployee[] = []): MembersPage {
  return { employees, removedExternalIds: [], nextCursor: cursor ? encodeCursor(cursor) : null, deltaLink: null, expectedTotal: null };
}

/** The last page of a run: removals confirmed, and the delta links where the next run starts. */
function finish(cursor: EntraDeltaCursor, employees: DirectoryEmployee[] = []): MembersPage {
  const seen = new Set(cursor.seenRemoved);
  return {
    employees,
    removedExternalIds: cursor.removed.filter((id) => !seen.has(id)),
    nextCursor: null,
    deltaLink: encodeCursor({ v: 1, usersDelta: cursor.nextUsersDelta, groupsDelta: cursor.nextGroupsDelta }),
    expectedTotal: null,
  };
}

/** A page of the targeted check: the next CANDIDATES_PER_PAGE candidates, each asked about on its own. */
async function checkCandidatesPage(graph: GraphCaller, groupId: string, cursor: EntraDeltaCursor, roles: EntraRoleCache | undefined): Promise<MembersPage> {
  const candidates = unique([...cursor.changed, ...cursor.removed]);
  const offset = cursor.offset ?? 0;
  const slice = candidates.slice(offset, offset + CANDIDATES_PER_PAGE);
  // Roles come with the check (per user), not from the tenant-wide listing a full pass reads.
  const { members: employees, notMembers } = await checkEntraCandidates(graph, { groupId, candidates: slice, changed: new Set(cursor.changed), withRoles: roles !== undefined });
  // Someone only changed (not removed from the group) who is not a member was never in the directory, or left
  // through a nested group; like the member scan, only the removals Graph reported are applied.
  const removed = new Set(cursor.removed);
  const removedExternalIds = notMembers.filter((id) => removed.has(id));
  const nextOffset = offset + slice.length;
  if (nextOffset < candidates.length) return { ...page({ ...cursor, offset: nextOffset }, employees), removedExternalIds };
  return { ...finish({ ...cursor, removed: [] }, employees), removedExternalIds };
}

function collectGroupChanges(cursor: EntraDeltaCursor, result: GraphPage, groupId: string): EntraDeltaCursor {
  const changed = [...cursor.changed];
  const removed = [...cursor.removed];
  for (const raw of result.value) {
    const group = groupDeltaSchema.safeParse(raw);
    if (!group.success || group.data.id.toLowerCase() !== groupId.toLowerCase()) continue;
    for (const member of group.data["members@delta"] ?? []) {
      // Nested groups added or removed are not expanded here: a full pass picks up their members.
      if (member["@odata.type"] && member["@odata.type"] !== "#microsoft.graph.user") continue;
      (member["@removed"] ? removed : changed).push(member.id);
    }
  }
  return { ...cursor, changed: unique(changed), removed: unique(removed) };
}

/**
 * After a users delta page: more pages, or the confirmation. A change set that fits one check page is checked in
 * this same call (one step less); larger ones get pages of their own.
 */
async function afterUsersPage(input: { graph: GraphCaller; groupId: string; roles?: EntraRoleCache }, cursor: EntraDeltaCursor, result: GraphPage, usersDelta: string): Promise<MembersPage> {
  const changed = [...cursor.changed];
  const removed = [...cursor.removed];
  for (const raw of result.value) {
    const user = userDeltaSchema.safeParse(raw);
    if (user.success) (user.data["@removed"] ? removed : changed).push(user.data.id);
  }
  const next = result["@odata.nextLink"];
  const state = { ...cursor, changed: unique(changed), removed: unique(removed) };
  if (next) return page({ ...state, link: next });
  const done = { ...state, link: null, nextUsersDelta: result["@odata.deltaLink"] ?? usersDelta };
  const candidates = unique([...done.changed, ...done.removed]).length;
  // Nothing changed: no need to look at the members at all.
  if (candidates === 0) return finish({ ...done, phase: "verify" });
  if (candidates > TARGETED_CHECK_LIMIT) return page({ ...done, phase: "verify" });
  const check = { ...done, phase: "check" as const, offset: 0 };
  return candidates <= CANDIDATES_PER_PAGE ? checkCandidatesPage(input.graph, input.groupId, check, input.roles) : page(check);
}

/**
 * One page of an incremental run (design in README.md of this folder). Graph delta results are collected as
 * candidate ids; membership is then confirmed (one by one, or for many candidates against the group's transitive
 * members), because users/delta covers the whole tenant and groups/delta does not flatten nested groups.
 */
export async function fetchEntraDeltaPage(input: { graph: GraphCaller; groupId: string; deltaLink: string; cursor: string | null; roles?: EntraRoleCache }): Promise<MembersPage> {
  const { graph, groupId } = input;
  const links = decodeCursor(deltaLinkSchema, input.deltaLink);
  const cursor: EntraDeltaCursor =
    input.cursor === null
      ? { v: 1, phase: "groups", link: links.groupsDelta, changed: [], removed: [], seenRemoved: [], nextUsersDelta: null, nextGroupsDelta: null, ...(input.roles ? { pass: input.roles.newPass() } : {}) }
      : decodeCursor(deltaCursorSchema, input.cursor);

  if (cursor.phase === "groups") {
    // The first page asks for both delta pages at once: the group's changes nearly always fit in one page, and
    // then the users page is already here (otherwise it is dropped and asked for again after the group's pages).
    const [groups, users] = await Promise.all([
      getGraphPage(graph, cursor.link ?? links.groupsDelta, { headers: DELTA_PAGE_HEADERS, what: "delta" }),
      input.cursor === null ? getGraphPage(graph, links.usersDelta, { headers: DELTA_PAGE_HEADERS, what: "delta" }) : null,
    ]);
    const state = collectGroupChanges(cursor, groups, groupId);
    const next = groups["@odata.nextLink"];
    if (next) return page({ ...state, link: next });
    const usersPhase = { ...state, phase: "users" as const, link: null, nextGroupsDelta: groups["@odata.deltaLink"] ?? links.groupsDelta };
    return users ? afterUsersPage(input, usersPhase, users, links.usersDelta) : page(usersPhase);
  }

  if (cursor.phase === "users") {
    const users = await getGraphPage(graph, cursor.link ?? links.usersDelta, { headers: DELTA_PAGE_HEADERS, what: "delta" });
    return afterUsersPage(input, cursor, users, links.usersDelta);
  }

  if (cursor.phase === "check") return checkCandidatesPage(graph, groupId, cursor, input.roles);

  const result = await getGraphPage(graph, cursor.link ?? membersPath(groupId), { headers: MEMBERS_HEADERS, what: "group" });
  const members = parseGraphUsers(result.value);
  const changed = new Set(cursor.changed);
  const removed = new Set(cursor.removed);
  const changedMembers = members.filter((member) => changed.has(member.externalId));
  // Only changed members are written: read the pass's role map only when there are some (a quiet run reads none).
  const employees = input.roles && changedMembers.length > 0 ? withAdminRoles(changedMembers, await input.roles.forPass(cursor.pass ?? input.roles.newPass())) : changedMembers;
  const seenRemoved = unique([...cursor.seenRemoved, ...members.filter((member) => removed.has(member.externalId)).map((member) => member.externalId)]);
  const next = result["@odata.nextLink"];
  const state = { ...cursor, seenRemoved };
  return next ? page({ ...state, link: next }, employees) : finish(state, employees);
}
