import { randomBytes, randomUUID } from "node:crypto";
import { z } from "zod";

/** What Okta keeps: events older than this are not returned (a query reaching further back still succeeds). */
export const LOG_RETENTION_MS = 90 * 86_400_000;
/** `since` further back than this is refused (400 E0000053). */
export const LOG_MAX_SINCE_AGE_MS = 180 * 86_400_000;
/** The sandbox keeps at most this many events (oldest dropped first), so a long dev session stays bounded. */
const MAX_EVENTS = 50_000;

export type LogActor = { id: string; type: string; alternateId: string | null; displayName: string | null };
export type LogTarget = { id: string; type: string; alternateId: string | null; displayName: string | null };

/** A LogEvent as `GET /api/v1/logs` returns it (developer.okta.com System Log API, LogEvent object). */
export type LogEvent = {
  uuid: string;
  published: string;
  eventType: string;
  version: "0";
  severity: "INFO" | "WARN";
  legacyEventType: string | null;
  displayMessage: string;
  actor: LogActor & { detailEntry: null };
  client: { userAgent: { rawUserAgent: string; os: string; browser: string }; zone: string; device: string; id: string | null; ipAddress: string; geographicalContext: null };
  authenticationContext: { authenticationProvider: null; credentialProvider: null; credentialType: null; issuer: null; interface: null; authenticationStep: 0; externalSessionId: string };
  outcome: { result: "SUCCESS" | "FAILURE"; reason: string | null };
  target: Array<LogTarget & { detailEntry: null }>;
  transaction: { type: "WEB" | "JOB"; id: string; detail: Record<string, never> };
  debugContext: { debugData: { requestUri: string } };
  securityContext: { asNumber: null; asOrg: null; isp: null; domain: null; isProxy: null };
  request: { ipChain: Array<{ ip: string; geographicalContext: null; version: "V4"; source: null }> };
};

export type NewLogEvent = {
  eventType: string;
  displayMessage: string;
  actor: LogActor;
  targets: LogTarget[];
  outcome?: "SUCCESS" | "FAILURE";
  requestUri?: string;
};

type Entry = { event: LogEvent; publishedMs: number; sequence: number };

/** Position of an event in the log's order (published, then arrival); what an `after` token encodes. */
export type LogPosition = { publishedMs: number; sequence: number };
const positionSchema = z.object({ p: z.number().int(), s: z.number().int().min(0) });

export function encodeLogPosition(position: LogPosition): string {
  return Buffer.from(JSON.stringify({ p: position.publishedMs, s: position.sequence })).toString("base64url");
}

export function decodeLogPosition(token: string): LogPosition | undefined {
  try {
    const parsed = positionSchema.safeParse(JSON.parse(Buffer.from(token, "base64url").toString("utf8")));
    return parsed.success ? { publishedMs: parsed.data.p, sequence: parsed.data.s } : undefined;
  } catch {
    return undefined;
  }
}

const comparePositions = (a: LogPosition, b: LogPosition) => a.publishedMs - b.publishedMs || a.sequence - b.sequence;

/** Knobs of the log, set through `PUT /_sandbox/system-log`. */
export const systemLogConfigSchema = z.strictObject({
  /**
   * Events recorded from now on carry a `published` time this many seconds in the past: they reach the log after a
   * reader may already have read past that time (Okta: "events may be delayed"). 0 = on time.
   */
  lateBySeconds: z.number().int().min(0).max(86_400).default(0),
  /** The next N `GET /api/v1/logs` calls answer 429 E0000047 with the rate-limit headers. */
  throttleNext: z.number().int().min(0).max(100).default(0),
});
export type SystemLogConfig = z.infer<typeof systemLogConfigSchema>;

/**
 * The org's System Log: an append-only list kept in (published, arrival) order. Events are inserted where their
 * `published` time puts them, so a late event lands before events that were read already, as a delayed event does
 * in Okta's index.
 */
export class SystemLog {
  private entries: Entry[] = [];
  private sequence = 0;
  config: SystemLogConfig = systemLogConfigSchema.parse({});

