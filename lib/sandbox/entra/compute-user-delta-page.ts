import { mapPersonToGraphUser } from "@/lib/sandbox/entra/map-person-to-graph-user";
import type { EntraTenantState } from "@/lib/sandbox/entra/tenant-state";

/** Where a users/delta pass stands: walking every user (`full`), or replaying changes in (from, to]. */
export type UserDeltaCursor = { phase: "full"; index: number; since: number } | { phase: "changes"; from: number; to: number; offset: number };

export type UserDeltaPage = { value: Array<Record<string, unknown>>; next: UserDeltaCursor | null; deltaSince: number };

/** The users changed in (from, to], each once, in the order of their latest change. */
export function changedUserIndexes(tenant: EntraTenantState, from: number, to: number): number[] {
  const latest = new Map<number, number>();
  for (const change of tenant.changes) {
    if (change.kind === "user" && change.seq > from && change.seq <= to) {
      latest.delete(change.index);
      latest.set(change.index, change.seq);
    }
  }
  return [...latest.keys()];
}

/**
 * One page of `GET /users/delta`. A full pass walks generator indexes (O(page)); its delta link remembers the
 * change sequence at which the pass *started*, so changes made while paging are replayed next round
 * (Graph's delta is at-least-once too). A change round lists changed users, or `@removed` for deleted ones.
 */
export function computeUserDeltaPage(tenant: EntraTenantState, cursor: UserDeltaCursor, pageSize: number, select: readonly string[] | null): UserDeltaPage {
  if (cursor.phase === "full") {
    const value: Array<Record<string, unknown>> = [];
    let index = cursor.index;
    const isLive = (candidate: number) => !tenant.isDeleted(candidate);
    for (; index < tenant.indexLimit && value.length < pageSize; index += 1) {
      const person = isLive(index) ? tenant.personAt(index) : null;
      if (person) value.push(mapPersonToGraphUser(tenant, person, select));
    }
    while (index < tenant.indexLimit && !isLive(index)) index += 1;
    const next: UserDeltaCursor | null = index < tenant.indexLimit ? { phase: "full", index, since: cursor.since } : null;
    return { value, next, deltaSince: cursor.since };
  }
  const changed = changedUserIndexes(tenant, cursor.from, cursor.to);
  const slice = changed.slice(cursor.offset, cursor.offset + pageSize);
  const value = slice.map((index) => {
    const deleted = tenant.overlays.get(index)?.deleted ?? null;
    if (deleted) return { id: tenant.userId(index), "@removed": { reason: deleted === "soft" ? "changed" : "deleted" } };
    const person = tenant.personAt(index);
    return person ? mapPersonToGraphUser(tenant, person, select) : { id: tenant.userId(index), "@removed": { reason: "deleted" } };
  });
  const offset = cursor.offset + slice.length;
  const next: UserDeltaCursor | null = offset < changed.length ? { ...cursor, offset } : null;
  return { value, next, deltaSince: cursor.to };
}
