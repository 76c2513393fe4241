import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { EndpointActions } from "@/app/(console)/settings/webhooks/endpoint-actions";
import { RefreshWhilePending } from "@/app/(console)/settings/webhooks/refresh-while-pending";
import { ReplayButton } from "@/app/(console)/settings/webhooks/replay-button";
import { DeliveryStatusBadge, EndpointStatusBadge, formatDate } from "@/app/(console)/settings/webhooks/webhook-format";
import { WebhookEndpointForm } from "@/app/(console)/settings/webhooks/webhook-endpoint-form";
import { Alert } from "@/components/ui/alert";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/guards";
import { roleHasPermission } from "@/lib/auth/permissions";
import { getWebhookEndpoint, RECENT_DELIVERIES, type WebhookDeliveryItem } from "@/lib/webhooks/get-webhook-endpoint";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/webhook-schemas";

export const metadata: Metadata = { title: "Webhook endpoint" };

function DeliveryRow({ delivery, canReplay }: { delivery: WebhookDeliveryItem; canReplay: boolean }) {
  return (
    <li className="space-y-2 py-4" data-testid="webhook-delivery" data-message-id={delivery.messageId}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700" data-testid="webhook-delivery-type">
          {delivery.eventType}
        </code>
        <span data-testid="webhook-delivery-status">
          <DeliveryStatusBadge status={delivery.status} attempts={delivery.attempts} />
        </span>
        <span className="font-mono text-xs text-slate-500">{delivery.messageId}</span>
        <span className="text-xs text-slate-500">{formatDate(delivery.createdAt)}</span>
        {delivery.status !== "PENDING" && canReplay ? <ReplayButton deliveryId={delivery.id} /> : null}
      </div>
      {delivery.status === "FAILED" && delivery.lastError && delivery.lastError !== delivery.attemptLog[0]?.error ? <p className="text-xs text-red-700">{delivery.lastError}</p> : null}
      {delivery.status === "PENDING" && delivery.attempts > 0 && delivery.nextAttemptAt ? <p className="text-xs text-slate-600">Next attempt {formatDate(delivery.nextAttemptAt)}.</p> : null}
      {delivery.attemptLog.length > 0 ? (
        <table className="w-full text-left text-xs" data-testid="webhook-attempts">
          <thead className="text-slate-500">
            <tr>
              <th className="py-1 pr-4 font-medium">Attempt</th>
              <th className="py-1 pr-4 font-medium">Answer</th>
              <th className="py-1 pr-4 font-medium">Took</th>
              <th className="py-1 font-medium">Error</th>
            </tr>
          </thead>
          <tbody className="text-slate-800">
            {delivery.attemptLog.map((attempt) => (
              <tr key={attempt.id} data-testid="webhook-attempt" className="border-t border-slate-100 align-top">
                <td className="py-1 pr-4 whitespace-nowrap">{formatDate(attempt.startedAt)}</td>
                <td className={`py-1 pr-4 font-mono ${attempt.succeeded ? "text-emerald-700" : "text-red-700"}`} data-testid="webhook-attempt-status">
                  {attempt.statusCode ?? "no answer"}
                </td>
                <td className="py-1 pr-4 whitespace-nowrap">{attempt.durationMs} ms</td>
                <td className="py-1 break-all">{attempt.error ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="text-xs text-slate-500">Not attempted yet.</p>
      )}
    </li>
  );
}

export default async function WebhookEndpointPage({ params }: { params: Promise<{ endpointId: string }> }) {
  const user = await requirePagePermission("settings:view");
  const canManage = roleHasPermission(user.role, "settings:manage");
  const id = z.uuid().safeParse((await params).endpointId);
  if (!id.success) notFound();
  const endpoint = await getWebhookEndpoint(id.data);
  if (!endpoint) notFound();
  const eventTypes = WEBHOOK_EVENT_TYPES.filter((type) => endpoint.eventTypes.includes(type));
  const pending = endpoint.deliveries.some((delivery) => delivery.status === "PENDING");

  return (
    <>
      <RefreshWhilePending pending={pending} />
      <PageHeader
        title={endpoint.name}
        description={
          <span className="inline-flex flex-wrap items-center gap-2">
            <EndpointStatusBadge enabled={endpoint.enabled} consecutiveFailures={endpoint.consecutiveFailures} />
            <span className="font-mono text-xs break-all">{endpoint.url}</span>
            <Link href="/settings/webhooks" className="text-xs text-brand-700 underline">
              All endpoints
            </Link>
          </span>
        }
      />
      <div className="space-y-6">
        {!endpoint.enabled ? (
          <Alert tone="warning" title={`Disabled${endpoint.disabledAt ? ` ${formatDate(endpoint.disabledAt)}` : ""}`}>
            {endpoint.disabledReason ?? "Nothing is sent to it."} Enable it to send new events again; replay the deliveries it missed.
          </Alert>
        ) : endpoint.consecutiveFailures > 0 ? (
          <Alert tone="warning" title={`${endpoint.consecutiveFailures} failed attempt${endpoint.consecutiveFailures === 1 ? "" : "s"} in a row`}>
            An endpoint that fails every attempt for 24 hours is disabled, and the admins are e-mailed.
          </Alert>
        ) : null}
        {canManage ? (
          <Card title="Actions" description={endpoint.secretRotatedAt ? `Secret last rotated ${formatDate(endpoint.secretRotatedAt)}.${endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > new Date() ? ` The previous secret also signs until ${formatDate(endpoint.previousSecretExpiresAt)}.` : ""}` : undefined}>
            <EndpointActions endpoint={{ id: endpoint.id, name: endpoint.name, enabled: endpoint.enabled }} />
          </Card>
        ) : null}
        <Card title={`Recent deliveries (last ${RECENT_DELIVERIES})`} description="Retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h; each attempt keeps its message id.">
          {endpoint.deliveries.length === 0 ? (
            <EmptyState title="No deliveries yet">Send a test event to check the receiver.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="webhook-deliveries">
              {endpoint.deliveries.map((delivery) => (
                <DeliveryRow key={delivery.id} delivery={delivery} canReplay={canManage && endpoint.enabled} />
              ))}
            </ul>
          )}
        </Card>
        {canManage ? (
          <Card title="Settings">
            <WebhookEndpointForm endpoint={{ id: endpoint.id, name: endpoint.name, url: endpoint.url, eventTypes }} />
          </Card>
        ) : null}
      </div>
    </>
  );
}
