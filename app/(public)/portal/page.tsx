import type { Metadata } from "next";

export const metadata: Metadata = { title: "Self-service" };

export default function PortalPage() {
  return (
    <>
      <h1 className="text-xl font-semibold text-slate-900">Reset your password or MFA</h1>
      <p className="mt-2 text-sm text-slate-600">
        Prove who you are with your identity document, then choose a new password or set up your sign-in methods again.
      </p>
      <div className="mt-6 rounded-lg bg-slate-50 px-4 py-5 text-sm text-slate-600 ring-1 ring-slate-200">
        Self-service is not available yet for your organisation. Please contact your IT helpdesk.
      </div>
    </>
  );
}
