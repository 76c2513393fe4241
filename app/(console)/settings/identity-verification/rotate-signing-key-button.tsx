"use client";

import { useState, useTransition } from "react";
import { rotateSigningKeyAction } from "@/app/(console)/settings/identity-verification/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Starts signing with a new key; the page (revalidated by the action) then lists the old one as retired. */
export function RotateSigningKeyButton() {
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string }>();
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-3">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() => {
          if (!window.confirm("Rotate the signing key? New ID tokens are signed with a new key; the current one stays published for a day so tokens already issued still verify.")) return;
          startTransition(async () => {
            const result = await rotateSigningKeyAction({});
            setMessage(result.ok ? { tone: "success", text: `Now signing with key ${result.data.kid}.` } : { tone: "error", text: result.error });
          });
        }}
      >
        {pending ? "Rotating…" : "Rotate signing key"}
      </Button>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </div>
  );
}
