import { handleOAuthForm } from "@/app/idv/oauth-form-endpoint";
import { oauthJsonResponse } from "@/lib/idv/protocol/oauth-error";
import { pushAuthorizationRequest } from "@/lib/idv/protocol/push-authorization-request";

export const dynamic = "force-dynamic";

/** RFC 9126 pushed authorization request endpoint: 201 with a single-use request_uri. */
export async function POST(request: Request): Promise<Response> {
  return handleOAuthForm(request, { name: "idv:par:ip", limit: 300, windowSeconds: 60 }, async (authorization, form, context) => {
    const pushed = await pushAuthorizationRequest(authorization, form, context);
    return oauthJsonResponse({ request_uri: pushed.requestUri, expires_in: pushed.expiresIn }, 201);
  });
}
