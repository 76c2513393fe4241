import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CHANNEL_LABELS, outboxDateFormat, STATUS_BADGES } from "@/app/(console)/outbox/outbox-labels";
import { LinkedText } from "@/app/(console)/outbox/linked-text";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, PageHeader } from "@/components/ui/card";
import { consoleUserActor } from "@/lib/audit/record-audit-event";
import { requirePagePermission } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { getRequestContext } from "@/lib/http/request-context";
import { type OutboxMessageDetail, readOutboxMessage } from "@/lib/notifications";
import { describeOutboxDelivery } from "@/lib/notifications/describe-outbox-delivery";

export const metadata: Metadata = { title: "Outbox message" };

async function readOrNotFound(user: { id: string; email: string }, id: string): Promise<OutboxMessageDetail> {
  try {
    return await readOutboxMessage(consoleUserActor(user), id, await getRequestContext());
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}

function Envelope({ message }: { message: OutboxMessageDetail }) {
  const rows: Array<[string, string]> = [
    ["Channel", CHANNEL_LABELS[message.channel]],
    ["To", message.recipient],
    ["Created", `${outboxDateFormat.format(message.createdAt)} UTC`],
    ["Sent", message.sentAt ? `${outboxDateFormat.format(message.sentAt)} UTC` : "—"],
    ["Belongs to", message.relatedType ? `${message.relatedType.replaceAll("_", " ")} ${message.relatedId ?? ""}` : "—"],
  ];
  return (
    <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt className="text-xs text-slate-500">{label}</dt>
          <dd className="text-sm break-all text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export default async function OutboxMessagePage({ params }: { params: Promise<{ messageId: string }> }) {
  const user = await requirePagePermission("outbox:view");
  const message = await readOrNotFound(user, (await params).messageId);
  const status = STATUS_BADGES[message.status];
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/outbox" className="font-medium text-brand-700 hover:underline">← Outbox</Link>
      </p>
      <PageHeader title={message.subject ?? "Text message"} description={`To ${message.recipient}`} actions={<Badge tone={status.tone}>{status.label}</Badge>} />
      <div className="space-y-6">
        {message.error ? (
          <Alert tone="error" title="The last delivery attempt failed">
            {message.error} {describeOutboxDelivery(message)}
          </Alert>
        ) : null}
        <Card title="Envelope">
          <Envelope message={message} />
        </Card>
        {message.body ? (
          <>
            <Alert tone="warning">
              Links and codes in this message are live: opening a link here acts as the recipient. Your reading it is in the
              audit log.
            </Alert>
            <Card title="Text" description={message.channel === "EMAIL" ? "The plain-text version of the e-mail." : undefined}>
              <pre className="text-sm whitespace-pre-wrap break-words text-slate-900" data-testid="outbox-text-body">
                <LinkedText text={message.body.text} />
              </pre>
            </Card>
            {message.body.html ? (
              <Card title="HTML" description="As a mail client shows it (sandboxed: no scripts, no forms, no navigation).">
                {/* sandbox="" gives the e-mail an opaque origin with nothing enabled; srcDoc needs no network fetch. */}
                <iframe sandbox="" srcDoc={message.body.html} title="HTML version of the e-mail" className="h-[36rem] w-full rounded-md ring-1 ring-slate-200" />
              </Card>
            ) : null}
          </>
        ) : (
          <Card title="Body">
            <p className="text-sm text-slate-500">Not kept: bodies are deleted once a message has been handed to the mail server or SMS gateway.</p>
          </Card>
        )}
      </div>
    </>
  );
}
