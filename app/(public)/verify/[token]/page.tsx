import type { Metadata } from "next";
import { LinkUnavailable } from "@/app/(public)/verify/link-unavailable";
import { StartVerificationButton } from "@/app/(public)/verify/[token]/start-verification-button";
import { getRequestContext } from "@/lib/http/request-context";
import { inspectVerificationLink } from "@/lib/verification/requests/inspect-verification-link";
import { PURPOSE_LABELS } from "@/lib/verification/requests/verification-labels";

export const metadata: Metadata = { title: "Verify your identity", referrer: "no-referrer", robots: { index: false, follow: false } };

export default async function VerificationLinkPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await inspectVerificationLink(token, await getRequestContext());
  if (view.state !== "READY") return <LinkUnavailable reason={view.state} />;
  const expires = view.expiresAt.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return (
    <section aria-labelledby="verify-heading" className="space-y-6">
      <div>
        <h1 id="verify-heading" className="text-2xl font-semibold text-slate-900">
          Hi{view.employeeFirstName ? ` ${view.employeeFirstName}` : ""}, please verify your identity
        </h1>
        {view.purpose === "ACCOUNT_RECOVERY" ? (
          <p className="mt-2 text-sm text-slate-600">You started a self-service recovery. Prove who you are, then reset your password or sign-in methods yourself.</p>
        ) : view.purpose === "IDP_VERIFICATION" ? (
          <p className="mt-2 text-sm text-slate-600">Your sign-in page asked us to confirm who you are before you reset your password or sign-in methods there.</p>
        ) : (
          <p className="mt-2 text-sm text-slate-600">
            <strong className="font-medium text-slate-800">{view.requestedBy}</strong> asked you to confirm who you are before
            they continue with: <strong className="font-medium text-slate-800">{PURPOSE_LABELS[view.purpose]}</strong>.
          </p>
        )}
        {view.reasonNote ? (
          <blockquote className="mt-3 border-l-4 border-brand-200 pl-3 text-sm italic text-slate-700">{view.reasonNote}</blockquote>
        ) : null}
      </div>
      <div className="rounded-lg bg-slate-50 px-4 py-4 ring-1 ring-slate-200">
        <h2 className="text-sm font-semibold text-slate-800">What happens next</h2>
        <ol className="mt-2 list-decimal space-y-1.5 pl-5 text-sm text-slate-700">
          {view.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <p className="mt-3 text-xs text-slate-500">It takes about two minutes. The link works once and expires on {expires} UTC.</p>
      </div>
      <StartVerificationButton token={token} />
      <p className="text-xs text-slate-500">
        Didn&apos;t expect this? Don&apos;t continue, and tell your IT service desk through a number you already know.
      </p>
    </section>
  );
}
