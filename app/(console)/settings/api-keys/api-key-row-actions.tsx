"use client";

import { useState, useTransition } from "react";
import { revokeApiKeyAction } from "@/app/(console)/settings/api-keys/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Revokes an active key after a confirmation; checked again on the server. */
export function ApiKeyRowActions({ apiKey }: { apiKey: { id: string; name: string } }) {
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

  const revoke = () => {
    if (!window.confirm(`Revoke ${apiKey.name}? Every call with this key is refused from now on, and it cannot be re-enabled: the integration needs a new key.`)) return;
    startTransition(async () => {
      setError(undefined);
      const result = await revokeApiKeyAction({ id: apiKey.id });
      if (!result.ok) setError(result.error);
    });
  };

  return (
    <div className="space-y-3">
      <Button size="sm" variant="danger" disabled={pending} onClick={revoke}>
        {pending ? "Revoking…" : "Revoke"}
      </Button>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
