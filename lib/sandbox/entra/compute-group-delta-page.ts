import { scanMembers, tenantGroups } from "@/lib/sandbox/entra/group-membership";
import type { EntraTenantState } from "@/lib/sandbox/entra/tenant-state";

export type GroupDeltaCursor = { phase: "full"; group: number; index: number; since: number } | { phase: "changes"; from: number; to: number };

export type GroupDeltaRequest = { groupIds: string[] | null; fields: string[]; includeMembers: boolean; pageSize: number };

export type GroupDeltaPage = { value: Array<Record<string, unknown>>; next: GroupDeltaCursor | null; deltaSince: number };

type MemberRef = { "@odata.type": string; id: string; "@removed"?: { reason: "deleted" } };

function groupObject(tenant: EntraTenantState, groupId: string, fields: readonly string[]): Record<string, unknown> {
  const group = tenantGroups(tenant).find((candidate) => candidate.id === groupId);
  const object: Record<string, unknown> = { id: groupId };
  if (group) for (const field of fields) if (field === "displayName" || field === "description") object[field] = group[field];
  return object;
}

/**
 * One page of `GET /groups/delta`. The full pass sends each group, its direct members spread over pages in
 * `members@delta` chunks (the same group object appears again with the next chunk, as Graph does); members of
 * the nested group are in the nested group's own entries, never flattened. A change round sends each group
 * whose membership changed, with added members and `@removed: {reason: "deleted"}` for removed ones.
 */
export function computeGroupDeltaPage(tenant: EntraTenantState, cursor: GroupDeltaCursor, request: GroupDeltaRequest): GroupDeltaPage {
  const groups = tenantGroups(tenant).filter((group) => request.groupIds === null || request.groupIds.includes(group.id));
  if (cursor.phase === "full") {
    if (!request.includeMembers) return { value: groups.map((group) => groupObject(tenant, group.id, request.fields)), next: null, deltaSince: cursor.since };
    const group = groups[cursor.group];
    if (!group) return { value: [], next: null, deltaSince: cursor.since };
    const members: MemberRef[] = [];
    if (group.id === tenant.employeeGroupId && cursor.index === 0) members.push({ "@odata.type": "#microsoft.graph.group", id: tenant.nestedGroupId });
    const { people, next } = scanMembers(tenant, group.id, "members", cursor.index, request.pageSize - members.length);
    for (const person of people) members.push({ "@odata.type": "#microsoft.graph.user", id: tenant.userId(person.index) });
    const value = [{ ...groupObject(tenant, group.id, request.fields), "members@delta": members }];
    const following: GroupDeltaCursor | null =
      next !== null ? { ...cursor, index: next } : cursor.group + 1 < groups.length ? { phase: "full", group: cursor.group + 1, index: 0, since: cursor.since } : null;
    return { value, next: following, deltaSince: cursor.since };
  }

  // Last membership change per (group, user) in (from, to] wins.
  const latest = new Map<string, Map<number, boolean>>();
  for (const change of tenant.changes) {
    if (change.kind !== "membership" || change.seq <= cursor.from || change.seq > cursor.to) continue;
    const perGroup = latest.get(change.groupId) ?? new Map<number, boolean>();
    perGroup.delete(change.index);
    perGroup.set(change.index, change.removed);
    latest.set(change.groupId, perGroup);
  }
  const value: Array<Record<string, unknown>> = [];
  for (const group of groups) {
    const changes = latest.get(group.id);
    if (!changes || !request.includeMembers) continue;
    const members: MemberRef[] = [...changes].map(([index, removed]) => ({
      "@odata.type": "#microsoft.graph.user",
      id: tenant.userId(index),
      ...(removed ? { "@removed": { reason: "deleted" as const } } : {}),
    }));
    value.push({ ...groupObject(tenant, group.id, request.fields), "members@delta": members });
  }
  return { value, next: null, deltaSince: cursor.to };
}
