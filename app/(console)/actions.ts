"use server";

import { signOutConsoleUser } from "@/lib/auth/sign-out-console-user";

/** Records the sign-out in the audit log, then clears the session cookie and returns to the sign-in page. */
export async function signOutAction(): Promise<void> {
  await signOutConsoleUser();
}
