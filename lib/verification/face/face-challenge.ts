import { randomInt } from "node:crypto";
import { z } from "zod";

/**
 * Moves the server can check from what the face engine measures: yaw from the head pose (TURN_LEFT/RIGHT), and
 * the face box growing against the first frame (COME_CLOSER). Nodding (pitch) is left out: the mesh's pitch
 * moves with the camera's height on a phone held in the hand, so it would fail honest people. The turns are
 * the strong moves: a flat print or screen turned in space up to 60° keeps the measured yaw within ~8° of its
 * start (lib/cli/measure-face-challenge), below the 15° a turn needs, while moving a print closer does fake
 * COME_CLOSER. Any two of these three moves include a turn, so every challenge has at least one.
 */
export const FACE_MOVES = ["TURN_LEFT", "TURN_RIGHT", "COME_CLOSER"] as const;
export type FaceMove = (typeof FACE_MOVES)[number];

/** What the employee reads, in the person's own terms (the preview is mirrored, like a mirror). */
export const FACE_MOVE_PROMPTS: Record<FaceMove, string> = {
  TURN_LEFT: "Turn your head to your left",
  TURN_RIGHT: "Turn your head to your right",
  COME_CLOSER: "Bring your face closer",
};

export const faceChallengeSchema = z.array(z.enum(FACE_MOVES)).min(2).max(3);
export const faceScheduleSchema = z.array(z.number().int().nonnegative()).min(3).max(4);

export type FaceChallenge = {
  moves: FaceMove[];
  /** Milliseconds after the issue time at which each frame is taken: frame 0 straight ahead, then one per move. */
  schedule: number[];
};

/** Time to settle in the oval before the first frame. */
const FIRST_FRAME_MS = 2500;
/**
 * Time from a prompt to its frame: long enough to read and move (about 1 s for most people), drawn at random per
 * step so a prepared video cannot know when the frames are taken.
 */
const STEP_MIN_MS = 2200;
const STEP_JITTER_MS = 1200;

/** A frame may arrive this long after its scheduled time (one upload of ~60 KB on a slow phone network). */
export const FRAME_LATE_MS = 5000;
/**
 * And this much before it: the browser's timer starts only when it receives the challenge, after the server's
 * issue time, so an honest frame is never early; the margin covers timer rounding only.
 */
export const FRAME_EARLY_MS = 150;

/** Challenges per verification; a fourth is refused (attempt reserved in one conditional UPDATE). */
export const MAX_FACE_ATTEMPTS = 3;

type RandomInt = (min: number, max: number) => number;

/**
 * A fresh challenge: 2 or 3 distinct moves in a random order, and a random capture schedule, both from the
 * crypto RNG (`random` is injectable for tests: `randomInt(min, max)` with max exclusive).
 */
export function drawFaceChallenge(random: RandomInt = randomInt): FaceChallenge {
  const pool: FaceMove[] = [...FACE_MOVES];
  const count = random(2, 4);
  const moves: FaceMove[] = [];
  while (moves.length < count) moves.push(pool.splice(random(0, pool.length), 1)[0]!);
  // A turn straight into the opposite turn is hard to do well in ~2 s; keep them apart when a third move exists.
  if (moves.length === 3 && isOppositeTurn(moves[0]!, moves[1]!)) moves.push(...moves.splice(1, 1));
  const schedule = [FIRST_FRAME_MS];
  for (let step = 0; step < moves.length; step += 1) schedule.push(schedule.at(-1)! + STEP_MIN_MS + random(0, STEP_JITTER_MS));
  return { moves, schedule };
}

function isOppositeTurn(a: FaceMove, b: FaceMove): boolean {
  return (a === "TURN_LEFT" && b === "TURN_RIGHT") || (a === "TURN_RIGHT" && b === "TURN_LEFT");
}

/** When the last frame is overdue: the attempt is over after this, whatever arrived. */
export function challengeDeadline(issuedAt: Date, schedule: readonly number[]): Date {
  return new Date(issuedAt.getTime() + (schedule.at(-1) ?? 0) + FRAME_LATE_MS);
}
