import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signOutAction } from "@/app/(console)/actions";
import { SecondFactorForm } from "@/app/(auth)/second-factor/second-factor-form";
import { getCurrentConsoleUser } from "@/lib/auth/current-user";
import { hasUsableTotp } from "@/lib/auth/second-factor-policy";
import { db } from "@/lib/db/prisma";

export const metadata: Metadata = { title: "Confirm sign-in" };

/** The sign-in's second step: a passkey assertion (or a TOTP code when allowed and set up). */
export default async function SecondFactorPage() {
  const user = await getCurrentConsoleUser();
  if (!user) redirect("/sign-in");
  if (user.mustChangePassword) redirect("/change-password");
  if (user.secondFactor === "enrolment_needed") redirect("/enrol-passkey");
  if (user.secondFactor !== "needed") redirect("/dashboard");
  const totp = await hasUsableTotp(db(), user.id);
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold text-slate-900">Confirm it is you</h1>
      <p className="mb-6 text-sm text-slate-500">Signed in as {user.email}. Use your passkey to open the console.</p>
      <SecondFactorForm totp={totp} />
      <form action={signOutAction} className="mt-6 text-center">
        <button type="submit" className="text-sm font-medium text-slate-600 hover:underline">
          Sign out instead
        </button>
      </form>
      <p className="mt-4 text-center text-xs text-slate-500">Lost your passkey? Ask another console administrator to reset it.</p>
    </>
  );
}
