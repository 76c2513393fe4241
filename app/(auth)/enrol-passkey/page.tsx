import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { signOutAction } from "@/app/(console)/actions";
import { EnrolFirstPasskey } from "@/app/(auth)/enrol-passkey/enrol-first-passkey";
import { Alert } from "@/components/ui/alert";
import { getCurrentConsoleUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "Add a passkey" };

/** First sign-in of an account that must have a passkey: nothing else opens until one is added. */
export default async function EnrolPasskeyPage() {
  const user = await getCurrentConsoleUser();
  if (!user) redirect("/sign-in");
  if (user.mustChangePassword) redirect("/change-password");
  if (user.secondFactor !== "enrolment_needed") redirect("/second-factor");
  return (
    <>
      <h1 className="mb-1 text-lg font-semibold text-slate-900">Add a passkey</h1>
      <p className="mb-5 text-sm text-slate-500">Signed in as {user.email}</p>
      <div className="mb-5">
        <Alert tone="warning" title="Admins sign in with a passkey">
          Your password alone no longer opens the console. Create a passkey on this device (or a security key); you will use it at every sign-in.
        </Alert>
      </div>
      <EnrolFirstPasskey />
      <form action={signOutAction} className="mt-5 text-center">
        <button type="submit" className="text-sm font-medium text-slate-600 hover:underline">
          Sign out instead
        </button>
      </form>
    </>
  );
}
