import { Hono } from "hono";
import { z } from "zod";
import { requireScope } from "@/lib/sandbox/okta/authenticate-api-request";
import { renderOktaUser, type OktaUserRecord } from "@/lib/sandbox/okta/map-person-to-okta-user";
import { oktaId } from "@/lib/sandbox/okta/okta-ids";
import { oktaError } from "@/lib/sandbox/okta/okta-errors";
import type { OktaApiEnv, OktaOrg } from "@/lib/sandbox/okta/okta-org";
import { matchesScimFilter, parseScimFilter, type ScimFilter, ScimFilterError, scimComparisons, type ScimValue } from "@/lib/sandbox/okta/scim-filter";

/** `GET /api/v1/users`: "limit ... (maximum 200)"; larger values are capped (inferred), 10 by default with `q`. */
export const USERS_MAX_LIMIT = 200;
const Q_DEFAULT_LIMIT = 10;

const listQuerySchema = z.object({
  q: z.string().min(1).optional(),
  search: z.string().min(1).optional(),
  filter: z.string().min(1).optional(),
  after: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).optional(),
});

/** The only properties and operators `filter` supports (developer.okta.com, List all users). */
const FILTER_ATTRIBUTES = new Set(["status", "lastUpdated", "id", "profile.login", "profile.email", "profile.firstName", "profile.lastName"]);
const SEARCH_CONTAINS_ATTRIBUTES = new Set(["profile.firstName", "profile.lastName", "profile.email", "profile.login"]);

function resolveUserAttribute(record: OktaUserRecord, attribute: string): ScimValue[] {
  if (attribute.startsWith("profile.")) {
    const name = attribute.slice("profile.".length);
    const entry = Object.entries(record.profile).find(([key]) => key === name);
    return [entry?.[1] ?? null];
  }
  const top: Record<string, ScimValue> = { id: record.id, status: record.status, "type.id": "oty1sandboxdefault00", ...record.dates };
  return attribute in top ? [top[attribute] ?? null] : [];
}

/** Why an expression is not accepted by `filter` (eq only, inequalities on lastUpdated, and/or) or `search`. */
function refusal(filter: ScimFilter, kind: "filter" | "search"): string | null {
  const hasNot = (node: ScimFilter): boolean => (node.kind === "not" ? true : node.kind === "compare" ? false : hasNot(node.left) || hasNot(node.right));
  if (kind === "filter" && hasNot(filter)) return "not";
  for (const { attribute, operator } of scimComparisons(filter)) {
    if (kind === "filter") {
      if (!FILTER_ATTRIBUTES.has(attribute)) return attribute;
      if (operator !== "eq" && !(attribute === "lastUpdated" && ["gt", "ge", "lt", "le"].includes(operator))) return operator;
    } else {
      if (operator === "ne" || operator === "pr" || operator === "ew") return operator;
      if (operator === "co" && !SEARCH_CONTAINS_ATTRIBUTES.has(attribute)) return `${attribute} co`;
    }
  }
  return null;
}

/** Okta's group object; the org's built-in Everyone group and the employee group are the only groups. */
function renderGroup(orgUrl: string, group: { id: string; type: "OKTA_GROUP" | "BUILT_IN"; name: string; description: string }) {
  const self = `${orgUrl}/api/v1/groups/${group.id}`;
  return {
    id: group.id,
    created: "2018-01-01T00:00:00.000Z",
    lastUpdated: "2018-01-01T00:00:00.000Z",
    lastMembershipUpdated: "2018-01-01T00:00:00.000Z",
    objectClass: ["okta:user_group"],
    type: group.type,
    profile: { name: group.name, description: group.description },
    _links: { self: { href: self }, users: { href: `${self}/users` } },
  };
}

function* range(from: number, to: number): Generator<number> {
  for (let index = from; index < to; index += 1) yield index;
}

/** The ids of a filter that is only `id eq "…"` joined by `or` (how an adapter reads given users), else null. */
function idsOnly(filter: ScimFilter | null): string[] | null {
  if (filter === null) return null;
  if (filter.kind === "compare") return filter.attribute === "id" && filter.operator === "eq" && typeof filter.value === "string" ? [filter.value] : null;
  if (filter.kind !== "or") return null;
  const left = idsOnly(filter.left);
  const right = idsOnly(filter.right);
  return left && right ? [...left, ...right] : null;
}

