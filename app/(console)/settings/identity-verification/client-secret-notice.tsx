"use client";

import { CopyValue } from "@/app/(console)/settings/identity-verification/copy-value";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * Shows a client's freshly issued secret once, beside its client id. Only a hash is kept, so once this is
 * dismissed (or the page reloads) the secret can only be replaced, never shown again.
 */
export function ClientSecretNotice({ title, clientId, clientSecret, onDismiss }: { title: string; clientId: string; clientSecret: string; onDismiss: () => void }) {
  return (
    <div data-testid="idv-secret-notice">
      <Alert tone="success" title={title}>
        <p>Copy the client secret now and paste it into Okta: it is not shown again.</p>
        <dl className="mt-3 space-y-2">
          <div>
            <dt className="text-xs font-medium">Client ID</dt>
            <dd>
              <CopyValue value={clientId} label="client ID" testId="idv-issued-client-id" />
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium">Client secret</dt>
            <dd>
              <CopyValue value={clientSecret} label="client secret" testId="idv-client-secret" />
            </dd>
          </div>
        </dl>
        <div className="mt-3">
          <Button size="sm" variant="ghost" onClick={onDismiss}>
            I have copied it
          </Button>
        </div>
      </Alert>
    </div>
  );
}
