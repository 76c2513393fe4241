import { describe, expect, it } from "vitest";
import { checkFrameTiming } from "@/lib/verification/face/check-frame-timing";
import { challengeDeadline, drawFaceChallenge, FACE_MOVES, FRAME_LATE_MS } from "@/lib/verification/face/face-challenge";

describe("drawFaceChallenge", () => {
  it("draws 2-3 distinct moves, always a turn and COME_CLOSER, and a schedule with one frame more, steps at least 2.2 s apart", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const { moves, schedule } = drawFaceChallenge();
      expect(moves.length).toBeGreaterThanOrEqual(2);
      expect(moves.length).toBeLessThanOrEqual(3);
      expect(new Set(moves).size).toBe(moves.length);
      for (const move of moves) expect(FACE_MOVES).toContain(move);
      expect(schedule).toHaveLength(moves.length + 1);
      for (let step = 1; step < schedule.length; step++) expect(schedule[step]! - schedule[step - 1]!).toBeGreaterThanOrEqual(2200);
      // A print can fake "come closer", never a turn: every challenge has one. The closer frame is matched with the portrait.
      expect(moves.some((move) => move !== "COME_CLOSER")).toBe(true);
      expect(moves).toContain("COME_CLOSER");
      seen.add(moves.join(","));
    }
    // Random order as well as random choice: a prepared video of one sequence fits few challenges.
    // All six sequences: L-C, C-L, R-C, C-R, L-C-R, R-C-L.
    expect(seen.size).toBe(6);
  });

  it("never puts opposite turns back to back when a third move can separate them", () => {
    for (let i = 0; i < 300; i++) {
      const { moves } = drawFaceChallenge();
      if (moves.length === 3) expect([moves[0], moves[1]].sort()).not.toEqual(["TURN_LEFT", "TURN_RIGHT"]);
    }
  });
});

describe("checkFrameTiming", () => {
  const issuedAt = new Date("2026-12-07T01:00:00.000Z");
  const schedule = [2500, 5000, 7600];
  const at = (ms: number) => new Date(issuedAt.getTime() + ms);

  it("accepts each frame in order inside its window", () => {
    expect(checkFrameTiming({ issuedAt, schedule, index: 0, framesReceived: 0, receivedAt: at(2700) })).toEqual({ ok: true });
    expect(checkFrameTiming({ issuedAt, schedule, index: 2, framesReceived: 2, receivedAt: at(7600 + FRAME_LATE_MS) })).toEqual({ ok: true });
  });

  it("refuses early (a prepared sequence sent fast), late, out of order and unknown frames", () => {
    expect(checkFrameTiming({ issuedAt, schedule, index: 0, framesReceived: 0, receivedAt: at(100) })).toEqual({ ok: false, reason: "early" });
    expect(checkFrameTiming({ issuedAt, schedule, index: 1, framesReceived: 1, receivedAt: at(4000) })).toEqual({ ok: false, reason: "early" });
    expect(checkFrameTiming({ issuedAt, schedule, index: 1, framesReceived: 1, receivedAt: at(5000 + FRAME_LATE_MS + 1) })).toEqual({ ok: false, reason: "late" });
    expect(checkFrameTiming({ issuedAt, schedule, index: 2, framesReceived: 1, receivedAt: at(7700) })).toEqual({ ok: false, reason: "out_of_order" });
    expect(checkFrameTiming({ issuedAt, schedule, index: 3, framesReceived: 3, receivedAt: at(9000) })).toEqual({ ok: false, reason: "out_of_order" });
  });

  it("the attempt is over once the last frame's window has closed", () => {
    expect(challengeDeadline(issuedAt, schedule)).toEqual(at(7600 + FRAME_LATE_MS));
  });
});
