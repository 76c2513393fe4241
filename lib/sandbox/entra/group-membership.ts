import type { SandboxPerson } from "@/lib/sandbox/shared/generate-person";
import type { EntraTenantState } from "@/lib/sandbox/entra/tenant-state";

export type MembershipView = "members" | "transitiveMembers";

/** The sandbox tenant's groups: the employee group and the sub-group nested in it. */
export function tenantGroups(tenant: EntraTenantState): Array<{ id: string; displayName: string; description: string }> {
  return [
    { id: tenant.employeeGroupId, displayName: "All Employees", description: "Everyone verifyd may verify (sandbox)." },
    { id: tenant.nestedGroupId, displayName: "Subsidiary Employees", description: "Nested in All Employees: its people are transitive members only." },
  ];
}

/**
 * Whether person `index` is a user member of `groupId` in the given view, returning the person so callers do
 * not generate it twice. Employee group: direct members are non-nested people; transitive adds the nested
 * group's people. Nested group: its people either way.
 */
export function memberAt(tenant: EntraTenantState, groupId: string, view: MembershipView, index: number): SandboxPerson | null {
  const membership = tenant.membership(index);
  if (membership === null) return null;
  const isMember =
    groupId === tenant.nestedGroupId ? membership === "nested" : groupId === tenant.employeeGroupId && (membership === "direct" || view === "transitiveMembers");
  return isMember ? tenant.personAt(index) : null;
}

/** Scans from `start` for up to `limit` members; `next` is the index of the following member, or null at the end. */
export function scanMembers(
  tenant: EntraTenantState,
  groupId: string,
  view: MembershipView,
  start: number,
  limit: number,
): { people: SandboxPerson[]; next: number | null } {
  const people: SandboxPerson[] = [];
  let index = start;
  for (; index < tenant.indexLimit && people.length < limit; index += 1) {
    const person = memberAt(tenant, groupId, view, index);
    if (person) people.push(person);
  }
  // Peek for one more member so the last page carries no nextLink (Graph never sends an empty last page).
  for (; index < tenant.indexLimit; index += 1) if (memberAt(tenant, groupId, view, index)) return { people, next: index };
  return { people, next: null };
}
