import { type Context, Hono } from "hono";
import { z } from "zod";
import { seededGuid } from "@/lib/sandbox/entra/entra-ids";
import { DIRECTORY_ROLE_KEYS, DIRECTORY_ROLES, type DirectoryRoleKey } from "@/lib/sandbox/entra/entra-roles";
import { type GraphEnv, requirePermission } from "@/lib/sandbox/entra/graph-auth";
import { badRequest, graphError, userNotFound } from "@/lib/sandbox/entra/graph-errors";
import { decodeToken, encodeToken, linkWithToken, odataContext, parseUserSelect } from "@/lib/sandbox/entra/graph-query";
import { memberAt } from "@/lib/sandbox/entra/group-membership";
import { guardPrivilegedTarget } from "@/lib/sandbox/entra/guard-privileged-target";
import { mapPersonToGraphUser } from "@/lib/sandbox/entra/map-person-to-graph-user";
import type { EntraTenantState } from "@/lib/sandbox/entra/tenant-state";

const patchSchema = z
  .object({
    passwordProfile: z.object({
      password: z.string(),
      forceChangePasswordNextSignIn: z.boolean().optional(),
      forceChangePasswordNextSignInWithMfa: z.boolean().optional(),
    }),
  })
  .strict();

/** Entra's default policy: 8..256 characters with three of lower, upper, digit, symbol. */
function meetsPasswordPolicy(password: string): boolean {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(password)).length;
  return password.length >= 8 && password.length <= 256 && classes >= 3;
}

function directoryRoleObject(tenant: EntraTenantState, key: DirectoryRoleKey) {
  const role = DIRECTORY_ROLES[key];
  return { "@odata.type": "#microsoft.graph.directoryRole", id: seededGuid(tenant.seed, `role:${key}`), deletedDateTime: null, description: role.description, displayName: role.displayName, roleTemplateId: role.roleTemplateId };
}

/** SharePoint-backed user properties: readable on a single-user GET with User.Read.All, never writable app-only. */
const SHAREPOINT_PROFILE_FIELDS = new Set(["aboutMe", "birthday", "hireDate", "interests", "mySite", "pastProjects", "preferredName", "responsibilities", "schools", "skills"]);

const checkMemberGroupsSchema = z.object({ groupIds: z.array(z.string().min(1)).min(1).max(20) });
const roleMembersTokenSchema = z.object({ g: z.number(), i: z.number().int().min(0) });
const ROLE_MEMBERS_PAGE = 100;

/**
 * Single users and the writes verifyd performs on them, plus directory roles. To find a user's privileged roles
 * an adapter calls `GET /users/{id}/memberOf/microsoft.graph.directoryRole` (RoleManagement.Read.Directory).
 */
