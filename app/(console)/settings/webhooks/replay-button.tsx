"use client";

import { useState, useTransition } from "react";
import { replayWebhookDeliveryAction } from "@/app/(console)/settings/webhooks/actions";
import { Button } from "@/components/ui/button";

/** Sends a finished delivery again, same message id and body. */
export function ReplayButton({ deliveryId }: { deliveryId: string }) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const replay = () =>
    startTransition(async () => {
      setError(undefined);
      const result = await replayWebhookDeliveryAction({ id: deliveryId });
      if (!result.ok) setError(result.error);
    });
  return (
    <span className="inline-flex items-center gap-2">
      <Button size="sm" variant="secondary" disabled={pending} onClick={replay}>
        {pending ? "Replaying…" : "Replay"}
      </Button>
      {error ? (
        <span role="alert" className="text-xs text-red-700">
          {error}
        </span>
      ) : null}
    </span>
  );
}
