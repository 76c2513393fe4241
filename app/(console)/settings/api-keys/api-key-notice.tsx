"use client";

import { CopyValue } from "@/app/(console)/settings/identity-verification/copy-value";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ApiKeyScope } from "@/lib/api-keys/api-key-schemas";

export type IssuedKey = { name: string; key: string; scopes: ApiKeyScope[]; expiresAt: Date | null };

/** A first call the key is allowed to make, to paste into a terminal. */
function curlExample({ key, scopes }: IssuedKey, apiBaseUrl: string): string {
  const auth = `-H "Authorization: Bearer ${key}"`;
  if (scopes.includes("directory:search")) return `curl ${auth} "${apiBaseUrl}/employees?q=smith"`;
  if (scopes.includes("verifications:read")) return `curl ${auth} "${apiBaseUrl}/verifications?ticket=INC0012345"`;
  const post = (path: string, body: object) => `curl -X POST ${auth} -H "Content-Type: application/json" -d '${JSON.stringify(body)}' "${apiBaseUrl}${path}"`;
  if (scopes.includes("verifications:create")) return post("/verifications", { employeeId: "<employee id>", purpose: "HELPDESK_CHECK", channel: "LINK", ticket: "INC0012345" });
  return post("/verifications/<verification id>/resets", { action: "PASSWORD_RESET" });
}

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/**
 * A freshly created key, shown this once with a call to try it. Only its hash is kept, so once this is dismissed
 * (or the page reloads) the key cannot be shown again: the integration then needs a new key.
 */
export function ApiKeyNotice({ issued, apiBaseUrl, onDismiss }: { issued: IssuedKey; apiBaseUrl: string; onDismiss: () => void }) {
  const curl = curlExample(issued, apiBaseUrl);
  return (
    <div data-testid="api-key-notice">
      <Alert tone="success" title={`${issued.name} is created`}>
        <p>
          Store the key now, in your integration&apos;s secret store: <strong>it will not be shown again</strong>.{" "}
          {issued.expiresAt ? `It stops working on ${dateFormat.format(issued.expiresAt)} UTC.` : "It never expires: revoke it when the integration is retired."}
        </p>
        <dl className="mt-3 space-y-2">
          <div>
            <dt className="text-xs font-medium">API key</dt>
            <dd>
              <CopyValue value={issued.key} label="API key" testId="api-key-value" />
            </dd>
          </div>
          <div>
            <dt className="text-xs font-medium">Try it</dt>
            <dd>
              <CopyValue value={curl} label="curl example" testId="api-key-curl" />
            </dd>
          </div>
        </dl>
        <div className="mt-3">
          <Button size="sm" variant="ghost" onClick={onDismiss}>
            I have stored it
          </Button>
        </div>
      </Alert>
    </div>
  );
}
