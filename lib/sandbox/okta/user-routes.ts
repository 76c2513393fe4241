import { Hono } from "hono";
import { requireScope } from "@/lib/sandbox/okta/authenticate-api-request";
import { renderOktaUser } from "@/lib/sandbox/okta/map-person-to-okta-user";
import { ADMIN_ROLE_LABELS } from "@/lib/sandbox/okta/okta-model";
import { oktaKeyedId } from "@/lib/sandbox/okta/okta-ids";
import { oktaError } from "@/lib/sandbox/okta/okta-errors";
import type { OktaApiEnv, OktaOrg } from "@/lib/sandbox/okta/okta-org";

/** `GET /api/v1/users/{idOrLogin}` and `GET /api/v1/users/{id}/roles`. */
export function userRoutes(org: OktaOrg): Hono<OktaApiEnv> {
  const app = new Hono<OktaApiEnv>();

  app.get("/users/:userId", requireScope("okta.users.read"), (c) => {
    const record = org.state.findUser(c.req.param("userId"));
    if (!record) return oktaError(c, "E0000007", [], `Not found: Resource not found: ${c.req.param("userId")} (User)`);
    return c.json(renderOktaUser(record, org.orgUrl(c)));
  });

  app.get("/users/:userId/roles", requireScope("okta.roles.read"), (c) => {
    const record = org.state.findUser(c.req.param("userId"));
    if (!record) return oktaError(c, "E0000007", [], `Not found: Resource not found: ${c.req.param("userId")} (User)`);
    const orgUrl = org.orgUrl(c);
    return c.json(
      record.roles.map((type) => ({
        id: oktaKeyedId("ra1", org.state.seed, `${record.index}:${type}`),
        label: ADMIN_ROLE_LABELS[type],
        type,
        status: "ACTIVE",
        created: record.dates.created,
        lastUpdated: record.dates.created,
        assignmentType: "USER",
        _links: { assignee: { href: `${orgUrl}/api/v1/users/${record.id}` } },
      })),
    );
  });

  return app;
}