export function createGraphUserRoutes(tenant: EntraTenantState, origin: (c: Context) => string): Hono<GraphEnv> {
  const app = new Hono<GraphEnv>();
  const findPerson = (c: Context<GraphEnv>) => {
    const id = c.req.param("id") ?? "";
    const index = tenant.findUserIndex(id);
    const person = index === null ? null : tenant.personAt(index);
    return person ? { ok: true as const, person } : { ok: false as const, response: userNotFound(c, id) };
  };

  app.get("/users/:id", (c) => {
    const denied = requirePermission(c, "User.Read.All");
    if (denied) return denied;
    const found = findPerson(c);
    if (!found.ok) return found.response;
    const select = parseUserSelect(c, { collection: false });
    if (!select.ok) return select.response;
    const context = `users${select.value ? `(${select.value.join(",")})` : ""}/$entity`;
    return c.json({ "@odata.context": odataContext(origin(c), context), ...mapPersonToGraphUser(tenant, found.person, select.value) });
  });

  app.patch("/users/:id", async (c) => {
    const raw: unknown = await c.req.json().catch(() => null);
    // Graph: these "cannot be updated using an application-only context" (user-update.md); the error is SharePoint's.
    if (typeof raw === "object" && raw !== null && Object.keys(raw).some((key) => SHAREPOINT_PROFILE_FIELDS.has(key))) {
      return graphError(c, 403, "-1, Microsoft.Office.Server.Directory.DirectoryObjectUnauthorizedAccessException", "Attempted to perform an unauthorized operation.");
    }
    const denied = requirePermission(c, "User-PasswordProfile.ReadWrite.All");
    if (denied) return denied;
    const found = findPerson(c);
    if (!found.ok) return found.response;
    const body = patchSchema.safeParse(raw);
    if (!body.success) return badRequest(c, "Invalid request body: the sandbox supports PATCH of passwordProfile only.", "Request_BadRequest");
    const guarded = guardPrivilegedTarget(c, tenant, found.person);
    if (guarded) return guarded;
    if (!meetsPasswordPolicy(body.data.passwordProfile.password)) {
      return badRequest(c, "The specified password does not comply with password complexity requirements. Please provide a different password.", "Request_BadRequest");
    }
    const forceChange = body.data.passwordProfile.forceChangePasswordNextSignIn ?? false;
    tenant.overlay(found.person.index).password = { setAt: new Date().toISOString(), forceChangePasswordNextSignIn: forceChange };
    tenant.logEvent("user.password_reset", { userId: tenant.userId(found.person.index), forceChangePasswordNextSignIn: forceChange });
    return c.body(null, 204);
  });

  app.post("/users/:id/revokeSignInSessions", (c) => {
    const denied = requirePermission(c, "User.RevokeSessions.All");
    if (denied) return denied;
    const found = findPerson(c);
    if (!found.ok) return found.response;
    const guarded = guardPrivilegedTarget(c, tenant, found.person);
    if (guarded) return guarded;
    tenant.overlay(found.person.index).sessionsRevokedAt = new Date().toISOString();
    tenant.logEvent("user.sessions_revoked", { userId: tenant.userId(found.person.index) });
    return c.json({ "@odata.context": odataContext(origin(c), "Edm.Boolean"), value: true });
  });

  // Transitive, like Graph's: "checks for membership in a specified list of up to 20 groups ... transitive".
  app.post("/users/:id/checkMemberGroups", async (c) => {
    const denied = requirePermission(c, "GroupMember.Read.All");
    if (denied) return denied;
    const body = checkMemberGroupsSchema.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return badRequest(c, "Invalid request body: groupIds must list 1 to 20 group ids.", "Request_BadRequest");
    const found = findPerson(c);
    if (!found.ok) return found.response;
    const index = found.person.index;
    const value = body.data.groupIds.filter((groupId) => memberAt(tenant, groupId.toLowerCase(), "transitiveMembers", index) !== null);
    return c.json({ "@odata.context": odataContext(origin(c), "Collection(Edm.String)"), value });
  });

  const rolesOf = (c: Context<GraphEnv>) => {
    const denied = requirePermission(c, "RoleManagement.Read.Directory");
    if (denied) return denied;
    const found = findPerson(c);
    if (!found.ok) return found.response;
    const { privilege } = found.person;
    const value = privilege === "none" ? [] : [directoryRoleObject(tenant, privilege)];
    return c.json({ "@odata.context": odataContext(origin(c), "directoryRoles"), value });
  };
  app.get("/users/:id/memberOf/microsoft.graph.directoryRole", rolesOf);
  app.get("/users/:id/transitiveMemberOf/microsoft.graph.directoryRole", rolesOf);

  app.get("/directoryRoles", (c) => {
    const denied = requirePermission(c, "RoleManagement.Read.Directory");
    if (denied) return denied;
    return c.json({ "@odata.context": odataContext(origin(c), "directoryRoles"), value: DIRECTORY_ROLE_KEYS.map((key) => directoryRoleObject(tenant, key)) });
  });

  // Role members are found by scanning the generator (admins are ~2.5% of people); pages of 100 keep it bounded.
  app.get("/directoryRoles/:roleId/members", (c) => {
    const denied = requirePermission(c, "RoleManagement.Read.Directory");
    if (denied) return denied;
    const key = DIRECTORY_ROLE_KEYS.find((candidate) => directoryRoleObject(tenant, candidate).id === c.req.param("roleId"));
    if (!key) return graphError(c, 404, "Request_ResourceNotFound", `Resource '${c.req.param("roleId")}' does not exist or one of its queried reference-property objects are not present.`);
    const token = decodeToken(c.req.query("$skiptoken"), roleMembersTokenSchema);
    const value: Array<Record<string, unknown>> = [];
    let index = token && token.g === tenant.generation ? token.i : 0;
    for (; index < tenant.indexLimit && value.length < ROLE_MEMBERS_PAGE; index += 1) {
      const person = tenant.personAt(index);
      if (person && !tenant.isDeleted(index) && person.privilege === key) {
        value.push({ "@odata.type": "#microsoft.graph.user", ...mapPersonToGraphUser(tenant, person, null) });
      }
    }
    const body: Record<string, unknown> = { "@odata.context": odataContext(origin(c), "directoryObjects") };
    if (index < tenant.indexLimit) body["@odata.nextLink"] = linkWithToken(c, origin(c), "$skiptoken", encodeToken({ g: tenant.generation, i: index }));
    body.value = value;
    return c.json(body);
  });
  return app;
}
