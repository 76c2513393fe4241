"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** A value to paste somewhere else (Okta's form), in monospace with a copy button. */
export function CopyValue({ value, label, testId }: { value: string; label: string; testId?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="flex min-w-0 items-center gap-2">
      <code data-testid={testId} className="min-w-0 rounded bg-slate-100 px-2 py-1 font-mono text-xs break-all text-slate-900">
        {value}
      </code>
      <Button
        size="sm"
        variant="secondary"
        aria-label={`Copy ${label}`}
        onClick={() => {
          void navigator.clipboard?.writeText(value).then(() => setCopied(true));
        }}
      >
        {copied ? "Copied" : "Copy"}
      </Button>
    </div>
  );
}
