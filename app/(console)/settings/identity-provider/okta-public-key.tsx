"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** The public JWK the admin pastes into Okta, with a copy button. */
export function OktaPublicKey({ kid, jwk, status }: { kid: string; jwk: string; status: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-2" data-testid="okta-public-key">
      <div className="flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-800">
          Key <code className="rounded bg-slate-100 px-1 text-xs">{kid}</code> <span className="text-xs text-slate-500">({status})</span>
        </p>
        <Button size="sm" variant="secondary" onClick={() => void navigator.clipboard?.writeText(jwk).then(() => setCopied(true))}>
          {copied ? "Copied" : "Copy public key"}
        </Button>
      </div>
      <pre className="max-h-40 overflow-auto rounded-md bg-slate-900 p-3 text-xs break-all whitespace-pre-wrap text-slate-100">{jwk}</pre>
    </div>
  );
}
