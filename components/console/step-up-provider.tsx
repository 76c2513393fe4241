"use client";

import { createContext, type ReactNode, useCallback, useContext, useRef, useState } from "react";
import { finishStepUpAction, startStepUpAction, verifyStepUpTotpAction } from "@/app/(console)/step-up-actions";
import { PasskeyAssertionButton } from "@/components/auth/passkey-assertion-button";
import { TotpCodeForm } from "@/components/auth/totp-code-form";
import { Button } from "@/components/ui/button";

type Outcome = { ok: boolean; code?: string };
type WithStepUp = <R extends Outcome>(call: () => Promise<R>) => Promise<R>;

const StepUpContext = createContext<WithStepUp>((call) => call());

/**
 * `withStepUp(call)`: runs a server action; when it answers `step_up_required`, asks for the passkey (or a TOTP
 * code) in a dialog and runs the action once more. The server decides; this only makes the retry smooth.
 */
export function useStepUp(): WithStepUp {
  return useContext(StepUpContext);
}

export function StepUpProvider({ totp, children }: { totp: boolean; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const [showTotp, setShowTotp] = useState(false);
  const settle = useRef<(proved: boolean) => void>(undefined);

  const withStepUp = useCallback<WithStepUp>(async (call) => {
    const first = await call();
    if (first.ok || first.code !== "step_up_required") return first;
    const proved = await new Promise<boolean>((resolve) => {
      settle.current = resolve;
      setShowTotp(false);
      setOpen(true);
    });
    setOpen(false);
    return proved ? call() : first;
  }, []);

  const close = (proved: boolean) => settle.current?.(proved);

  return (
    <StepUpContext.Provider value={withStepUp}>
      {children}
      {open ? (
        <div className="fixed inset-0 z-50 flex items-center justify-center bg-slate-900/40 px-4">
          <div role="dialog" aria-modal="true" aria-labelledby="step-up-title" className="w-full max-w-sm space-y-4 rounded-lg bg-white p-6 shadow-lg ring-1 ring-slate-200">
            <h2 id="step-up-title" className="text-base font-semibold text-slate-900">
              Confirm it is you
            </h2>
            <p className="text-sm text-slate-600">This change needs a fresh confirmation with your passkey.</p>
            <PasskeyAssertionButton autoStart start={() => startStepUpAction(undefined)} finish={finishStepUpAction} onDone={() => close(true)} label="Confirm with passkey" />
            {totp && !showTotp ? (
              <button type="button" className="w-full text-center text-sm font-medium text-brand-700 hover:underline" onClick={() => setShowTotp(true)}>
                Use an authenticator code instead
              </button>
            ) : null}
            {totp && showTotp ? <TotpCodeForm verify={(code) => verifyStepUpTotpAction({ code })} onDone={() => close(true)} /> : null}
            <Button variant="ghost" className="w-full" onClick={() => close(false)}>
              Cancel
            </Button>
          </div>
        </div>
      ) : null}
    </StepUpContext.Provider>
  );
}
