import { Badge } from "@/components/ui/badge";

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });
export const formatDate = (date: Date) => `${dateFormat.format(date)} UTC`;

export function EndpointStatusBadge({ enabled, consecutiveFailures }: { enabled: boolean; consecutiveFailures: number }) {
  if (!enabled) return <Badge tone="danger">Disabled</Badge>;
  if (consecutiveFailures > 0) return <Badge tone="warning">Failing</Badge>;
  return <Badge tone="success">Enabled</Badge>;
}

export function DeliveryStatusBadge({ status, attempts }: { status: "PENDING" | "SUCCEEDED" | "FAILED"; attempts: number }) {
  if (status === "SUCCEEDED") return <Badge tone="success">Delivered</Badge>;
  if (status === "FAILED") return <Badge tone="danger">Failed</Badge>;
  return <Badge tone={attempts > 0 ? "warning" : "neutral"}>{attempts > 0 ? "Retrying" : "Queued"}</Badge>;
}
