"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Shows a freshly issued one-time password once, with a copy button; it is not retrievable later. */
export function OneTimePasswordNotice({ email, password, onDismiss }: { email: string; password: string; onDismiss: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <Alert tone="success" title={`One-time password for ${email}`}>
      <p>Give it to them over a trusted channel. It is shown only now; they must replace it at first sign-in.</p>
      <div className="mt-3 flex flex-wrap items-center gap-2">
        <code data-testid="one-time-password" className="rounded bg-white px-2 py-1 font-mono text-sm text-slate-900 ring-1 ring-emerald-200">
          {password}
        </code>
        <Button
          size="sm"
          variant="secondary"
          onClick={() => {
            void navigator.clipboard?.writeText(password).then(() => setCopied(true));
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          Done
        </Button>
      </div>
    </Alert>
  );
}
