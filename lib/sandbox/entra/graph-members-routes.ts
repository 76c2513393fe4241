import { type Context, Hono } from "hono";
import { z } from "zod";
import { type GraphEnv, requirePermission, tokenHas } from "@/lib/sandbox/entra/graph-auth";
import { graphError } from "@/lib/sandbox/entra/graph-errors";
import { jsonBytes } from "@/lib/sandbox/shared/json-bytes";
import { decodeToken, encodeToken, linkWithToken, odataContext, parseTop, parseUserSelect } from "@/lib/sandbox/entra/graph-query";
import { type MembershipView, scanMembers, tenantGroups } from "@/lib/sandbox/entra/group-membership";
import { DEFAULT_USER_FIELDS, mapPersonToGraphUser } from "@/lib/sandbox/entra/map-person-to-graph-user";
import type { EntraTenantState } from "@/lib/sandbox/entra/tenant-state";

const skipTokenSchema = z.object({ g: z.number(), i: z.number().int().min(0) });

/**
 * `GET /groups/{id}/members|transitiveMembers[/microsoft.graph.user]`: users paged by generator index
 * (`$skiptoken` holds the next index), so a page costs O($top) whatever the tenant size.
 */
export function createGraphMembersRoutes(tenant: EntraTenantState, origin: (c: Context) => string): Hono<GraphEnv> {
  const app = new Hono<GraphEnv>();
  const list = (view: MembershipView, cast: boolean) => (c: Context<GraphEnv>) => {
    const denied = requirePermission(c, "GroupMember.Read.All");
    if (denied) return denied;
    const groupId = c.req.param("groupId")?.toLowerCase() ?? "";
    if (!tenantGroups(tenant).some((group) => group.id === groupId)) {
      return graphError(c, 404, "Request_ResourceNotFound", `Resource '${groupId}' does not exist or one of its queried reference-property objects are not present.`);
    }
    const select = parseUserSelect(c, { collection: true });
    if (!select.ok) return select.response;
    const top = parseTop(c);
    if (!top.ok) return top.response;
    const token = decodeToken(c.req.query("$skiptoken"), skipTokenSchema);
    if (c.req.query("$skiptoken") !== undefined && (!token || token.g !== tenant.generation)) {
      return graphError(c, 400, "Directory_InvalidSkipToken", "The specified page token value has expired and can no longer be included in your request.");
    }

    // The direct (uncast) listing also shows the nested group itself, first, as a group object.
    const showNestedGroup = !cast && view === "members" && groupId === tenant.employeeGroupId && !token;
    const limit = top.value - (showNestedGroup ? 1 : 0);
    const { people, next } = scanMembers(tenant, groupId, view, token?.i ?? 0, limit);
    // One event per listing (its first page), so tests can tell a member scan from targeted reads.
    if (!token) tenant.logEvent("graph.members_listed", { groupId, view });
    // Without User.Read.All Graph still lists the members, but only their ids come back filled in.
    const canReadUsers = tokenHas(c, "User.Read.All");
    const fields = select.value ?? DEFAULT_USER_FIELDS;
    const value: Array<Record<string, unknown>> = people.map((person) => {
      const user = mapPersonToGraphUser(tenant, person, select.value);
      const shown = canReadUsers ? user : Object.fromEntries(fields.map((field) => [field, field === "id" ? tenant.userId(person.index) : null]));
      return cast ? shown : { "@odata.type": "#microsoft.graph.user", ...shown };
    });
    if (showNestedGroup) {
      const nested = tenantGroups(tenant).find((group) => group.id === tenant.nestedGroupId);
      value.unshift({ "@odata.type": "#microsoft.graph.group", ...nested });
    }
    const base = origin(c);
    const context = cast ? `users${select.value ? `(${select.value.join(",")})` : ""}` : "directoryObjects";
    const body: Record<string, unknown> = { "@odata.context": odataContext(base, context) };
    if (next !== null) body["@odata.nextLink"] = linkWithToken(c, base, "$skiptoken", encodeToken({ g: tenant.generation, i: next }));
    body.value = value;
    return jsonBytes(c, body);
  };
  app.get("/groups/:groupId/members/microsoft.graph.user", list("members", true));
  app.get("/groups/:groupId/transitiveMembers/microsoft.graph.user", list("transitiveMembers", true));
  app.get("/groups/:groupId/members", list("members", false));
  app.get("/groups/:groupId/transitiveMembers", list("transitiveMembers", false));
  return app;
}
