import "server-only";
import type { CurrentConsoleUser } from "@/lib/auth/resolve-console-session";
import { stepUpMaxAgeMs } from "@/lib/auth/second-factor-policy";
import { AppError } from "@/lib/errors";

export const STEP_UP_REQUIRED_MESSAGE = "Confirm it is you with your passkey to continue.";

/**
 * Step-up guard for the most sensitive actions (connection, policy and console-user changes, agent-started
 * resets): the session must have proved a second factor within CONSOLE_STEP_UP_MINUTES. Throws an AppError
 * `step_up_required` otherwise, before anything changes; the console answers with a passkey (or TOTP) prompt
 * and retries. An account without any second factor is told to add one first.
 */
export function requireRecentSecondFactor(user: Pick<CurrentConsoleUser, "secondFactorAt" | "hasSecondFactor">, now: Date = new Date()): void {
  if (!user.hasSecondFactor) {
    throw new AppError("step_up_required", "Add a passkey under Account security before doing this: it asks for one each time.");
  }
  if (!user.secondFactorAt || now.getTime() - user.secondFactorAt.getTime() > stepUpMaxAgeMs()) {
    throw new AppError("step_up_required", STEP_UP_REQUIRED_MESSAGE);
  }
}
