import { FRAME_EARLY_MS, FRAME_LATE_MS } from "@/lib/verification/face/face-challenge";

export type FrameTiming = { ok: true } | { ok: false; reason: "out_of_order" | "early" | "late" };

/**
 * Whether frame `index` may be accepted now, measured on the server's clock from the issue time: frames come
 * in order, one each, none before its scheduled time (a prepared sequence uploaded fast), none after its window
 * (time to synthesise a move offline).
 */
export function checkFrameTiming(input: { issuedAt: Date; schedule: readonly number[]; index: number; framesReceived: number; receivedAt: Date }): FrameTiming {
  const due = input.schedule[input.index];
  if (due === undefined || input.index !== input.framesReceived) return { ok: false, reason: "out_of_order" };
  const elapsed = input.receivedAt.getTime() - input.issuedAt.getTime();
  if (elapsed < due - FRAME_EARLY_MS) return { ok: false, reason: "early" };
  if (elapsed > due + FRAME_LATE_MS) return { ok: false, reason: "late" };
  return { ok: true };
}
