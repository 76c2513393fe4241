"use client";

import { useEffect } from "react";

/**
 * Takes this browser back to the IdP once the verification is decided. A full navigation, not a client-side
 * one: /idv/return is a route handler that answers with a redirect to another origin.
 */
export function ReturnToIdp({ clientName }: { clientName: string }) {
  useEffect(() => {
    window.location.replace("/idv/return");
  }, []);
  return (
    <section aria-labelledby="return-heading" className="space-y-3">
      <h1 id="return-heading" className="text-2xl font-semibold text-slate-900">Taking you back to {clientName}…</h1>
      <p className="text-sm text-slate-600">
        If nothing happens, <a className="font-medium text-brand-700 hover:underline" href="/idv/return">continue to {clientName}</a>.
      </p>
    </section>
  );
}
