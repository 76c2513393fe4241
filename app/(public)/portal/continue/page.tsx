import type { Metadata } from "next";
import Link from "next/link";
import QRCode from "qrcode";
import { readPortalCookie } from "@/app/(public)/portal/portal-cookie";
import { RefreshWhileOpen } from "@/components/refresh-while-open";
import { StartVerificationButton } from "@/app/(public)/verify/[token]/start-verification-button";
import { verificationLinkUrl } from "@/lib/verification/requests/create-verification-request";
import { inspectVerificationLink } from "@/lib/verification/requests/inspect-verification-link";
import { getRequestContext } from "@/lib/http/request-context";

export const metadata: Metadata = { title: "Continue", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

const time = new Intl.DateTimeFormat("en-GB", { timeStyle: "short", timeZone: "UTC" });

/**
 * The same page whatever address was typed: continue in this browser, or scan the code to continue on a phone
 * (where the camera is). Nothing here depends on whether the address belongs to anyone.
 */
export default async function PortalContinuePage() {
  const token = await readPortalCookie();
  const view = token ? await inspectVerificationLink(token, await getRequestContext()) : null;
  if (!token || !view || view.state !== "READY") {
    const used = view?.state === "USED";
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold text-slate-900">{used ? "Continued on another device" : "This session has ended"}</h1>
        <p className="text-sm text-slate-600">{used ? "Finish on the device where you continued." : "Self-service sessions last 30 minutes."}</p>
        <Link href="/portal" className="text-sm font-medium text-brand-700 hover:underline">Start again</Link>
      </div>
    );
  }
  const link = verificationLinkUrl(token);
  const svg = await QRCode.toString(link, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Prove it&apos;s you</h1>
        <p className="mt-2 text-sm text-slate-600">
          If this address belongs to someone in your organisation, you can now prove it is you. You&apos;ll need your driver&apos;s licence, ID card or passport. Valid until {time.format(view.expiresAt)} UTC.
        </p>
      </div>
      <section aria-labelledby="here-heading" className="space-y-3">
        <h2 id="here-heading" className="text-base font-semibold text-slate-900">On this device</h2>
        <p className="text-sm text-slate-600">If it has a camera, or you have a photo of your document here.</p>
        <StartVerificationButton token={token} />
      </section>
      {/* Follows the phone: once the link is started there, this page says so instead of offering it again. */}
      <RefreshWhileOpen intervalMs={5000} />
      <section aria-labelledby="phone-heading" className="space-y-3 border-t border-slate-100 pt-6">
        <h2 id="phone-heading" className="text-base font-semibold text-slate-900">On your phone</h2>
        <div className="flex items-center gap-4">
          <div className="h-36 w-36 shrink-0 rounded-md bg-white p-1 ring-1 ring-slate-200" role="img" aria-label="QR code to continue on your phone" dangerouslySetInnerHTML={{ __html: svg }} />
          <p className="text-sm text-slate-600">Scan this code with your phone&apos;s camera and continue there. The code works once, for you only: don&apos;t share it.</p>
        </div>
      </section>
    </div>
  );
}
