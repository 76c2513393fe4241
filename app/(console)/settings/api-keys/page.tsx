import type { Metadata } from "next";
import type { ReactNode } from "react";
import { ApiKeyRowActions } from "@/app/(console)/settings/api-keys/api-key-row-actions";
import { CreateApiKeyForm } from "@/app/(console)/settings/api-keys/create-api-key-form";
import { CopyValue } from "@/app/(console)/settings/identity-verification/copy-value";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { API_KEY_SCOPE_LABELS, API_KEY_SCOPES } from "@/lib/api-keys/api-key-schemas";
import { type ApiKeyListItem, listApiKeys } from "@/lib/api-keys/list-api-keys";
import { requirePagePermission } from "@/lib/auth/guards";
import { getServerEnv } from "@/lib/config/server-env";

export const metadata: Metadata = { title: "API keys" };

const OPENAPI_PATH = "/api/v1/openapi.json";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
const formatDate = (date: Date) => `${dateFormat.format(date)} UTC`;

type Status = "active" | "expired" | "revoked";

function statusOf(key: ApiKeyListItem, now: Date): Status {
  if (key.revokedAt) return "revoked";
  return key.expiresAt && key.expiresAt <= now ? "expired" : "active";
}

function StatusBadge({ status }: { status: Status }) {
  if (status === "revoked") return <Badge tone="danger">Revoked</Badge>;
  if (status === "expired") return <Badge tone="warning">Expired</Badge>;
  return <Badge tone="success">Active</Badge>;
}

function Detail({ label, testId, children, mono = false }: { label: string; testId: string; children: ReactNode; mono?: boolean }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={mono ? "font-mono text-xs break-all text-slate-900" : "text-slate-900"} data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function ApiKeyRow({ apiKey, now }: { apiKey: ApiKeyListItem; now: Date }) {
  const status = statusOf(apiKey, now);
  const scopes = API_KEY_SCOPES.filter((scope) => apiKey.scopes.includes(scope));
  return (
    <li className="space-y-3 py-4" data-testid="api-key-row" data-key-id={apiKey.id} data-prefix={apiKey.prefix}>
      <div className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
        <span data-testid="api-key-name">{apiKey.name}</span>
        <span data-testid="api-key-status">
          <StatusBadge status={status} />
        </span>
      </div>
      <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
        <Detail label="Key" testId="api-key-prefix" mono>
          {apiKey.prefix}…
        </Detail>
        <Detail label="Rate limit" testId="api-key-rate-limit">
          {apiKey.rateLimitPerMinute} requests per minute
        </Detail>
        <Detail label="Last used" testId="api-key-last-used">
          {apiKey.lastUsedAt ? formatDate(apiKey.lastUsedAt) : "Never used"}
        </Detail>
        <Detail label="Created" testId="api-key-created">
          {formatDate(apiKey.createdAt)}
          {apiKey.createdBy ? <span className="block text-xs break-all text-slate-500">by {apiKey.createdBy.email}</span> : null}
        </Detail>
        <Detail label={status === "expired" ? "Expired" : "Expires"} testId="api-key-expires">
          {apiKey.expiresAt ? formatDate(apiKey.expiresAt) : "Never"}
        </Detail>
        {apiKey.revokedAt ? (
          <Detail label="Revoked" testId="api-key-revoked">
            {formatDate(apiKey.revokedAt)}
            {apiKey.revokedBy ? <span className="block text-xs break-all text-slate-500">by {apiKey.revokedBy.email}</span> : null}
          </Detail>
        ) : null}
        <div className="sm:col-span-2 lg:col-span-3">
          <dt className="text-xs text-slate-500">Scopes</dt>
          <dd>
            <ul className="flex flex-wrap gap-x-4 gap-y-1 text-slate-900" data-testid="api-key-scopes">
              {scopes.map((scope) => (
                <li key={scope} className="flex items-center gap-1.5">
                  {API_KEY_SCOPE_LABELS[scope]}
                  <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-600">{scope}</code>
                </li>
              ))}
            </ul>
          </dd>
        </div>
      </dl>
      {status === "active" ? <ApiKeyRowActions apiKey={{ id: apiKey.id, name: apiKey.name }} /> : null}
    </li>
  );
}

export default async function ApiKeysPage() {
  await requirePagePermission("settings:manage");
  const keys = await listApiKeys();
  const now = new Date();
  const appUrl = getServerEnv().APP_URL;
  const apiBaseUrl = `${appUrl}/api/v1`;
  const active = keys.filter((key) => statusOf(key, now) === "active").length;

  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys for the tools that call verifyd's REST API: a ticketing tool such as ServiceNow or Zendesk starting a verification from a ticket, a chat bot looking up its result. Each key holds only the scopes you give it, and every call is in the audit log under its name."
      />
      <div className="space-y-6">
        <Card title="Calling the API">
          <div className="max-w-3xl space-y-3 text-sm text-slate-600">
            <p>
              Send the key in the <code className="font-mono text-xs text-slate-900">Authorization: Bearer vfd_…</code> header. Errors come back as{" "}
              <code className="font-mono text-xs text-slate-900">application/problem+json</code> (RFC 9457). The{" "}
              <a href={OPENAPI_PATH} className="font-medium text-brand-700 underline hover:text-brand-800" data-testid="openapi-link">
                OpenAPI document
              </a>{" "}
              describes every operation, the scope it needs and what it answers; import it into your tool or an API client.
            </p>
          </div>
          <dl className="mt-4 grid grid-cols-1 gap-3 sm:grid-cols-[10rem_1fr] sm:items-center">
            <dt className="text-sm font-medium text-slate-800">Base URL</dt>
            <dd className="min-w-0">
              <CopyValue value={apiBaseUrl} label="base URL" testId="api-base-url" />
            </dd>
            <dt className="text-sm font-medium text-slate-800">OpenAPI document</dt>
            <dd className="min-w-0">
              <CopyValue value={`${appUrl}${OPENAPI_PATH}`} label="OpenAPI document URL" testId="api-openapi-url" />
            </dd>
          </dl>
        </Card>

        <Card title="Create a key" description="One per integration, so each can be revoked on its own. The key is shown once.">
          <CreateApiKeyForm apiBaseUrl={apiBaseUrl} />
        </Card>

        <Card title={`${keys.length} key${keys.length === 1 ? "" : "s"}`} description={keys.length > 0 ? `${active} active` : undefined}>
          {keys.length === 0 ? (
            <EmptyState title="No keys yet">Create one above for each tool that should call the API.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="api-keys">
              {keys.map((key) => (
                <ApiKeyRow key={key.id} apiKey={key} now={now} />
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
