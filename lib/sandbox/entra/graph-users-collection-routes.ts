import { type Context, Hono } from "hono";
import { z } from "zod";
import { type GraphEnv, requirePermission } from "@/lib/sandbox/entra/graph-auth";
import { graphError } from "@/lib/sandbox/entra/graph-errors";
import { decodeToken, encodeToken, linkWithToken, odataContext, parseTop, parseUserSelect } from "@/lib/sandbox/entra/graph-query";
import { mapPersonToGraphUser } from "@/lib/sandbox/entra/map-person-to-graph-user";
import type { EntraTenantState } from "@/lib/sandbox/entra/tenant-state";
import type { SandboxPerson } from "@/lib/sandbox/shared/generate-person";

const skipTokenSchema = z.object({ g: z.number(), i: z.number().int().min(0) });

/** The `$filter` clauses the sandbox understands on users: `<property> eq '<value>'` on a few string properties. */
const FILTERABLE = ["id", "userPrincipalName", "mail", "employeeId"] as const;
type Filter = { property: (typeof FILTERABLE)[number]; value: string };

function parseFilter(raw: string | undefined): { ok: true; filter: Filter | null } | { ok: false; property: string } {
  if (raw === undefined || raw.trim() === "") return { ok: true, filter: null };
  const match = /^\s*(\w+)\s+eq\s+'((?:[^']|'')*)'\s*$/.exec(raw);
  const property = FILTERABLE.find((name) => name === match?.[1]);
  if (!match || !property) return { ok: false, property: /^\s*(?:\w+\()?(\w+)/.exec(raw)?.[1] ?? raw };
  return { ok: true, filter: { property, value: (match[2] ?? "").replaceAll("''", "'") } };
}

function matches(tenant: EntraTenantState, person: SandboxPerson, filter: Filter | null): boolean {
  if (!filter) return true;
  const value = mapPersonToGraphUser(tenant, person, [filter.property])[filter.property];
  return typeof value === "string" && value.toLowerCase() === filter.value.toLowerCase();
}

/**
 * `GET /users`: every live user of the tenant (group members or not), in generator order, with `$select`, `$top`
 * (1..999, default 100), `$filter` (`eq` on id, userPrincipalName, mail, employeeId; anything else is Graph's 400
 * Request_UnsupportedQuery) and `$count=true` (honoured only with `ConsistencyLevel: eventual`, as in Graph).
 * Pages by generator index like the member listings; `birthday` in `$select` is Graph's 501.
 */
export function createGraphUsersCollectionRoutes(tenant: EntraTenantState, origin: (c: Context) => string): Hono<GraphEnv> {
  const app = new Hono<GraphEnv>();
  app.get("/users", (c) => {
    const denied = requirePermission(c, "User.Read.All");
    if (denied) return denied;
    const select = parseUserSelect(c, { collection: true });
    if (!select.ok) return select.response;
    const top = parseTop(c);
    if (!top.ok) return top.response;
    const filter = parseFilter(c.req.query("$filter"));
    if (!filter.ok) {
      return graphError(c, 400, "Request_UnsupportedQuery", `Unsupported or invalid query filter clause specified for property '${filter.property}' of resource 'User'.`);
    }
    const token = decodeToken(c.req.query("$skiptoken"), skipTokenSchema);
    if (c.req.query("$skiptoken") !== undefined && (!token || token.g !== tenant.generation)) {
      return graphError(c, 400, "Directory_InvalidSkipToken", "The specified page token value has expired and can no longer be included in your request.");
    }
    // An id or UPN names one index (O(1)); the other filters scan the tenant.
    const named = filter.filter?.property === "id" || filter.filter?.property === "userPrincipalName" ? tenant.findUserIndex(filter.filter.value) : undefined;
    const range = named === undefined ? { from: 0, to: tenant.indexLimit } : named === null ? { from: 0, to: 0 } : { from: named, to: named + 1 };
    const live = (index: number): SandboxPerson | null => {
      const person = tenant.isDeleted(index) ? null : tenant.personAt(index);
      return person && matches(tenant, person, filter.filter) ? person : null;
    };
    const people: SandboxPerson[] = [];
    let index = Math.max(token?.i ?? 0, range.from);
    for (; index < range.to && people.length < top.value; index += 1) {
      const person = live(index);
      if (person) people.push(person);
    }
    // Peek for one more, so that the last page carries no nextLink.
    while (index < range.to && !live(index)) index += 1;

    const base = origin(c);
    const body: Record<string, unknown> = { "@odata.context": odataContext(base, `users${select.value ? `(${select.value.join(",")})` : ""}`) };
    if (c.req.query("$count") === "true" && c.req.header("consistencylevel")?.toLowerCase() === "eventual") {
      let count = 0;
      for (let scan = range.from; scan < range.to; scan += 1) if (live(scan)) count += 1;
      body["@odata.count"] = count;
    }
    if (index < range.to) body["@odata.nextLink"] = linkWithToken(c, base, "$skiptoken", encodeToken({ g: tenant.generation, i: index }));
    body.value = people.map((person) => mapPersonToGraphUser(tenant, person, select.value));
    return c.json(body);
  });
  return app;
}
