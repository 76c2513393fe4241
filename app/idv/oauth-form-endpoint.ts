import { getRequestContext, type RequestContext } from "@/lib/http/request-context";
import { BodyTooLargeError, readLimitedBody } from "@/lib/http/read-limited-body";
import { OAuthError, oauthErrorResponse } from "@/lib/idv/protocol/oauth-error";
import { hitRateLimit, type RateLimitRule } from "@/lib/rate-limit/rate-limit";

const MAX_FORM_BYTES = 16 * 1024;

/**
 * The adapter every client-facing OAuth endpoint shares: a per-network limit, a bounded
 * application/x-www-form-urlencoded body, and OAuth errors as RFC 6749 §5.2 JSON (never a stack, never HTML).
 */
export async function handleOAuthForm(
  request: Request,
  limit: RateLimitRule,
  handle: (authorization: string | null, form: URLSearchParams, context: RequestContext) => Promise<Response>,
): Promise<Response> {
  const context = await getRequestContext();
  const authorization = request.headers.get("authorization");
  try {
    const rate = await hitRateLimit(limit, context.ip);
    if (rate.limited) return oauthErrorResponse(new OAuthError("temporarily_unavailable", "Too many requests from this network; try again later.", 429), { retryAfterSeconds: rate.retryAfterSeconds });
    const type = (request.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    if (type !== "application/x-www-form-urlencoded") throw new OAuthError("invalid_request", "Send the parameters as application/x-www-form-urlencoded.");
    const form = new URLSearchParams((await readLimitedBody(request, MAX_FORM_BYTES)).toString("utf8"));
    return await handle(authorization, form, context);
  } catch (error) {
    if (error instanceof OAuthError) return oauthErrorResponse(error, { basicChallenge: authorization !== null });
    if (error instanceof BodyTooLargeError) return oauthErrorResponse(new OAuthError("invalid_request", "The request body is too large."));
    console.error("verifyd: IdP endpoint failed", error instanceof Error ? error.name : "unknown error");
    return new Response(JSON.stringify({ error: "server_error", error_description: "The request could not be processed." }), { status: 500, headers: { "content-type": "application/json", "cache-control": "no-store" } });
  }
}

/** Pushed requests and tokens come from the IdP's servers, not browsers: nothing here may be framed or cached. */
export const dynamic = "force-dynamic";
