import { randomInt } from "node:crypto";
import { z } from "zod";

/**
 * Moves the server can check from what the face engine measures: yaw from the head pose (TURN_LEFT/RIGHT), and
 * the face box growing against the first frame (COME_CLOSER). Nodding (pitch) is left out: the mesh's pitch
 * moves with the camera's height on a phone held in the hand, so it would fail honest people. The turns are
 * the strong moves: a flat print or screen turned in space up to 60° keeps the measured yaw within ~8° of its
 * start (lib/cli/measure-face-challenge), below the 15° a turn needs, while moving a print closer does fake
 * COME_CLOSER: every challenge has a turn (drawFaceChallenge).
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
 * A fresh challenge and a random capture schedule, from the crypto RNG (`random` is injectable for tests:
 * `randomInt(min, max)` with max exclusive). Always COME_CLOSER plus one or both turns, in a random order:
 * - a turn, because a flat picture cannot fake one (see FACE_MOVES);
 * - COME_CLOSER, because its frame faces the camera and is compared with the document's portrait too: the face
 *   that performs the moves must itself match the document, not only the first frame (a photo of the victim
 *   held up for frame 0, then an accomplice for the moves, fails there). Turned frames are compared with the
 *   first frame only, with a low threshold: a 20° turn costs the descriptor too much for more (see
 *   DEFAULT_FACE_THRESHOLDS).
 * With both turns, COME_CLOSER goes between them: a turn straight into the opposite turn is hard to do well in ~2 s.
 */
export function drawFaceChallenge(random: RandomInt = randomInt): FaceChallenge {
  const turns: FaceMove[] = random(0, 2) === 0 ? ["TURN_LEFT", "TURN_RIGHT"] : ["TURN_RIGHT", "TURN_LEFT"];
  let moves: FaceMove[];
  if (random(0, 2) === 0) moves = [turns[0]!, "COME_CLOSER", turns[1]!];
  else moves = random(0, 2) === 0 ? [turns[0]!, "COME_CLOSER"] : ["COME_CLOSER", turns[0]!];
  const schedule = [FIRST_FRAME_MS];
  for (let step = 0; step < moves.length; step += 1) schedule.push(schedule.at(-1)! + STEP_MIN_MS + random(0, STEP_JITTER_MS));
  return { moves, schedule };
}

/** When the last frame is overdue: the attempt is over after this, whatever arrived. */
export function challengeDeadline(issuedAt: Date, schedule: readonly number[]): Date {
  return new Date(issuedAt.getTime() + (schedule.at(-1) ?? 0) + FRAME_LATE_MS);
}
