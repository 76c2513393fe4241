import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import type { OutboxMessageSummary } from "@/lib/notifications";
import { describeOutboxDelivery } from "@/lib/notifications/describe-outbox-delivery";
import { CHANNEL_LABELS, outboxDateFormat, STATUS_BADGES } from "@/app/(console)/outbox/outbox-labels";

// prefetch={false}: opening a message records an audit event, so only a real click may render it.
function MessageLink({ message }: { message: OutboxMessageSummary }) {
  return (
    <Link href={`/outbox/${message.id}`} prefetch={false} className="font-medium break-words text-brand-700 hover:underline">
      {message.subject ?? "Text message"}
    </Link>
  );
}

/** Message envelopes (never bodies): a table on wide screens, stacked entries on phones. Times are UTC. */
export function OutboxMessageTable({ messages }: { messages: OutboxMessageSummary[] }) {
  return (
    <>
      <ul className="divide-y divide-slate-100 md:hidden">
        {messages.map((message) => (
          <li key={message.id} className="py-3 text-sm" data-testid="outbox-item">
            <div className="flex items-baseline justify-between gap-2">
              <MessageLink message={message} />
              <Badge tone={STATUS_BADGES[message.status].tone}>{STATUS_BADGES[message.status].label}</Badge>
            </div>
            <p className="mt-1 break-all text-slate-700">
              {CHANNEL_LABELS[message.channel]} to {message.recipient}
            </p>
            <p className="text-xs text-slate-500">{outboxDateFormat.format(message.createdAt)}</p>
            {describeOutboxDelivery(message) ? <p className="text-xs text-slate-500">{describeOutboxDelivery(message)}</p> : null}
          </li>
        ))}
      </ul>
      <table className="hidden w-full table-fixed divide-y divide-slate-200 text-sm md:table">
        <thead>
          <tr className="text-left text-xs font-semibold uppercase tracking-wide text-slate-500">
            <th scope="col" className="w-28 py-2 pr-4">Channel</th>
            <th scope="col" className="w-1/4 py-2 pr-4">Recipient</th>
            <th scope="col" className="py-2 pr-4">Subject</th>
            <th scope="col" className="w-28 py-2 pr-4">Status</th>
            <th scope="col" className="w-44 py-2 pr-4">Created (UTC)</th>
            <th scope="col" className="w-44 py-2">Sent (UTC)</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {messages.map((message) => (
            <tr key={message.id} className="align-top" data-testid="outbox-row">
              <td className="py-2 pr-4 text-slate-700">{CHANNEL_LABELS[message.channel]}</td>
              <td className="py-2 pr-4 break-words text-slate-900">{message.recipient}</td>
              <td className="py-2 pr-4">
                <MessageLink message={message} />
                {message.error ? <span className="block text-xs text-red-700">{message.error}</span> : null}
                {describeOutboxDelivery(message) ? <span className="block text-xs text-slate-500" data-testid="outbox-delivery">{describeOutboxDelivery(message)}</span> : null}
              </td>
              <td className="py-2 pr-4">
                <Badge tone={STATUS_BADGES[message.status].tone}>{STATUS_BADGES[message.status].label}</Badge>
              </td>
              <td className="py-2 pr-4 text-slate-500">{outboxDateFormat.format(message.createdAt)}</td>
              <td className="py-2 text-slate-500">{message.sentAt ? outboxDateFormat.format(message.sentAt) : "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
