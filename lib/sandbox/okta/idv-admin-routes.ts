import { Hono } from "hono";
import { parseJsonBody } from "@/lib/sandbox/okta/admin-route-support";
import { describeIdvProvider, idvProviderConfigSchema } from "@/lib/sandbox/okta/idv-provider-config";
import type { OktaOrg } from "@/lib/sandbox/okta/okta-org";

/**
 * `/_sandbox/idv-provider` (the admin's Custom ID verification settings) and `/_sandbox/idv-recoveries` (what
 * each recovery came to). Mounted inside the loopback-only admin app.
 */
export function idvAdminRoutes(org: OktaOrg): Hono {
  const app = new Hono();
  const notConfigured = { error: "not_found", message: "No identity verification provider is configured." };

  app.get("/idv-provider", (c) => {
    const provider = org.idv.provider;
    return provider ? c.json(describeIdvProvider(provider, org.orgUrl(c))) : c.json(notConfigured, 404);
  });
  app.put("/idv-provider", async (c) => {
    const body = await parseJsonBody(c, idvProviderConfigSchema);
    if ("response" in body) return body.response;
    org.idv.configureProvider(body.data);
    return c.json(describeIdvProvider(body.data, org.orgUrl(c)));
  });
  app.delete("/idv-provider", (c) => {
    org.idv.removeProvider();
    return c.body(null, 204);
  });

  app.get("/idv-recoveries", (c) => c.json({ recoveries: org.idv.list() }));
  return app;
}
