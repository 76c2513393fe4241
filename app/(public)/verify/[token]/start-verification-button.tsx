"use client";

import { useState, useTransition } from "react";
import { startVerificationAction } from "@/app/(public)/verify/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

export function StartVerificationButton({ token }: { token: string }) {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button
        className="w-full py-3 text-base"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await startVerificationAction(token);
            if (result && !result.ok) setError(result.error);
          })
        }
      >
        {pending ? "Starting…" : "Start verification"}
      </Button>
    </div>
  );
}