/** `GET /api/v1/users` (q, search, filter, limit, after) and `GET /api/v1/users/{id}/groups`. */
export function usersCollectionRoutes(org: OktaOrg): Hono<OktaApiEnv> {
  const app = new Hono<OktaApiEnv>();

  app.get("/users", requireScope("okta.users.read"), (c) => {
    const query = listQuerySchema.safeParse(c.req.query());
    if (!query.success) return oktaError(c, "E0000001", query.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
    const { q, search, filter, after } = query.data;
    // One of them applies, in this order of precedence (inferred; Okta documents no combination).
    const expression = search ?? filter;
    let parsed: ScimFilter | null = null;
    if (expression !== undefined) {
      try {
        parsed = parseScimFilter(expression);
      } catch (error) {
        if (!(error instanceof ScimFilterError)) throw error;
        return oktaError(c, "E0000031", [`${search !== undefined ? "search" : "filter"}: ${error.message}`]);
      }
      const refused = refusal(parsed, search !== undefined ? "search" : "filter");
      if (refused) return oktaError(c, "E0000031", [`${search !== undefined ? "search" : "filter"}: '${refused}' is not supported here.`]);
    }
    const limit = Math.min(query.data.limit ?? (q !== undefined && expression === undefined ? Q_DEFAULT_LIMIT : USERS_MAX_LIMIT), USERS_MAX_LIMIT);
    let fromIndex = 0;
    if (after !== undefined) {
      const afterIndex = org.state.decodeUserIndex(after);
      if (afterIndex === undefined) return oktaError(c, "E0000001", ["after: Invalid paging cursor."]);
      fromIndex = afterIndex + 1;
    }
    const prefix = q?.toLowerCase();
    const accepts = (record: OktaUserRecord): boolean => {
      if (parsed) return matchesScimFilter(parsed, (attribute) => resolveUserAttribute(record, attribute), { caseInsensitive: search !== undefined });
      // Without search or filter (and with q), DEPROVISIONED users are left out.
      if (record.status === "DEPROVISIONED") return false;
      if (prefix === undefined) return true;
      return [record.profile.firstName, record.profile.lastName, record.profile.email].some((value) => value?.toLowerCase().startsWith(prefix));
    };
    const found: OktaUserRecord[] = [];
    let more = false;
    // Same answer as the scan below, without generating every user: only the named ids can match.
    const named = search === undefined ? idsOnly(parsed) : null;
    const indexes = named
      ? [...new Set(named.map((id) => org.state.decodeUserIndex(id)).filter((index): index is number => index !== undefined && index >= fromIndex))].sort((a, b) => a - b)
      : null;
    for (const index of indexes ?? range(fromIndex, org.state.userCount)) {
      const record = org.state.record(index);
      if (!record || !accepts(record)) continue;
      if (found.length === limit) {
        more = true;
        break;
      }
      found.push(record);
    }
    const orgUrl = org.orgUrl(c);
    const params = new URLSearchParams(Object.entries(c.req.query()));
    c.header("Link", `<${orgUrl}/api/v1/users?${params.toString()}>; rel="self"`, { append: true });
    const last = found.at(-1);
    // `q` does not page (developer.okta.com): no next link, whatever is left.
    if (more && last && (q === undefined || expression !== undefined)) {
      params.set("after", last.id);
      params.set("limit", String(limit));
      c.header("Link", `<${orgUrl}/api/v1/users?${params.toString()}>; rel="next"`, { append: true });
    }
    return c.json(found.map((record) => renderOktaUser(record, orgUrl)));
  });

  app.get("/users/:userId/groups", requireScope("okta.users.read"), (c) => {
    const record = org.state.findUser(c.req.param("userId"));
    if (!record) return oktaError(c, "E0000007", [], `Not found: Resource not found: ${c.req.param("userId")} (User)`);
    const orgUrl = org.orgUrl(c);
    const everyone = renderGroup(orgUrl, { id: oktaId("00g", org.state.seed, 1), type: "BUILT_IN", name: "Everyone", description: "All users in your organization" });
    const employees = renderGroup(orgUrl, { id: org.state.groupId, type: "OKTA_GROUP", name: "Employees", description: "All employees (verifyd sandbox)" });
    return c.json(record.inGroup ? [everyone, employees] : [everyone]);
  });

  return app;
}
