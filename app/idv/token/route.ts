import { handleOAuthForm } from "@/app/idv/oauth-form-endpoint";
import { oauthJsonResponse } from "@/lib/idv/protocol/oauth-error";
import { exchangeAuthorizationCode } from "@/lib/idv/protocol/exchange-authorization-code";

export const dynamic = "force-dynamic";

/** Token endpoint: the authorization code (with PKCE) for an ID token carrying verified_claims. */
export async function POST(request: Request): Promise<Response> {
  return handleOAuthForm(request, { name: "idv:token:ip", limit: 300, windowSeconds: 60 }, async (authorization, form, context) => oauthJsonResponse(await exchangeAuthorizationCode(authorization, form, context)));
}