  reset(): void {
    this.entries = [];
    this.sequence = 0;
    this.config = systemLogConfigSchema.parse({});
  }

  configure(config: SystemLogConfig): SystemLogConfig {
    this.config = config;
    return config;
  }

  /** Consumes one of the `throttleNext` answers, if any is left. */
  takeThrottle(): boolean {
    if (this.config.throttleNext <= 0) return false;
    this.config = { ...this.config, throttleNext: this.config.throttleNext - 1 };
    return true;
  }

  append(input: NewLogEvent, nowMs = Date.now()): LogEvent {
    const publishedMs = nowMs - this.config.lateBySeconds * 1000;
    this.sequence += 1;
    const actor = { ...input.actor, detailEntry: null };
    const event: LogEvent = {
      uuid: randomUUID(),
      published: new Date(publishedMs).toISOString(),
      eventType: input.eventType,
      version: "0",
      severity: input.outcome === "FAILURE" ? "WARN" : "INFO",
      legacyEventType: null,
      displayMessage: input.displayMessage,
      actor,
      client: { userAgent: { rawUserAgent: "okta-sandbox", os: "Unknown", browser: "UNKNOWN" }, zone: "null", device: "Unknown", id: null, ipAddress: "127.0.0.1", geographicalContext: null },
      authenticationContext: { authenticationProvider: null, credentialProvider: null, credentialType: null, issuer: null, interface: null, authenticationStep: 0, externalSessionId: "unknown" },
      outcome: { result: input.outcome ?? "SUCCESS", reason: null },
      target: input.targets.map((target) => ({ ...target, detailEntry: null })),
      transaction: { type: "WEB", id: randomBytes(18).toString("base64url"), detail: {} },
      debugContext: { debugData: { requestUri: input.requestUri ?? "/api/v1" } },
      securityContext: { asNumber: null, asOrg: null, isp: null, domain: null, isProxy: null },
      request: { ipChain: [{ ip: "127.0.0.1", geographicalContext: null, version: "V4", source: null }] },
    };
    const entry = { event, publishedMs, sequence: this.sequence };
    let index = this.entries.length;
    while (index > 0 && comparePositions(this.entries[index - 1] ?? entry, entry) > 0) index -= 1;
    this.entries.splice(index, 0, entry);
    if (this.entries.length > MAX_EVENTS) this.entries.splice(0, this.entries.length - MAX_EVENTS);
    return event;
  }

  /**
   * Up to `limit` events strictly after `after` (or from `sinceMs` on) and before `untilMs`, in `order`, that
   * `matches` accepts, and whether more such events exist at the moment. Events older than the retention are
   * never returned.
   */
  read(query: { sinceMs: number; untilMs: number | null; after: LogPosition | null; limit: number; order: "ASCENDING" | "DESCENDING"; matches: (event: LogEvent) => boolean; nowMs: number }): { events: Array<{ event: LogEvent; position: LogPosition }>; more: boolean } {
    const floor = Math.max(query.sinceMs, query.nowMs - LOG_RETENTION_MS);
    const inRange = (entry: Entry) => entry.publishedMs >= floor && (query.untilMs === null || entry.publishedMs < query.untilMs);
    const afterCursor = (entry: Entry) => {
      if (query.after === null) return true;
      const order = comparePositions(entry, query.after);
      return query.order === "ASCENDING" ? order > 0 : order < 0;
    };
    const ordered = query.order === "ASCENDING" ? this.entries : [...this.entries].reverse();
    const events: Array<{ event: LogEvent; position: LogPosition }> = [];
    for (const entry of ordered) {
      if (!inRange(entry) || !afterCursor(entry) || !query.matches(entry.event)) continue;
      if (events.length === query.limit) return { events, more: true };
      events.push({ event: entry.event, position: { publishedMs: entry.publishedMs, sequence: entry.sequence } });
    }
    return { events, more: false };
  }

  /** Every event, oldest first (tests and the admin API). */
  all(): LogEvent[] {
    return this.entries.map((entry) => entry.event);
  }
}
