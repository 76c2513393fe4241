import { type Context, Hono } from "hono";
import { z } from "zod";
import { computeGroupDeltaPage, type GroupDeltaCursor } from "@/lib/sandbox/entra/compute-group-delta-page";
import { computeUserDeltaPage, type UserDeltaCursor } from "@/lib/sandbox/entra/compute-user-delta-page";
import { type GraphEnv, requirePermission } from "@/lib/sandbox/entra/graph-auth";
import { badRequest, graphError } from "@/lib/sandbox/entra/graph-errors";
import { decodeToken, encodeToken, linkWithToken, odataContext, parseUserSelect, preferredPageSize } from "@/lib/sandbox/entra/graph-query";
import type { EntraTenantState } from "@/lib/sandbox/entra/tenant-state";

const USER_DELTA_PAGE = 200;
const GROUP_DELTA_MEMBERS_PAGE = 500;

const userSkipSchema = z.object({
  g: z.number(),
  c: z.union([
    z.object({ phase: z.literal("full"), index: z.number().int().min(0), since: z.number().int().min(0) }),
    z.object({ phase: z.literal("changes"), from: z.number().int().min(0), to: z.number().int().min(0), offset: z.number().int().min(0) }),
  ]),
});
const groupSkipSchema = z.object({
  g: z.number(),
  c: z.union([
    z.object({ phase: z.literal("full"), group: z.number().int().min(0), index: z.number().int().min(0), since: z.number().int().min(0) }),
    z.object({ phase: z.literal("changes"), from: z.number().int().min(0), to: z.number().int().min(0) }),
  ]),
});
const deltaTokenSchema = z.object({ g: z.number(), since: z.number().int().min(0) });

/** `cursor: null` is `$deltatoken=latest`: answer with just a delta link. */
type Start<T> = { ok: true; cursor: T | null } | { ok: false; response: Response };

/** Turns the request's `$skiptoken` / `$deltatoken` (or none) into a cursor; tokens from before a reset are a 410. */
function startCursor<T>(c: Context, tenant: EntraTenantState, skipSchema: z.ZodType<{ g: number; c: T }>, fresh: T, changesFrom: (since: number) => T): Start<T> {
  const resync = () => graphError(c, 410, "resyncRequired", "Resync required: the delta token is no longer valid. Start over with a full delta pass.");
  const rawSkip = c.req.query("$skiptoken");
  const rawDelta = c.req.query("$deltatoken");
  if (rawSkip !== undefined) {
    const token = decodeToken(rawSkip, skipSchema);
    if (!token) return { ok: false, response: badRequest(c, "Badly formed skip token.") };
    return token.g === tenant.generation ? { ok: true, cursor: token.c } : { ok: false, response: resync() };
  }
  if (rawDelta !== undefined) {
    // "Sync from now" (Graph: Entra users and groups): no objects, a delta link pinned to the current state.
    if (rawDelta === "latest") return { ok: true, cursor: null };
    const token = decodeToken(rawDelta, deltaTokenSchema);
    if (!token) return { ok: false, response: badRequest(c, "Badly formed delta token.") };
    return token.g === tenant.generation && token.since <= tenant.changeSeq ? { ok: true, cursor: changesFrom(token.since) } : { ok: false, response: resync() };
  }
  return { ok: true, cursor: fresh };
}

/** `GET /users/delta` and `GET /groups/delta`: nextLink pages, then a deltaLink that replays later changes. */
export function createGraphDeltaRoutes(tenant: EntraTenantState, origin: (c: Context) => string): Hono<GraphEnv> {
  const app = new Hono<GraphEnv>();
  const respond = (c: Context, context: string, value: unknown[], skip: unknown | null, deltaSince: number) => {
    const base = origin(c);
    const body: Record<string, unknown> = { "@odata.context": odataContext(base, context) };
    if (skip !== null) body["@odata.nextLink"] = linkWithToken(c, base, "$skiptoken", encodeToken({ g: tenant.generation, c: skip }));
    else body["@odata.deltaLink"] = linkWithToken(c, base, "$deltatoken", encodeToken({ g: tenant.generation, since: deltaSince }));
    body.value = value;
    return c.json(body);
  };

  app.get("/users/delta", (c) => {
    const denied = requirePermission(c, "User.Read.All");
    if (denied) return denied;
    const select = parseUserSelect(c, { collection: true });
    if (!select.ok) return select.response;
    const start = startCursor<UserDeltaCursor>(c, tenant, userSkipSchema, { phase: "full", index: 0, since: tenant.changeSeq }, (since) => ({ phase: "changes", from: since, to: tenant.changeSeq, offset: 0 }));
    if (!start.ok) return start.response;
    const context = `users${select.value ? `(${select.value.join(",")})` : ""}`;
    if (start.cursor === null) return respond(c, context, [], null, tenant.changeSeq);
    const page = computeUserDeltaPage(tenant, start.cursor, preferredPageSize(c, USER_DELTA_PAGE), select.value);
    return respond(c, context, page.value, page.next, page.deltaSince);
  });

  app.get("/groups/delta", (c) => {
    const denied = requirePermission(c, "GroupMember.Read.All");
    if (denied) return denied;
    const fields = (c.req.query("$select") ?? "displayName,description").split(",").map((field) => field.trim()).filter(Boolean);
    // `$filter=id eq '...' or id eq '...'` is the one filter groups/delta supports.
    const filter = c.req.query("$filter");
    const groupIds = filter ? [...filter.matchAll(/id eq '([0-9a-f-]{36})'/gi)].map((match) => (match[1] ?? "").toLowerCase()) : null;
    if (filter && groupIds?.length === 0) return badRequest(c, "Unsupported filter: groups/delta supports only id eq '{id}' clauses.", "Request_UnsupportedQuery");
    const start = startCursor<GroupDeltaCursor>(c, tenant, groupSkipSchema, { phase: "full", group: 0, index: 0, since: tenant.changeSeq }, (since) => ({ phase: "changes", from: since, to: tenant.changeSeq }));
    if (!start.ok) return start.response;
    if (start.cursor === null) return respond(c, `groups(${fields.join(",")})`, [], null, tenant.changeSeq);
    const request = { groupIds, fields, includeMembers: fields.includes("members"), pageSize: preferredPageSize(c, GROUP_DELTA_MEMBERS_PAGE) };
    const page = computeGroupDeltaPage(tenant, start.cursor, request);
    return respond(c, `groups(${fields.join(",")})`, page.value, page.next, page.deltaSince);
  });
  return app;
}
