import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { OutboxMessageTable } from "@/app/(console)/outbox/outbox-message-table";
import { TransportBanner } from "@/app/(console)/outbox/transport-banner";
import { buttonClasses } from "@/components/ui/button";
import { KeysetPager } from "@/components/ui/keyset-pager";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { requirePagePermission } from "@/lib/auth/guards";
import { readSearchParams } from "@/lib/http/read-search-params";
import { configuredChannels, listOutboxMessages } from "@/lib/notifications";

export const metadata: Metadata = { title: "Outbox" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const outboxQuerySchema = z.object({
  channel: z.enum(["EMAIL", "SMS"]).optional().catch(undefined),
  cursor: z.string().max(200).optional().catch(undefined),
});

export default async function OutboxPage({ searchParams }: { searchParams: SearchParams }) {
  await requirePagePermission("outbox:view");
  // Control characters are dropped before the cursor is decoded (a NUL must never reach a query).
  const { values: raw } = readSearchParams(await searchParams);
  const query = outboxQuerySchema.parse({ channel: raw.channel, cursor: raw.cursor });
  const { messages, nextCursor } = await listOutboxMessages({ ...query, limit: 50 });

  const channelQuery = new URLSearchParams(query.channel ? { channel: query.channel } : {});
  const olderQuery = new URLSearchParams(channelQuery);
  if (nextCursor) olderQuery.set("cursor", nextCursor);

  return (
    <>
      <PageHeader title="Outbox" description="Every e-mail and text message verifyd sends, newest first. Times are in UTC." />
      <div className="space-y-6">
        <TransportBanner {...configuredChannels()} />
        <Card>
          <form method="get" className="flex flex-wrap items-end gap-4">
            <div className="w-56">
              <Field label="Channel" htmlFor="channel">
                <Select id="channel" name="channel" defaultValue={query.channel ?? ""}>
                  <option value="">All channels</option>
                  <option value="EMAIL">E-mail</option>
                  <option value="SMS">Text message</option>
                </Select>
              </Field>
            </div>
            <div className="flex gap-2">
              <button type="submit" className={buttonClasses("primary")}>
                Filter
              </button>
              <Link href="/outbox" className={buttonClasses("ghost")}>
                Clear
              </Link>
            </div>
          </form>
        </Card>
        {messages.length === 0 ? (
          <EmptyState title={query.channel || query.cursor ? "No messages match this filter" : "No messages yet"}>
            Verification links and one-time codes appear here as soon as verifyd sends them.
          </EmptyState>
        ) : (
          <Card>
            <OutboxMessageTable messages={messages} />
            <KeysetPager newestHref={query.cursor ? `/outbox?${channelQuery}` : null} olderHref={nextCursor ? `/outbox?${olderQuery}` : null} noun="messages" />
          </Card>
        )}
      </div>
    </>
  );
}
