import { Hono } from "hono";
import { z } from "zod";
import { requireScope } from "@/lib/sandbox/okta/authenticate-api-request";
import { oktaError } from "@/lib/sandbox/okta/okta-errors";
import type { OktaApiEnv, OktaOrg } from "@/lib/sandbox/okta/okta-org";

const OPEN = Buffer.from("[");
const COMMA = Buffer.from(",");
const CLOSE = Buffer.from("]");

/** Okta's default and maximum page size for group members; larger limits are capped, not refused. */
const MAX_LIMIT = 1000;

const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).optional(),
  after: z.string().min(1).optional(),
});

/** `GET /api/v1/groups/{groupId}` and its members, paged with `limit`/`after` and absolute `Link` headers. */
export function groupUsersRoutes(org: OktaOrg): Hono<OktaApiEnv> {
  const app = new Hono<OktaApiEnv>();

  app.get("/groups/:groupId", requireScope("okta.groups.read"), (c) => {
    const groupId = c.req.param("groupId");
    if (groupId !== org.state.groupId) return oktaError(c, "E0000007", [], `Not found: Resource not found: ${groupId} (UserGroup)`);
    const orgUrl = org.orgUrl(c);
    const self = `${orgUrl}/api/v1/groups/${groupId}`;
    return c.json({
      id: groupId,
      created: "2018-01-01T00:00:00.000Z",
      lastUpdated: "2018-01-01T00:00:00.000Z",
      lastMembershipUpdated: "2018-01-01T00:00:00.000Z",
      objectClass: ["okta:user_group"],
      type: "OKTA_GROUP",
      profile: { name: "Employees", description: "All employees (verifyd sandbox)" },
      _links: { self: { href: self }, users: { href: `${self}/users` } },
    });
  });

  app.get("/groups/:groupId/users", requireScope("okta.groups.read"), (c) => {
    const groupId = c.req.param("groupId");
    if (groupId !== org.state.groupId) return oktaError(c, "E0000007", [], `Not found: Resource not found: ${groupId} (UserGroup)`);
    const query = pageQuerySchema.safeParse(c.req.query());
    if (!query.success) return oktaError(c, "E0000001", query.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`));
    const limit = Math.min(query.data.limit ?? MAX_LIMIT, MAX_LIMIT);
    let fromIndex = 0;
    if (query.data.after !== undefined) {
      // The cursor is the id of the last user of the previous page, as Okta's cursors look to clients.
      const afterIndex = org.state.decodeUserIndex(query.data.after);
      if (afterIndex === undefined) return oktaError(c, "E0000001", ["after: Invalid paging cursor."]);
      fromIndex = afterIndex + 1;
    }
    const { indices, hasMore } = org.state.groupMembers(fromIndex, limit);
    const orgUrl = org.orgUrl(c);
    const base = `${orgUrl}/api/v1/groups/${groupId}/users`;
    const self = query.data.after === undefined ? `${base}?limit=${limit}` : `${base}?limit=${limit}&after=${encodeURIComponent(query.data.after)}`;
    // Okta sends one Link header per relation; clients see them joined with ", ".
    c.header("Link", `<${self}>; rel="self"`, { append: true });
    const last = indices.at(-1);
    if (hasMore && last !== undefined) c.header("Link", `<${base}?limit=${limit}&after=${org.state.userId(last)}>; rel="next"`, { append: true });
    // Each user's JSON bytes (kept for unchanged users, see OktaOrgState.userJson), joined: the same bytes as
    // JSON.stringify of the array.
    const parts: Buffer[] = [OPEN];
    for (const index of indices) {
      const user = org.state.userJson(index, orgUrl);
      if (!user) continue;
      if (parts.length > 1) parts.push(COMMA);
      parts.push(user);
    }
    parts.push(CLOSE);
    return c.body(Buffer.concat(parts), 200, { "Content-Type": "application/json" });
  });

  return app;
}
