"use client";

import { useState, useTransition } from "react";
import { removeTrustedIssuerAction } from "@/app/(console)/settings/trusted-issuers/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Remove, after a confirmation; checked again on the server (which also refuses the sandbox's root). */
export function RemoveTrustedIssuerButton({ id, commonName }: { id: string; commonName: string }) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const remove = () => {
    if (!window.confirm(`Remove ${commonName} from the trust list? Wallet IDs issued under it are refused from the next verification on.`)) return;
    startTransition(async () => {
      setError(undefined);
      const result = await removeTrustedIssuerAction({ id });
      if (!result.ok) setError(result.error);
    });
  };
  return (
    <div className="space-y-2">
      <Button size="sm" variant="danger" disabled={pending} onClick={remove} aria-label={`Remove ${commonName}`}>
        {pending ? "Removing…" : "Remove"}
      </Button>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
