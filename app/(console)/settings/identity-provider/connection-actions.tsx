"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteIamConnectionAction, restartEntraConsentAction } from "@/app/(console)/settings/identity-provider/actions";
import { useStepUp } from "@/components/console/step-up-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type ActionResult = { ok: true } | { ok: false; error: string; code: string };

/** Buttons acting on the saved connection; every one is checked again on the server. */
export function ConnectionActions({ connectionId, canRetryConsent, children }: { connectionId: string; canRetryConsent: boolean; children?: React.ReactNode }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const withStepUp = useStepUp();
  const run = (action: () => Promise<ActionResult>) =>
    startTransition(async () => {
      setError(undefined);
      const result = await withStepUp(action);
      if (!result.ok) setError(result.error);
      router.refresh();
    });

  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {children}
      <div className="flex flex-wrap gap-2 border-t border-slate-100 pt-3">
        {canRetryConsent ? (
          <Button
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                const result = await withStepUp(() => restartEntraConsentAction({}));
                if (result.ok) window.location.assign(result.data.consentUrl);
                else setError(result.error);
              })
            }
          >
            Grant admin consent
          </Button>
        ) : null}
        <Button
          variant="danger"
          disabled={pending}
          onClick={() => {
            if (window.confirm("Delete this connection, its synced employees and sync history? You can connect again afterwards.")) {
              run(() => deleteIamConnectionAction({ connectionId }));
            }
          }}
        >
          Delete connection
        </Button>
      </div>
    </div>
  );
}
