"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { deleteWebhookEndpointAction, disableWebhookEndpointAction, enableWebhookEndpointAction, rotateWebhookSecretAction, sendTestWebhookAction } from "@/app/(console)/settings/webhooks/actions";
import { WebhookSecretNotice } from "@/app/(console)/settings/webhooks/webhook-secret-notice";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

/** Send test event, rotate the secret, disable/enable, delete; each checked again on the server. */
export function EndpointActions({ endpoint }: { endpoint: { id: string; name: string; enabled: boolean } }) {
  const router = useRouter();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [secret, setSecret] = useState<{ value: string; previousValidUntil: Date | null }>();
  const [overlap, setOverlap] = useState<"24h" | "none">("24h");
  const [pending, startTransition] = useTransition();
  const input = { id: endpoint.id };

  const run = (work: () => Promise<{ ok: true; message?: string } | { ok: false; error: string }>) =>
    startTransition(async () => {
      setError(undefined);
      setNotice(undefined);
      const result = await work();
      if (result.ok) setNotice(result.message);
      else setError(result.error);
    });

  const sendTest = () =>
    run(async () => {
      const result = await sendTestWebhookAction(input);
      return result.ok ? { ok: true, message: `Test event ${result.data.messageId} queued: it appears below once sent.` } : result;
    });
  const rotate = () => {
    const when = overlap === "24h" ? "The old secret keeps signing beside it for 24 hours: update the receiver within that time." : "The old secret stops working at once: deliveries fail until the receiver has the new one.";
    if (!window.confirm(`Replace the signing secret of ${endpoint.name}? ${when}`)) return;
    run(async () => {
      const result = await rotateWebhookSecretAction({ ...input, overlap });
      if (result.ok) setSecret({ value: result.data.secret, previousValidUntil: result.data.previousValidUntil });
      return result.ok ? { ok: true } : result;
    });
  };
  const toggle = () => {
    if (endpoint.enabled && !window.confirm(`Disable ${endpoint.name}? Nothing is sent to it until it is enabled again; queued deliveries end as failed (you can replay them).`)) return;
    run(async () => {
      const result = endpoint.enabled ? await disableWebhookEndpointAction(input) : await enableWebhookEndpointAction(input);
      return result.ok ? { ok: true, message: endpoint.enabled ? "Disabled." : "Enabled: new events are sent to it again." } : result;
    });
  };
  const remove = () => {
    if (!window.confirm(`Delete ${endpoint.name} with its delivery history? This cannot be undone.`)) return;
    run(async () => {
      const result = await deleteWebhookEndpointAction(input);
      if (result.ok) router.push("/settings/webhooks");
      return result.ok ? { ok: true } : result;
    });
  };

  return (
    <div className="space-y-3">
      {secret ? (
        <WebhookSecretNotice
          title={secret.previousValidUntil ? "New signing secret (the old one works for 24 more hours)" : "New signing secret (the old one no longer works)"}
          secret={secret.value}
          onDismiss={() => setSecret(undefined)}
        />
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button size="sm" disabled={pending || !endpoint.enabled} onClick={sendTest}>
          Send test event
        </Button>
        <span className="inline-flex items-center gap-1">
          <Button size="sm" variant="secondary" disabled={pending} onClick={rotate}>
            Rotate secret
          </Button>
          <label className="sr-only" htmlFor={`overlap-${endpoint.id}`}>
            Old secret stays valid
          </label>
          <select id={`overlap-${endpoint.id}`} className="rounded-md border-0 bg-white py-1 pr-7 pl-2 text-xs text-slate-800 ring-1 ring-slate-300 ring-inset" value={overlap} onChange={(event) => setOverlap(event.target.value === "none" ? "none" : "24h")}>
            <option value="24h">old one valid 24 h</option>
            <option value="none">old one stops now</option>
          </select>
        </span>
        <Button size="sm" variant="secondary" disabled={pending} onClick={toggle}>
          {endpoint.enabled ? "Disable" : "Enable"}
        </Button>
        <Button size="sm" variant="danger" disabled={pending} onClick={remove}>
          Delete
        </Button>
      </div>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
