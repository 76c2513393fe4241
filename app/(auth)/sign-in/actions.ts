"use server";

import { AuthError } from "next-auth";
import { RateLimitedError, signIn } from "@/lib/auth/auth";
import { signInInputSchema } from "@/lib/auth/authenticate-console-user";

export type SignInResult = { error: string } | undefined;

// One message for every kind of failure: it must not tell an unknown account from a wrong password.
const GENERIC_FAILURE = "The e-mail address or password is incorrect, or the account is disabled.";

export async function signInWithPassword(input: unknown): Promise<SignInResult> {
  const parsed = signInInputSchema.safeParse(input);
  if (!parsed.success) return { error: GENERIC_FAILURE };
  try {
    // The second step decides where to go: the passkey prompt, the enrolment page, or on to the dashboard.
    await signIn("credentials", { ...parsed.data, redirectTo: "/second-factor" });
  } catch (error) {
    if (error instanceof RateLimitedError) {
      const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
      return { error: `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.` };
    }
    if (error instanceof AuthError) return { error: GENERIC_FAILURE };
    throw error; // Next's redirect after a successful sign-in travels as an exception.
  }
  return undefined;
}
