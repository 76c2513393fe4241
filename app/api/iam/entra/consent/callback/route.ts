import { protectedRoute } from "@/lib/auth/guards";
import { startFirstSync } from "@/lib/connections/activate-iam-connection";
import { completeEntraConsent, consentCallbackSchema } from "@/lib/connections/complete-entra-consent";

/**
 * GET /api/iam/entra/consent/callback — where Entra returns the admin after admin consent. Only the admin who
 * started the consent, in the same console session, can complete it (the state is bound to that session).
 */
export const GET = protectedRoute("settings:manage", async (request, { user, request: context }) => {
  const url = new URL(request.url);
  const params = consentCallbackSchema.safeParse(Object.fromEntries(url.searchParams));
  const result = params.success ? await completeEntraConsent(params.data, user, context) : { outcome: "invalid_state" as const, connectionId: null };
  if (result.outcome === "granted" && result.connectionId) await startFirstSync(result.connectionId, user, context);
  const outcome = result.outcome;
  const target = new URL("/settings/identity-provider", process.env.APP_URL ?? url.origin);
  target.searchParams.set("consent", outcome);
  return Response.redirect(target, 303);
});
