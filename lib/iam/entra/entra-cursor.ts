import { z } from "zod";
import { ProviderError } from "@/lib/iam/identity-provider";

const link = z.string().url();

/**
 * Where a full pass stands. Before the first member page it takes the users and groups delta links with
 * `$deltatoken=latest` (Graph pins such a link to the moment it is issued, so anything that changes while we list
 * the members is replayed by the next delta run), then lists the group's transitive members. The init phases are
 * what earlier versions stored while walking both delta collections; such a cursor restarts the pass. `pass` names
 * the pass (the adapter's role map is read once per pass; absent in cursors of earlier versions).
 */
export const fullCursorSchema = z.discriminatedUnion("phase", [
  z.object({ v: z.literal(1), phase: z.literal("users-init"), link }),
  z.object({ v: z.literal(1), phase: z.literal("groups-init"), link: link.nullable(), usersDelta: link }),
  z.object({ v: z.literal(1), phase: z.literal("members"), link: link.nullable(), usersDelta: link, groupsDelta: link, pass: z.string().max(64).optional() }),
]);
export type EntraFullCursor = z.infer<typeof fullCursorSchema>;

/** The delta link handed to the sync job: both Graph delta links, together. */
export const deltaLinkSchema = z.object({ v: z.literal(1), usersDelta: link, groupsDelta: link });

/**
 * Where a delta run stands: follow the groups delta, then the users delta, collecting candidate ids; then (only
 * if anything changed) confirm which candidates are members, emitting the changed members and reporting removed
 * candidates that are not: up to TARGETED_CHECK_LIMIT candidates one by one ("check", `offset` candidates done),
 * more by scanning the transitive members once ("verify").
 */
export const deltaCursorSchema = z.object({
  v: z.literal(1),
  phase: z.enum(["groups", "users", "check", "verify"]),
  offset: z.number().int().min(0).optional(),
  link: link.nullable(),
  changed: z.array(z.string()),
  removed: z.array(z.string()),
  seenRemoved: z.array(z.string()),
  nextUsersDelta: link.nullable(),
  nextGroupsDelta: link.nullable(),
  /** Names the run, for the adapter's once-per-pass role map (absent in cursors of earlier versions). */
  pass: z.string().max(64).optional(),
});
export type EntraDeltaCursor = z.infer<typeof deltaCursorSchema>;

/** Cursors are base64url JSON: opaque to the sync job, checked with zod when they come back. */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString("base64url");
}

export function decodeCursor<Schema extends z.ZodType>(schema: Schema, cursor: string): z.output<Schema> {
  try {
    return schema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
  } catch {
    throw new ProviderError("The stored sync position is not readable: start a full sync.", { retryable: false, problem: "unknown" });
  }
}
