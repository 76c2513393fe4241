import type { Context } from "hono";
import { z } from "zod";
import { refuseUserWrite } from "@/lib/sandbox/okta/authorize-user-write";
import type { OktaUserRecord } from "@/lib/sandbox/okta/map-person-to-okta-user";
import type { OktaUserStatus } from "@/lib/sandbox/okta/okta-model";
import { oktaError } from "@/lib/sandbox/okta/okta-errors";
import type { OktaApiEnv, OktaOrg } from "@/lib/sandbox/okta/okta-org";

/** `"true"`/`"false"` query flags, as the SDK serialises booleans. */
export const queryFlag = z.enum(["true", "false"]).transform((value) => value === "true");

/**
 * The target of a write, checked in Okta's order: exists (404 E0000007), the app's admin role may act on
 * it (403 E0000006), and its status allows the operation (403 E0000038, or E0000032 for unlock).
 */
export function findWritableUser(
  c: Context<OktaApiEnv>,
  org: OktaOrg,
  allowed: readonly OktaUserStatus[] | "any",
  statusError: "E0000038" | "E0000032" = "E0000038",
): { record: OktaUserRecord } | { response: Response } {
  const userId = c.req.param("userId") ?? "";
  const record = org.state.findUser(userId);
  if (!record) return { response: oktaError(c, "E0000007", [], `Not found: Resource not found: ${userId} (User)`) };
  const refusal = refuseUserWrite(c.var.app, record);
  if (refusal) return { response: oktaError(c, "E0000006", [refusal]) };
  if (allowed !== "any" && !allowed.includes(record.status)) return { response: oktaError(c, statusError) };
  return { record };
}

/** Parses a route's query with zod, answering 400 E0000001 with one cause per problem. */
export function parseQuery<Schema extends z.ZodType>(c: Context, schema: Schema): { data: z.output<Schema> } | { response: Response } {
  const parsed = schema.safeParse(c.req.query());
  if (parsed.success) return { data: parsed.data };
  return { response: oktaError(c, "E0000001", parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`)) };
}
