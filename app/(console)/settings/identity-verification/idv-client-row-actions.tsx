"use client";

import { useState, useTransition } from "react";
import { revokeIdvClientAction, rotateIdvClientSecretAction } from "@/app/(console)/settings/identity-verification/actions";
import { ClientSecretNotice } from "@/app/(console)/settings/identity-verification/client-secret-notice";
import { EditIdvClientForm } from "@/app/(console)/settings/identity-verification/edit-idv-client-form";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ClaimName } from "@/lib/verification/claims";

type Client = { id: string; name: string; redirectUris: string[]; allowedClaims: ClaimName[] };

/** Edit, replace the secret, revoke: for an active client only. Each is checked again on the server. */
export function IdvClientRowActions({ client }: { client: Client }) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string>();
  const [issued, setIssued] = useState<{ clientId: string; clientSecret: string }>();
  const [pending, startTransition] = useTransition();

  const replaceSecret = () => {
    if (!window.confirm(`Replace the secret of ${client.name}? The current secret stops working at once: Okta fails until you paste the new one.`)) return;
    startTransition(async () => {
      setError(undefined);
      const result = await rotateIdvClientSecretAction({ id: client.id });
      if (result.ok) setIssued({ clientId: result.data.clientId, clientSecret: result.data.clientSecret });
      else setError(result.error);
    });
  };

  const revoke = () => {
    if (!window.confirm(`Revoke ${client.name}? Okta can no longer verify anyone through it, verifications under way are cancelled, and it cannot be re-enabled.`)) return;
    startTransition(async () => {
      setError(undefined);
      setIssued(undefined);
      const result = await revokeIdvClientAction({ id: client.id });
      if (!result.ok) setError(result.error);
    });
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button size="sm" variant="secondary" disabled={pending} aria-expanded={editing} onClick={() => setEditing((open) => !open)}>
          Edit
        </Button>
        <Button size="sm" variant="secondary" disabled={pending} onClick={replaceSecret}>
          Replace secret
        </Button>
        <Button size="sm" variant="danger" disabled={pending} onClick={revoke}>
          Revoke
        </Button>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {issued ? <ClientSecretNotice title={`New secret for ${client.name}`} clientId={issued.clientId} clientSecret={issued.clientSecret} onDismiss={() => setIssued(undefined)} /> : null}
      {editing ? <EditIdvClientForm client={client} onDone={() => setEditing(false)} /> : null}
    </div>
  );
}
