import type { Metadata } from "next";
import Link from "next/link";
import { EndpointStatusBadge, formatDate } from "@/app/(console)/settings/webhooks/webhook-format";
import { WebhookEndpointForm } from "@/app/(console)/settings/webhooks/webhook-endpoint-form";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { requirePagePermission } from "@/lib/auth/guards";
import { roleHasPermission } from "@/lib/auth/permissions";
import { type WebhookEndpointListItem, listWebhookEndpoints } from "@/lib/webhooks/list-webhook-endpoints";
import { WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/webhook-schemas";

export const metadata: Metadata = { title: "Webhooks" };

function EndpointRow({ endpoint }: { endpoint: WebhookEndpointListItem }) {
  const events = WEBHOOK_EVENT_TYPES.filter((type) => endpoint.eventTypes.includes(type));
  return (
    <li className="space-y-2 py-4" data-testid="webhook-endpoint-row" data-endpoint-id={endpoint.id}>
      <div className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
        <Link href={`/settings/webhooks/${endpoint.id}`} className="text-brand-700 underline hover:text-brand-800" data-testid="webhook-endpoint-name">
          {endpoint.name}
        </Link>
        <span data-testid="webhook-endpoint-status">
          <EndpointStatusBadge enabled={endpoint.enabled} consecutiveFailures={endpoint.consecutiveFailures} />
        </span>
      </div>
      <p className="font-mono text-xs break-all text-slate-600" data-testid="webhook-endpoint-url">
        {endpoint.url}
      </p>
      <ul className="flex flex-wrap gap-1.5">
        {events.map((type) => (
          <li key={type}>
            <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">{type}</code>
          </li>
        ))}
      </ul>
      <p className="text-xs text-slate-500">
        {endpoint.enabled
          ? endpoint.consecutiveFailures > 0
            ? `${endpoint.consecutiveFailures} failed attempt${endpoint.consecutiveFailures === 1 ? "" : "s"} in a row${endpoint.failingSince ? ` since ${formatDate(endpoint.failingSince)}` : ""}.`
            : endpoint.lastSuccessAt
              ? `Last delivered ${formatDate(endpoint.lastSuccessAt)}.`
              : "Nothing delivered yet."
          : `Disabled${endpoint.disabledAt ? ` ${formatDate(endpoint.disabledAt)}` : ""}: ${endpoint.disabledReason ?? ""}`}
        {endpoint.createdBy ? ` Registered by ${endpoint.createdBy.email}.` : ""}
      </p>
    </li>
  );
}

export default async function WebhooksPage() {
  const user = await requirePagePermission("settings:view");
  // Reading needs settings:view; every change is a settings:manage action (checked again by each action).
  const canManage = roleHasPermission(user.role, "settings:manage");
  const endpoints = await listWebhookEndpoints();
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Tell a ticketing tool or chat bot the moment something happens: a verification is decided, a reset completes, fails or is refused, a directory sync fails. Each delivery is signed (Standard Webhooks), retried for about a day, and carries ids and outcomes, never the employee's personal data."
      />
      <div className="space-y-6">
        {canManage ? (
          <Card title="Register an endpoint" description="The signing secret is shown once. Verify every delivery with it, e.g. new Webhook(secret).verify(body, headers) from the standardwebhooks package.">
            <WebhookEndpointForm />
          </Card>
        ) : null}
        <Card title={`${endpoints.length} endpoint${endpoints.length === 1 ? "" : "s"}`}>
          {endpoints.length === 0 ? (
            <EmptyState title="No endpoints yet">Register one above for each system that should hear about events.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="webhook-endpoints">
              {endpoints.map((endpoint) => (
                <EndpointRow key={endpoint.id} endpoint={endpoint} />
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
