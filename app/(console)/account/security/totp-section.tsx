"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { confirmTotpEnrolmentAction, disableTotpAction, startTotpEnrolmentAction } from "@/app/(console)/account/security/actions";
import { TotpCodeForm } from "@/components/auth/totp-code-form";
import { useStepUp } from "@/components/console/step-up-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** TOTP fallback: set up (QR code and secret shown once, confirmed by a first code) or remove. */
export function TotpSection({ enabled }: { enabled: boolean }) {
  const router = useRouter();
  const withStepUp = useStepUp();
  const [error, setError] = useState<string>();
  const [enrolment, setEnrolment] = useState<{ secret: string; qrDataUrl: string }>();
  const [pending, startTransition] = useTransition();
  const act = (call: () => Promise<{ ok: true } | { ok: false; error: string; code: string }>, after?: () => void) =>
    startTransition(async () => {
      setError(undefined);
      const result = await withStepUp(call);
      if (!result.ok) return setError(result.error);
      after?.();
      router.refresh();
    });

  if (enrolment) {
    return (
      <div className="max-w-sm space-y-4">
        <p className="text-sm text-slate-600">Scan this code with your authenticator app, or type the secret. It is shown only now.</p>
        {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made on the server, nothing to optimise */}
        <img src={enrolment.qrDataUrl} alt="TOTP QR code" width={200} height={200} />
        <p className="font-mono text-sm break-all text-slate-800" data-testid="totp-secret">{enrolment.secret}</p>
        <TotpCodeForm verify={(code) => withStepUp(() => confirmTotpEnrolmentAction({ code }))} onDone={() => { setEnrolment(undefined); router.refresh(); }} />
      </div>
    );
  }
  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {enabled ? (
        <Button variant="danger" disabled={pending} onClick={() => act(() => disableTotpAction(undefined))}>
          Remove authenticator app
        </Button>
      ) : (
        <Button
          variant="secondary"
          disabled={pending}
          onClick={() =>
            startTransition(async () => {
              setError(undefined);
              const result = await withStepUp(() => startTotpEnrolmentAction(undefined));
              if (result.ok) setEnrolment(result.data);
              else setError(result.error);
            })
          }
        >
          Set up an authenticator app
        </Button>
      )}
    </div>
  );
}
