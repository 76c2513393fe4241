"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { startResetForCallerAction } from "@/app/(console)/helpdesk/actions";
import { useStepUp } from "@/components/console/step-up-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Action = "PASSWORD_RESET" | "MFA_RESET" | "ACCOUNT_UNLOCK";
const LABELS: Record<Action, string> = { PASSWORD_RESET: "Reset password", MFA_RESET: "Reset MFA", ACCOUNT_UNLOCK: "Unlock account" };

export function StartResetButtons({ requestId, actions }: { requestId: string; actions: Action[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const withStepUp = useStepUp();
  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        {actions.map((action) => (
          <Button
            key={action}
            variant="secondary"
            disabled={pending}
            onClick={() => {
              if (!window.confirm(`${LABELS[action]} for this employee now? The result is shown on their screen, never here.`)) return;
              setError(null);
              startTransition(async () => {
                const result = await withStepUp(() => startResetForCallerAction({ requestId, action }));
                if (!result.ok) setError(result.error);
                router.refresh();
              });
            }}
          >
            {LABELS[action]}
          </Button>
        ))}
      </div>
    </div>
  );
}
