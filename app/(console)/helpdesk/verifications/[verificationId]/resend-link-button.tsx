"use client";

import { useState, useTransition } from "react";
import { resendVerificationLinkAction } from "@/app/(console)/helpdesk/actions";
import { Button } from "@/components/ui/button";

export function ResendLinkButton({ id, channel }: { id: string; channel: "EMAIL" | "SMS" }) {
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <span className="inline-flex items-center gap-2">
      <Button
        variant="secondary"
        size="sm"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await resendVerificationLinkAction({ id });
            setMessage(result.ok ? `Sent again by ${channel === "SMS" ? "text message" : "e-mail"}.` : result.error);
          })
        }
      >
        Send again
      </Button>
      {message ? <span role="status" className="text-xs text-slate-600">{message}</span> : null}
    </span>
  );
}
