import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/app/(auth)/sign-in/sign-in-form";
import { getCurrentConsoleUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (await getCurrentConsoleUser()) redirect("/dashboard");
  const params = await searchParams;
  const notice = params.signedOut
    ? "You have signed out."
    : params.passwordChanged
      ? "Your password was changed. Sign in with the new one."
      : undefined;
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold text-slate-900">Sign in to the console</h1>
      <p className="mb-6 text-sm text-slate-500">For administrators and helpdesk agents.</p>
      <SignInForm notice={notice} />
      <p className="mt-6 text-center text-xs text-slate-500">
        Forgot your password? Ask a console administrator to issue you a new one-time password.
      </p>
    </>
  );
}
