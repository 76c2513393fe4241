import { NextResponse } from "next/server";
import { plainPage } from "@/app/idv/plain-page";
import { appUrl, setIdvCookie } from "@/app/idv/idv-cookie";
import { getRequestContext } from "@/lib/http/request-context";
import { startIdvVerification } from "@/lib/idv/protocol/start-idv-verification";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";

export const dynamic = "force-dynamic";

const LIMIT = { name: "idv:authorize:ip", limit: 60, windowSeconds: 900 };

/**
 * The authorization endpoint accepts only a pushed request (client_id + request_uri). Anything else, or a
 * request_uri that is unknown, expired, already used or another client's, gets an error page and no redirect.
 */
export async function GET(request: Request): Promise<Response> {
  const context = await getRequestContext();
  if ((await hitRateLimit(LIMIT, context.ip)).limited) return plainPage(429, "Too many attempts", "Wait a while, then start again from your sign-in page.");
  const query = Object.fromEntries(new URL(request.url).searchParams);
  if (!query.request_uri) return plainPage(400, "This sign-in request is not valid", "This verification service only accepts requests pushed by your identity provider. Start again from your sign-in page.");
  const started = await startIdvVerification(query, context);
  if ("refused" in started) return plainPage(400, "This sign-in request has expired or was already used", "Go back to your sign-in page and start again. Each request works once, for a minute.");
  const response = NextResponse.redirect(appUrl("/idv/continue"), 303);
  setIdvCookie(response, started.bindingToken, started.expiresAt);
  return response;
}
