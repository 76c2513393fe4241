"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { setVerificationCookie, currentVerificationSession } from "@/app/(public)/verify/verification-cookie";
import { RESET_WINDOW_MINUTES, SECRET_REVEAL_MINUTES } from "@/lib/credential-reset/reset-actions";
import { AppError } from "@/lib/errors";
import { getRequestContext } from "@/lib/http/request-context";
import { hitRateLimit } from "@/lib/rate-limit/rate-limit";
import { claimsToAsk, decideVerification, selfAssertedSchema } from "@/lib/verification/requests/decide-verification";
import { confirmPossessionCode, sendPossessionCode } from "@/lib/verification/requests/possession-code";
import { startVerification } from "@/lib/verification/requests/start-verification";
import { completeSelfServiceVerification, submitSelfServiceDetails } from "@/lib/self-service/self-service-steps";

export type PublicActionResult = { ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

// Per-IP ceilings on the public endpoints; per-verification limits (attempts, resends) sit in lib/verification.
const START_LIMIT = { name: "verify:start:ip", limit: 20, windowSeconds: 900 };
const STEP_LIMIT = { name: "verify:step:ip", limit: 60, windowSeconds: 900 };

async function withinLimit(rule: typeof START_LIMIT): Promise<{ ip: string; userAgent: string } | null> {
  const request = await getRequestContext();
  const state = await hitRateLimit(rule, request.ip);
  return state.limited ? null : request;
}

const SESSION_AFTER_LINK_MS = (RESET_WINDOW_MINUTES + SECRET_REVEAL_MINUTES) * 60_000;
const SLOW_DOWN = "Too many attempts from this network. Wait a few minutes and try again.";
const SESSION_ENDED = "This verification session has ended. Open the link from your e-mail again, or ask for a new one.";

export async function startVerificationAction(token: string): Promise<PublicActionResult> {
  const request = await withinLimit(START_LIMIT);
  if (!request) return { ok: false, error: SLOW_DOWN };
  const parsedToken = z.string().max(64).safeParse(token);
  if (!parsedToken.success) return { ok: false, error: "This link can no longer be used. Ask for a new one." };
  try {
    const started = await startVerification(parsedToken.data, request);
    // The session outlives the link: a verified employee still starts resets (and reads what they produced) afterwards.
    await setVerificationCookie(started.sessionToken, new Date(started.expiresAt.getTime() + SESSION_AFTER_LINK_MS));
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message };
    throw error;
  }
  redirect("/verify/continue");
}

async function runStep(step: (session: NonNullable<Awaited<ReturnType<typeof currentVerificationSession>>>, request: { ip: string; userAgent: string }) => Promise<PublicActionResult>): Promise<PublicActionResult> {
  const request = await withinLimit(STEP_LIMIT);
  if (!request) return { ok: false, error: SLOW_DOWN };
  const session = await currentVerificationSession();
  if (!session || session.status !== "IN_PROGRESS") return { ok: false, error: SESSION_ENDED };
  try {
    return await step(session, request);
  } catch (error) {
    if (error instanceof AppError) return { ok: false, error: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
}

export async function sendCodeAction(channel: unknown): Promise<PublicActionResult> {
  const parsed = z.enum(["EMAIL", "SMS"]).safeParse(channel);
  if (!parsed.success) return { ok: false, error: "Choose where to send the code." };
  return runStep(async (session, request) => {
    await sendPossessionCode(session, parsed.data, request);
    return { ok: true };
  });
}

export async function confirmCodeAction(input: unknown): Promise<PublicActionResult> {
  const parsed = z.object({ code: z.string().trim().regex(/^\d{6}$/, "Enter the 6 digits from the message.") }).safeParse(input);
  if (!parsed.success) return { ok: false, error: "Enter the 6 digits from the message.", fieldErrors: { code: ["Enter the 6 digits from the message."] } };
  return runStep(async (session, request) => {
    const result = await confirmPossessionCode(session, parsed.data.code, request);
    if (result.ok) {
      // Self-service proves possession last: the confirmed code completes the decision.
      if (session.initiatorType === "SELF_SERVE") {
        const confirmed = await currentVerificationSession();
        if (confirmed) await completeSelfServiceVerification(confirmed, request);
      }
      return { ok: true };
    }
    const left = result.attemptsLeft > 0 ? ` ${result.attemptsLeft} ${result.attemptsLeft === 1 ? "attempt" : "attempts"} left.` : "";
    return { ok: false, error: `${result.message}${left}`, fieldErrors: { code: [`${result.message}${left}`] } };
  });
}

export async function submitDetailsAction(input: unknown): Promise<PublicActionResult> {
  return runStep(async (session, request) => {
    const parsed = selfAssertedSchema(claimsToAsk(session)).safeParse(input);
    if (!parsed.success) {
      const fieldErrors: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) (fieldErrors[issue.path.join(".") || "form"] ??= []).push(issue.message);
      return { ok: false, error: "Check the highlighted fields.", fieldErrors };
    }
    if (session.initiatorType === "SELF_SERVE") await submitSelfServiceDetails(session, parsed.data as Record<string, string>, request);
    else await decideVerification(session, parsed.data as Record<string, string>, request);
    return { ok: true };
  });
}
