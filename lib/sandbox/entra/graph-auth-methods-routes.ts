import { randomInt, randomUUID } from "node:crypto";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { type GraphEnv, requirePermission } from "@/lib/sandbox/entra/graph-auth";
import { badRequest, graphError, userNotFound } from "@/lib/sandbox/entra/graph-errors";
import { odataContext } from "@/lib/sandbox/entra/graph-query";
import { guardPrivilegedTarget } from "@/lib/sandbox/entra/guard-privileged-target";
import { isDefaultPhone, listAllMethods, listMfaMethods } from "@/lib/sandbox/entra/map-person-to-auth-methods";
import { type EntraTenantState, type MethodType, type TemporaryAccessPass } from "@/lib/sandbox/entra/tenant-state";

/** URL segment -> method type for the per-type DELETE endpoints. */
const SEGMENT_TO_TYPE: Record<string, MethodType> = {
  microsoftAuthenticatorMethods: "microsoftAuthenticator",
  phoneMethods: "phone",
  softwareOathMethods: "softwareOath",
  fido2Methods: "fido2",
  emailMethods: "email",
};

const tapSchema = z.object({
  lifetimeInMinutes: z.number().int().min(10).max(43_200).optional(),
  isUsableOnce: z.boolean().optional(),
  startDateTime: z.iso.datetime().optional(),
});

/** A TAP the way Entra prints them: 8 characters from an unambiguous alphabet plus symbols. */
function generateTemporaryAccessPass(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!@#$%&*";
  return Array.from({ length: 8 }, () => alphabet.charAt(randomInt(alphabet.length))).join("");
}

/** `/users/{id}/authentication/...`: list methods, delete one per type, create a Temporary Access Pass. */
export function createGraphAuthMethodsRoutes(tenant: EntraTenantState, origin: (c: Context) => string): Hono<GraphEnv> {
  const app = new Hono<GraphEnv>();
  const personFor = (c: Context<GraphEnv>) => {
    const index = tenant.findUserIndex(c.req.param("id") ?? "");
    return index === null ? null : tenant.personAt(index);
  };

  app.get("/users/:id/authentication/methods", (c) => {
    const denied = requirePermission(c, "UserAuthenticationMethod.Read.All");
    if (denied) return denied;
    const person = personFor(c);
    if (!person) return userNotFound(c, c.req.param("id"));
    return c.json({ "@odata.context": odataContext(origin(c), `users('${tenant.userId(person.index)}')/authentication/methods`), value: listAllMethods(tenant, person) });
  });

  // Registered before the per-type route: a TAP is not an MFA method of the generator, it lives in the overlay.
  app.delete("/users/:id/authentication/temporaryAccessPassMethods/:methodId", (c) => {
    const denied = requirePermission(c, "UserAuthenticationMethod.ReadWrite.All");
    if (denied) return denied;
    const person = personFor(c);
    if (!person) return userNotFound(c, c.req.param("id"));
    const guarded = guardPrivilegedTarget(c, tenant, person);
    if (guarded) return guarded;
    const overlay = tenant.overlays.get(person.index);
    if (!overlay?.temporaryAccessPass || overlay.temporaryAccessPass.id !== c.req.param("methodId")) {
      return graphError(c, 404, "itemNotFound", "The requested authentication method was not found.");
    }
    overlay.temporaryAccessPass = null;
    tenant.logEvent("user.tap_deleted", { userId: tenant.userId(person.index) });
    return c.body(null, 204);
  });

  app.delete("/users/:id/authentication/:segment/:methodId", (c) => {
    const denied = requirePermission(c, "UserAuthenticationMethod.ReadWrite.All");
    if (denied) return denied;
    const person = personFor(c);
    if (!person) return userNotFound(c, c.req.param("id"));
    const segment = c.req.param("segment");
    if (segment === "passwordMethods") return badRequest(c, "The password authentication method cannot be deleted.", "badRequest");
    const type = SEGMENT_TO_TYPE[segment];
    if (!type) return badRequest(c, `Resource not found for the segment '${segment}'.`);
    const guarded = guardPrivilegedTarget(c, tenant, person);
    if (guarded) return guarded;
    const methods = listMfaMethods(tenant, person);
    const method = methods.find((candidate) => candidate.type === type && candidate.id === c.req.param("methodId"));
    if (!method) return graphError(c, 404, "itemNotFound", "The requested authentication method was not found.");
    if (isDefaultPhone(methods, method) && methods.length > 1) {
      return badRequest(c, "The default authentication method cannot be deleted while other methods are registered. Change the default method first.", "badRequest");
    }
    tenant.overlay(person.index).removedMethods.push({ type, id: method.id, removedAt: new Date().toISOString() });
    tenant.logEvent("user.method_deleted", { userId: tenant.userId(person.index), methodType: type });
    return c.body(null, 204);
  });

  app.post("/users/:id/authentication/temporaryAccessPassMethods", async (c) => {
    const denied = requirePermission(c, "UserAuthenticationMethod.ReadWrite.All");
    if (denied) return denied;
    const person = personFor(c);
    if (!person) return userNotFound(c, c.req.param("id"));
    const body = tapSchema.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return badRequest(c, "lifetimeInMinutes must be between 10 and 43200; isUsableOnce must be a boolean.", "badRequest");
    const guarded = guardPrivilegedTarget(c, tenant, person);
    if (guarded) return guarded;
    const now = new Date().toISOString();
    const pass: TemporaryAccessPass = {
      id: randomUUID(),
      temporaryAccessPass: generateTemporaryAccessPass(),
      createdDateTime: now,
      startDateTime: body.data.startDateTime ?? now,
      lifetimeInMinutes: body.data.lifetimeInMinutes ?? 60,
      isUsableOnce: body.data.isUsableOnce ?? false,
    };
    // A user has at most one TAP: a new one replaces the old.
    tenant.overlay(person.index).temporaryAccessPass = pass;
    tenant.logEvent("user.tap_created", { userId: tenant.userId(person.index), lifetimeInMinutes: pass.lifetimeInMinutes, isUsableOnce: pass.isUsableOnce });
    return c.json(
      {
        "@odata.context": odataContext(origin(c), `users('${tenant.userId(person.index)}')/authentication/temporaryAccessPassMethods/$entity`),
        ...pass,
        isUsable: true,
        methodUsabilityReason: "EnabledByPolicy",
      },
      201,
    );
  });
  return app;
}
