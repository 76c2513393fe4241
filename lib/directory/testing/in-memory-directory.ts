import { ENTRA_CAPABILITIES } from "@/lib/iam/entra/entra-capabilities";
import { type DirectoryEmployee, type FetchMembersRequest, type IdentityProvider, type MembersPage, ProviderError } from "@/lib/iam/identity-provider";

type Change = { externalId: string; version: number };

/** A test person with predictable fields; `overrides` changes any of them. */
export function testEmployee(index: number, overrides: Partial<DirectoryEmployee> = {}): DirectoryEmployee {
  return {
    externalId: `user-${String(index).padStart(6, "0")}`,
    login: `person${index}@example.test`,
    firstName: `First${index}`,
    lastName: `Last${index}`,
    email: `person${index}@example.test`,
    mobilePhone: null,
    streetAddress: null,
    city: "Springfield",
    state: null,
    postalCode: null,
    country: "US",
    birthday: null,
    employeeNumber: String(index),
    accountStatus: "ACTIVE",
    adminRoles: index === 0 ? ["SUPER_ADMIN"] : [],
    ...overrides,
  };
}

/** A write the in-memory provider was asked to do, in order. */
export type DirectoryWrite = { method: "resetPassword" | "createPasswordResetLink" | "resetMfa" | "unlockAccount" | "revokeSessions"; externalId: string };

/**
 * An in-memory identity provider for tests: a group of members that tests add to, change and remove from,
 * paged with offset cursors, with incremental (delta) passes over a change log and a hook to inject faults
 * (throw a ProviderError, or hang) before any page. Writes succeed on members and are recorded in `writes`;
 * a member's `adminRoles` are its privileged roles.
 */
export class InMemoryDirectory {
  private readonly members = new Map<string, DirectoryEmployee>();
  private readonly changes: Change[] = [];
  private version = 0;
  /** Every fetchMembersPage call, in order. */
  readonly calls: FetchMembersRequest[] = [];
  /** Every write, in order. */
  readonly writes: DirectoryWrite[] = [];
  /** Called before each page is served (call number from 1); throw or wait to inject faults. */
  beforeFetch: (call: number, request: FetchMembersRequest) => Promise<void> | void = () => undefined;

  constructor(
    employees: DirectoryEmployee[],
    readonly options: { pageSize: number; delta: boolean } = { pageSize: 10, delta: true },
  ) {
    for (const employee of employees) this.members.set(employee.externalId, employee);
  }

  upsert(employee: DirectoryEmployee): void {
    this.members.set(employee.externalId, employee);
    this.changes.push({ externalId: employee.externalId, version: ++this.version });
  }

  remove(externalId: string): void {
    this.members.delete(externalId);
    this.changes.push({ externalId, version: ++this.version });
  }

  memberIds(): string[] {
    return [...this.members.keys()].sort();
  }

  /** The port over this directory; `source()` hands it to code that asks for a connection's provider. */
  provider(): IdentityProvider {
    const write = async <T>(method: DirectoryWrite["method"], externalId: string, result: T): Promise<T> => {
      if (!this.members.has(externalId)) throw new ProviderError("No such member.", { retryable: false, status: 404, problem: "user_not_found" });
      this.writes.push({ method, externalId });
      return result;
    };
    return {
      provider: "ENTRA",
      capabilities: { ...ENTRA_CAPABILITIES, delta: this.options.delta },
      testConnection: async () => ({ ok: true, memberSample: null, expectedTotal: this.members.size }),
      fetchMembersPage: (request) => this.fetch(request),
      getPrivilegedRoles: async (externalId) => this.members.get(externalId)?.adminRoles ?? [],
      readBirthdays: async (externalIds) => new Map(externalIds.map((id) => [id, this.members.get(id)?.birthday ?? null])),
      resetPassword: (externalId, input) => write("resetPassword", externalId, { temporaryPassword: input.temporaryPassword }),
      createPasswordResetLink: (externalId) => write("createPasswordResetLink", externalId, { url: `https://directory.test/reset/${externalId}` }),
      resetMfa: (externalId) => write("resetMfa", externalId, { removed: [], kept: [], temporaryAccessPass: null }),
      unlockAccount: (externalId) => write("unlockAccount", externalId, { outcome: "not_supported" as const, message: "No lockouts here." }),
      revokeSessions: (externalId) => write("revokeSessions", externalId, undefined),
    };
  }

  /** A provider source that answers this directory for every connection. */
  source(): (connectionId: string) => Promise<IdentityProvider> {
    const provider = this.provider();
    return async () => provider;
  }

  private async fetch(request: FetchMembersRequest): Promise<MembersPage> {
    this.calls.push(request);
    await this.beforeFetch(this.calls.length, request);
    const offset = request.cursor === null ? 0 : Number(request.cursor);
    const size = this.options.pageSize;
    if (request.mode === "full") {
      const ids = this.memberIds();
      const employees = ids.slice(offset, offset + size).flatMap((id) => this.members.get(id) ?? []);
      const last = offset + size >= ids.length;
      return { employees, removedExternalIds: [], nextCursor: last ? null : String(offset + size), deltaLink: last && this.options.delta ? `v:${this.version}` : null, expectedTotal: ids.length };
    }
    const since = Number(request.deltaLink.slice(2));
    const changedIds = [...new Set(this.changes.filter((change) => change.version > since).map((change) => change.externalId))].sort();
    const slice = changedIds.slice(offset, offset + size);
    const last = offset + size >= changedIds.length;
    return {
      employees: slice.flatMap((id) => this.members.get(id) ?? []),
      removedExternalIds: slice.filter((id) => !this.members.has(id)),
      nextCursor: last ? null : String(offset + size),
      deltaLink: last ? `v:${this.version}` : null,
      expectedTotal: null,
    };
  }
}
