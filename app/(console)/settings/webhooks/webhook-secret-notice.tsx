"use client";

import { CopyValue } from "@/app/(console)/settings/identity-verification/copy-value";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/**
 * A signing secret, shown this once (at creation or rotation). It is stored sealed for signing only: once this is
 * dismissed or the page reloads, it cannot be shown again (rotate to get a new one).
 */
export function WebhookSecretNotice({ title, secret, onDismiss }: { title: string; secret: string; onDismiss: () => void }) {
  return (
    <div data-testid="webhook-secret-notice">
      <Alert tone="success" title={title}>
        <p>
          Give this signing secret to the receiver now, to verify each delivery&apos;s <code className="font-mono text-xs">webhook-signature</code> header:{" "}
          <strong>it will not be shown again</strong>.
        </p>
        <div className="mt-3">
          <CopyValue value={secret} label="signing secret" testId="webhook-secret-value" />
        </div>
        <div className="mt-3">
          <Button size="sm" variant="ghost" onClick={onDismiss}>
            I have stored it
          </Button>
        </div>
      </Alert>
    </div>
  );
}
