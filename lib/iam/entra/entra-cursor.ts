import { z } from "zod";
import { ProviderError } from "@/lib/iam/identity-provider";

/** Where a full pass stands: Graph's own nextLink for the group's transitive members. */
const fullCursorSchema = z.object({ v: z.literal(1), phase: z.literal("members"), link: z.string().url() });
export type EntraFullCursor = z.infer<typeof fullCursorSchema>;

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

export function decodeFullCursor(cursor: string): EntraFullCursor {
  return decodeCursor(fullCursorSchema, cursor);
}
