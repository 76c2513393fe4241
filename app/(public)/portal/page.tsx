import type { Metadata } from "next";
import { AddressForm } from "@/app/(public)/portal/address-form";
import { isSelfServiceAvailable } from "@/lib/self-service/is-self-service-available";

export const metadata: Metadata = { title: "Self-service", robots: { index: false, follow: false } };
export const dynamic = "force-dynamic";

export default async function PortalPage() {
  const available = await isSelfServiceAvailable();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">Reset your password or MFA</h1>
        <p className="mt-2 text-sm text-slate-600">
          Locked out, forgot your password, or lost the phone you sign in with? Prove who you are with your identity document, then reset it yourself.
        </p>
      </div>
      {available ? (
        <>
          <ol className="space-y-1 text-sm text-slate-700">
            <li>1. Enter your work e-mail address or username.</li>
            <li>2. Take a photo of your driver&apos;s licence, ID card or passport (on this device or your phone).</li>
            <li>3. Confirm a few details and a code we text to the mobile phone your employer has on record.</li>
          </ol>
          <AddressForm />
        </>
      ) : (
        <div className="rounded-lg bg-slate-50 px-4 py-5 text-sm text-slate-600 ring-1 ring-slate-200">
          Self-service is not available for your organisation. Please contact your IT service desk.
        </div>
      )}
    </div>
  );
}
