/**
 * An event that starts durable jobs. `id`: the event's own id. Inngest drops a second event with an id it saw in
 * the last 24 hours, and the embedded runner starts no second run of a function for an id it holds a run of;
 * give one wherever a duplicate would do harm (e.g. `credential-reset:<reset id>`).
 */
export type JobEvent = { id?: string; name: string; data: Record<string, unknown> };
