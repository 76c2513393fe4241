"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { setVerificationCookie } from "@/app/(public)/verify/verification-cookie";
import { AppError } from "@/lib/errors";
import { publicAction } from "@/lib/verification/requests/public-action";
import { advanceVerification, detailsToAsk } from "@/lib/verification/requests/advance-verification";
import { selfAssertedSchema } from "@/lib/verification/requests/decide-verification";
import { reloadVerificationSession } from "@/lib/verification/requests/load-verification-session";
import { confirmPossessionCode, sendPossessionCode } from "@/lib/verification/requests/possession-code";
import { startVerification } from "@/lib/verification/requests/start-verification";
import { VERIFIED_SESSION_MINUTES } from "@/lib/verification/requests/verification-session-lifetime";

// Per-IP ceilings on the public endpoints; per-verification limits (attempts, resends) sit in lib/verification.
const START_LIMIT = { name: "verify:start:ip", limit: 20, windowSeconds: 900 };
const STEP_LIMIT = { name: "verify:step:ip", limit: 60, windowSeconds: 900 };

const SIX_DIGITS = "Enter the 6 digits from the message.";

export const startVerificationAction = publicAction(
  { limit: START_LIMIT, session: "none", schema: z.string().max(64), invalidMessage: "This link can no longer be used. Ask for a new one." },
  async (token, { request }) => {
    const started = await startVerification(token, request);
    // The cookie may outlive the link (resets come after the decision); the server ends the session itself.
    await setVerificationCookie(started.sessionToken, new Date(started.expiresAt.getTime() + VERIFIED_SESSION_MINUTES * 60_000));
    redirect("/verify/continue");
  },
);

export const sendCodeAction = publicAction(
  { limit: STEP_LIMIT, session: "in-progress", schema: z.enum(["EMAIL", "SMS"]), invalidMessage: "Choose where to send the code." },
  async (channel, { session, request }) => {
    await sendPossessionCode(session, channel, request);
    return null;
  },
);

export const confirmCodeAction = publicAction(
  { limit: STEP_LIMIT, session: "in-progress", schema: z.object({ code: z.string().trim().regex(/^\d{6}$/, SIX_DIGITS) }), invalidMessage: SIX_DIGITS },
  async ({ code }, { session, request }) => {
    const result = await confirmPossessionCode(session, code, request);
    if (!result.ok) {
      const left = result.attemptsLeft > 0 ? ` ${result.attemptsLeft} ${result.attemptsLeft === 1 ? "attempt" : "attempts"} left.` : "";
      throw new AppError("invalid_input", `${result.message}${left}`, { code: [`${result.message}${left}`] });
    }
    const confirmed = await reloadVerificationSession(session);
    return confirmed ? advanceVerification(confirmed, { request }) : "DONE";
  },
);

export const submitDetailsAction = publicAction(
  { limit: STEP_LIMIT, session: "in-progress", schema: (session) => selfAssertedSchema(detailsToAsk(session)) },
  async (typed, { session, request }) => advanceVerification(session, { typed, request }),
);
