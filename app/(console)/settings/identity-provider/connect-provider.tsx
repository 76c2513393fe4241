"use client";

import { useState } from "react";
import { EntraConnectionForm } from "@/app/(console)/settings/identity-provider/entra-connection-form";
import { OktaConnectionForm } from "@/app/(console)/settings/identity-provider/okta-connection-form";
import type { SandboxConnections } from "@/lib/connections/sandbox-offer";

/** Provider choice, then that provider's form. */
export function ConnectProvider({ redirectUri, sandbox }: { redirectUri: string; sandbox: SandboxConnections | null }) {
  const [provider, setProvider] = useState<"ENTRA" | "OKTA">("ENTRA");
  const tab = (value: "ENTRA" | "OKTA", label: string) => (
    <button
      type="button"
      role="tab"
      aria-selected={provider === value}
      onClick={() => setProvider(value)}
      className={`rounded-md px-4 py-2 text-sm font-medium ${provider === value ? "bg-brand-600 text-white" : "bg-white text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50"}`}
    >
      {label}
    </button>
  );
  return (
    <div className="space-y-6">
      <div role="tablist" aria-label="Identity provider" className="flex gap-2">
        {tab("ENTRA", "Microsoft Entra ID")}
        {tab("OKTA", "Okta")}
      </div>
      {provider === "ENTRA" ? (
        <EntraConnectionForm redirectUri={redirectUri} sandbox={sandbox?.entra ?? null} />
      ) : (
        <OktaConnectionForm sandbox={sandbox?.okta ?? null} />
      )}
    </div>
  );
}
