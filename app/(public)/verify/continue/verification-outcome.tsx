import type { ReactNode } from "react";
import type { VerificationPurpose, VerificationStatus } from "@/lib/db/generated/enums";

const NEXT_STEP: Record<VerificationPurpose, string> = {
  HELPDESK_CHECK: "Let the service desk agent know you are done: they can see the result now.",
  PASSWORD_RESET: "Reset your password below, or let the service desk agent do it for you.",
  MFA_RESET: "Reset your sign-in methods below, or let the service desk agent do it for you.",
  ACCOUNT_RECOVERY: "Choose what to do next.",
  IDP_VERIFICATION: "Go back to your sign-in page to finish: it now lets you continue.",
};

/** An IdP-requested verification ends back at the IdP, which then allows (or refuses) the recovery itself. */
function ReturnToSignIn() {
  return (
    <div className="rounded-lg bg-slate-50 px-4 py-4 text-sm text-slate-700 ring-1 ring-slate-200">
      <p>
        Started on this device?{" "}
        <a className="font-medium text-brand-700 hover:underline" href="/idv/return" data-testid="return-to-idp">
          Continue to your sign-in page
        </a>
      </p>
      <p className="mt-2 text-slate-500">Started on a computer? Go back to it: it moves on by itself.</p>
    </div>
  );
}

/**
 * The employee sees a plain outcome only: which claim failed, or what the directory holds, is for the
 * initiator (telling a caller "your birth date did not match" would help an impostor).
 */
export function VerificationOutcome({ status, purpose, bindingCode, children }: { status: VerificationStatus; purpose: VerificationPurpose; bindingCode: string | null; children?: ReactNode }) {
  if (status === "VERIFIED") {
    return (
      <section aria-labelledby="outcome-heading" className="space-y-3 text-center">
        <div aria-hidden className="mx-auto flex h-14 w-14 items-center justify-center rounded-full bg-emerald-100 text-2xl text-emerald-700">✓</div>
        <h1 id="outcome-heading" className="text-2xl font-semibold text-slate-900">You&apos;re verified</h1>
        {bindingCode ? (
          <div className="rounded-lg bg-slate-50 px-4 py-5 ring-1 ring-slate-200">
            <p className="text-sm text-slate-700">If you are on the phone with the service desk, read them this code:</p>
            <p className="mt-2 font-mono text-3xl font-semibold tracking-widest text-slate-900" data-testid="binding-code" aria-label={`Code ${bindingCode.split("").join(" ")}`}>
              {bindingCode}
            </p>
            <p className="mt-2 text-xs text-slate-500">Only give it to the agent you are talking to now. Nobody else needs it.</p>
          </div>
        ) : null}
        <p className="text-sm text-slate-600">{NEXT_STEP[purpose]}</p>
        {purpose === "IDP_VERIFICATION" ? <ReturnToSignIn /> : null}
        {children}
      </section>
    );
  }
  const title = status === "EXPIRED" ? "This verification has expired" : status === "CANCELLED" ? "This verification was cancelled" : "We couldn't verify your identity";
  return (
    <section aria-labelledby="outcome-heading" className="space-y-3 text-center">
      <div aria-hidden className="mx-auto flex h-14 w-14 items-center justify-center rounded-full bg-slate-100 text-2xl text-slate-600">!</div>
      <h1 id="outcome-heading" className="text-2xl font-semibold text-slate-900">{title}</h1>
      <p className="text-sm text-slate-600">Contact your IT service desk through a number or channel you already know. They can start a new verification.</p>
      {purpose === "IDP_VERIFICATION" ? <ReturnToSignIn /> : null}
    </section>
  );
}
