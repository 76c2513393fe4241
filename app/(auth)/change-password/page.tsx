import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { signOutAction } from "@/app/(console)/actions";
import { ChangePasswordForm } from "@/app/(auth)/change-password/change-password-form";
import { Alert } from "@/components/ui/alert";
import { getCurrentConsoleUser } from "@/lib/auth/current-user";
import { secondFactorSatisfied } from "@/lib/auth/resolve-console-session";

export const metadata: Metadata = { title: "Change password" };

export default async function ChangePasswordPage() {
  const user = await getCurrentConsoleUser();
  if (!user) redirect("/sign-in");
  if (!user.mustChangePassword && !secondFactorSatisfied(user)) redirect("/second-factor");
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold text-slate-900">Change your password</h1>
      <p className="mb-5 text-sm text-slate-500">Signed in as {user.email}</p>
      {user.mustChangePassword ? (
        <div className="mb-5">
          <Alert tone="warning" title="Choose a new password to continue">
            You signed in with a one-time password. Pick one only you know before using the console.
          </Alert>
        </div>
      ) : null}
      <ChangePasswordForm />
      {!user.mustChangePassword ? (
        <p className="mt-5 text-center text-sm">
          <Link href="/dashboard" className="font-medium text-brand-700 hover:underline">
            Back to the console
          </Link>
        </p>
      ) : (
        <form action={signOutAction} className="mt-5 text-center">
          <button type="submit" className="text-sm font-medium text-slate-600 hover:underline">
            Sign out instead
          </button>
        </form>
      )}
    </>
  );
}
