import { z } from "zod";
import { currentVerificationSession } from "@/app/(public)/verify/verification-cookie";
import { AppError, HTTP_STATUS_BY_CODE } from "@/lib/errors";
import { getRequestContext } from "@/lib/http/request-context";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";
import { advanceVerification } from "@/lib/verification/requests/advance-verification";
import { reloadVerificationSession } from "@/lib/verification/requests/load-verification-session";
import { submitWalletPresentation } from "@/lib/wallet/presentations/submit-wallet-presentation";
import { digitalCredentialSchema } from "@/lib/wallet/protocol/open-wallet-response";

const RESPONSE_LIMIT = { name: "verify:wallet-response:ip", limit: 20, windowSeconds: 900 };
/** An mdoc with a portrait is tens of KB; a few hundred is already generous. */
const MAX_BODY_BYTES = 512 * 1024;
const bodySchema = z.object({ presentationId: z.uuid(), credential: digitalCredentialSchema }).strict();

function refuse(status: number, error: string): Response {
  return Response.json({ ok: false, error }, { status, headers: { "Cache-Control": "no-store" } });
}

async function readBody(request: Request): Promise<unknown> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > MAX_BODY_BYTES) throw new AppError("invalid_input", "The wallet's answer is too large.");
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError("invalid_input", "The wallet's answer is too large.");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_input", "The wallet's answer is not JSON.");
  }
}

/** The wallet's answer to a request this browser was given: verified, kept as the document on success, then the flow moves on. */
export async function POST(request: Request): Promise<Response> {
  const context = await getRequestContext();
  if ((await hitRateLimit(RESPONSE_LIMIT, context.ip)).limited) return refuse(429, "Too many attempts from this network. Wait a few minutes and try again.");
  const session = await currentVerificationSession();
  if (!session || session.status !== "IN_PROGRESS") return refuse(401, "This verification session has ended. Open the link from your e-mail again.");
  try {
    const parsed = bodySchema.safeParse(await readBody(request));
    if (!parsed.success) return refuse(400, "The wallet's answer is not in the expected form.");
    const result = await submitWalletPresentation(session, parsed.data, context);
    if (!result.ok) return Response.json({ ok: false, error: result.message, attemptsLeft: result.attemptsLeft }, { status: 422, headers: { "Cache-Control": "no-store" } });
    const refreshed = await reloadVerificationSession(session);
    const step = refreshed ? await advanceVerification(refreshed, { request: context }) : "DONE";
    return Response.json({ ok: true, step }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof AppError) return refuse(HTTP_STATUS_BY_CODE[error.code], error.message);
    throw error;
  }
}
