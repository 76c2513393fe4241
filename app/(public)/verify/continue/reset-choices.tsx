"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { startResetAction } from "@/app/(public)/verify/reset-actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Choice = { action: "PASSWORD_RESET" | "MFA_RESET" | "ACCOUNT_UNLOCK"; label: string; hint: string };

/** The actions the verified employee may take now; each runs once per verification. */
export function ResetChoices({ choices }: { choices: Choice[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function choose(action: Choice["action"]) {
    setError(null);
    startTransition(async () => {
      const result = await startResetAction(action);
      if (!result.ok) setError(result.error);
      router.refresh();
    });
  }
  return (
    <div className="space-y-2">
      {error ? <Alert tone="error">{error}</Alert> : null}
      {choices.map((choice) => (
        <Button key={choice.action} variant="secondary" className="w-full flex-col items-start py-3 text-left" disabled={pending} onClick={() => choose(choice.action)}>
          <span className="text-base">{choice.label}</span>
          <span className="text-xs font-normal text-slate-500">{choice.hint}</span>
        </Button>
      ))}
    </div>
  );
}
