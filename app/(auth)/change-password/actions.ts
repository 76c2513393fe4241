"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { signIn } from "@/lib/auth/auth";
import { changeOwnPassword, changeOwnPasswordSchema } from "@/lib/auth/change-own-password";
import { getCurrentConsoleUser } from "@/lib/auth/current-user";
import { secondFactorSatisfied } from "@/lib/auth/resolve-console-session";
import { AppError } from "@/lib/errors";
import { getRequestContext } from "@/lib/http/request-context";

export type ChangePasswordResult = { error: string; fieldErrors?: Record<string, string[]> } | undefined;

/** Open to any signed-in console user (it is how a forced password change is completed). */
export async function changePasswordAction(input: unknown): Promise<ChangePasswordResult> {
  const user = await getCurrentConsoleUser();
  if (!user) redirect("/sign-in");
  // Only a forced change may happen on the password alone; otherwise the session must have proved its passkey.
  if (!user.mustChangePassword && !secondFactorSatisfied(user)) redirect("/second-factor");
  const parsed = changeOwnPasswordSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    return { error: "Check the highlighted fields.", fieldErrors };
  }
  try {
    await changeOwnPassword(user.id, parsed.data, await getRequestContext());
  } catch (error) {
    if (error instanceof AppError) return { error: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
  // The change ended every session of this account, this one included: sign in again with the new password.
  try {
    await signIn("credentials", { email: user.email, password: parsed.data.newPassword, redirectTo: "/dashboard" });
  } catch (error) {
    if (error instanceof AuthError) redirect("/sign-in?passwordChanged=1");
    throw error;
  }
  return undefined;
}
