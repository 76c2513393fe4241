import type { Metadata } from "next";
import QRCode from "qrcode";
import { ReturnToIdp } from "@/app/(public)/idv/continue/return-to-idp";
import { readIdvCookie } from "@/app/idv/idv-cookie";
import { StartVerificationButton } from "@/app/(public)/verify/[token]/start-verification-button";
import { RefreshWhileOpen } from "@/components/refresh-while-open";
import { viewIdvTransaction } from "@/lib/idv/protocol/complete-idv-authorization";
import { verificationLinkUrl } from "@/lib/verification/requests/create-verification-request";

export const metadata: Metadata = { title: "Confirm it's you", referrer: "no-referrer", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

const time = new Intl.DateTimeFormat("en-GB", { timeStyle: "short", timeZone: "UTC" });
const DECIDED = ["VERIFIED", "FAILED", "EXPIRED", "CANCELLED"];

/**
 * Where the IdP's recovery page sends the employee: continue in this browser, or on a phone by its QR code. The
 * page follows the verification and, once it is decided, takes this browser back to the IdP (/idv/return).
 * Nothing on it depends on whether the IdP named someone we know.
 */
export default async function IdvContinuePage() {
  const view = await viewIdvTransaction(await readIdvCookie());
  if (!view || view.completed) {
    return (
      <section aria-labelledby="ended-heading" className="space-y-3">
        <h1 id="ended-heading" className="text-2xl font-semibold text-slate-900">This sign-in request has ended</h1>
        <p className="text-sm text-slate-600">Go back to your sign-in page and start again.</p>
      </section>
    );
  }
  if (DECIDED.includes(view.status)) return <ReturnToIdp clientName={view.clientName} />;
  const intro = (
    <div>
      <h1 className="text-2xl font-semibold text-slate-900">Confirm it&apos;s you</h1>
      <p className="mt-2 text-sm text-slate-600">
        {view.clientName} asks you to prove who you are before you reset your password or sign-in methods. You&apos;ll need your driver&apos;s licence, ID card or passport, and a camera. Valid until {time.format(view.expiresAt)} UTC.
      </p>
    </div>
  );
  if (!view.linkToken) {
    return (
      <section aria-labelledby="elsewhere-heading" className="space-y-4">
        {intro}
        <h2 id="elsewhere-heading" className="text-base font-semibold text-slate-900">Continuing on another device</h2>
        <p className="text-sm text-slate-600">Finish there. This page moves on by itself when you are done.</p>
        <RefreshWhileOpen intervalMs={3000} />
      </section>
    );
  }
  const svg = await QRCode.toString(verificationLinkUrl(view.linkToken), { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return (
    <div className="space-y-6">
      {intro}
      <section aria-labelledby="here-heading" className="space-y-3">
        <h2 id="here-heading" className="text-base font-semibold text-slate-900">On this device</h2>
        <p className="text-sm text-slate-600">If it has a camera, or you have a photo of your document here.</p>
        <StartVerificationButton token={view.linkToken} />
      </section>
      <RefreshWhileOpen intervalMs={3000} />
      <section aria-labelledby="phone-heading" className="space-y-3 border-t border-slate-100 pt-6">
        <h2 id="phone-heading" className="text-base font-semibold text-slate-900">On your phone</h2>
        <div className="flex items-center gap-4">
          <div className="h-36 w-36 shrink-0 rounded-md bg-white p-1 ring-1 ring-slate-200" role="img" aria-label="QR code to continue on your phone" dangerouslySetInnerHTML={{ __html: svg }} />
          <p className="text-sm text-slate-600">Scan this code with your phone&apos;s camera and continue there. It works once, for you only: don&apos;t share it. This page moves on when you are done.</p>
        </div>
      </section>
    </div>
  );
}
