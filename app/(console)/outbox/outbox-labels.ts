import type { BadgeTone } from "@/components/ui/badge";
import type { OutboxChannel, OutboxStatus } from "@/lib/db/generated/enums";

export const CHANNEL_LABELS: Record<OutboxChannel, string> = { EMAIL: "E-mail", SMS: "Text message" };

export const STATUS_BADGES: Record<OutboxStatus, { label: string; tone: BadgeTone }> = {
  STORED: { label: "Kept here", tone: "brand" },
  SENT: { label: "Sent", tone: "success" },
  FAILED: { label: "Failed", tone: "danger" },
};

export const outboxDateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
