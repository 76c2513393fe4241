import { currentVerificationSession } from "@/app/(public)/verify/verification-cookie";
import { AppError, HTTP_STATUS_BY_CODE } from "@/lib/errors";
import { getRequestContext } from "@/lib/http/request-context";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";
import { requestWalletPresentation } from "@/lib/wallet/presentations/request-wallet-presentation";

const REQUEST_LIMIT = { name: "verify:wallet-request:ip", limit: 20, windowSeconds: 900 };

function refuse(status: number, error: string): Response {
  return Response.json({ ok: false, error }, { status, headers: { "Cache-Control": "no-store" } });
}

/** A Digital Credentials request (nonce, one-time keys, the elements the policy needs) for this browser's verification. */
export async function POST(): Promise<Response> {
  const context = await getRequestContext();
  if ((await hitRateLimit(REQUEST_LIMIT, context.ip)).limited) return refuse(429, "Too many attempts from this network. Wait a few minutes and try again.");
  const session = await currentVerificationSession();
  if (!session || session.status !== "IN_PROGRESS") return refuse(401, "This verification session has ended. Open the link from your e-mail again.");
  try {
    const issued = await requestWalletPresentation(session, context);
    return Response.json({ ok: true, ...issued }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError) return refuse(HTTP_STATUS_BY_CODE[error.code], error.message);
    throw error;
  }
}
