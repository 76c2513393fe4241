import { FRAME_MAX_EDGE } from "@/lib/verification/face/inspect-face-frame";

export type FaceChallengeAnswer = { ok: true; nonce: string; steps: { move: string; prompt: string }[]; schedule: number[]; attemptsLeft: number } | { ok: false; error: string };
export type FaceResult = { ok: true; passed: boolean; attemptsLeft: number; step: string } | { ok: false; error: string; attemptsLeft?: number };

const LOOK_STRAIGHT = "Look straight at the camera";

/** One frame of the live video as the server expects it: JPEG, long edge at most FRAME_MAX_EDGE, not mirrored. */
function captureFrame(video: HTMLVideoElement, canvas: HTMLCanvasElement): Promise<Blob> {
  const scale = Math.min(1, FRAME_MAX_EDGE / Math.max(video.videoWidth, video.videoHeight));
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  canvas.getContext("2d")?.drawImage(video, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error("no frame"))), "image/jpeg", 0.88));
}

function wait(until: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, until - performance.now())));
}

/**
 * Runs one server-issued challenge: asks for it, shows each prompt in turn, takes each frame at the time the
 * server chose (counted from when its answer arrived) and uploads the frames in order as they are taken, so the
 * server sees each one arrive in its window. Returns the server's verdict (verified or not, no scores).
 */
export async function runFaceChallenge(video: HTMLVideoElement, canvas: HTMLCanvasElement, onPrompt: (prompt: string) => void): Promise<FaceResult> {
  const challenge = (await (await fetch("/api/verify/face/challenge", { method: "POST" })).json()) as FaceChallengeAnswer;
  if (!challenge.ok) return { ok: false, error: challenge.error };
  const started = performance.now();
  const prompts = [LOOK_STRAIGHT, ...challenge.steps.map((step) => step.prompt)];
  let uploads: Promise<FaceResult | null> = Promise.resolve(null);
  for (const [index, offset] of challenge.schedule.entries()) {
    onPrompt(prompts[index] ?? LOOK_STRAIGHT);
    await wait(started + offset);
    const frame = await captureFrame(video, canvas);
    const previous = uploads;
    uploads = previous.then(async (earlier) => {
      // A refused frame ends the attempt on the server: the frames after it are not sent.
      if (earlier && (!earlier.ok || "passed" in earlier)) return earlier;
      const body = new FormData();
      body.set("nonce", challenge.nonce);
      body.set("index", String(index));
      body.set("frame", new File([frame], `frame-${index}.jpg`, { type: "image/jpeg" }));
      let response = await fetch("/api/verify/face/frame", { method: "POST", body });
      // Busy (503): the last frame was not stored; once more after a moment, still inside its window.
      if (response.status === 503) {
        await wait(performance.now() + 1500);
        response = await fetch("/api/verify/face/frame", { method: "POST", body });
      }
      const answer = (await response.json()) as FaceResult | { ok: true; nextIndex: number };
      return "nextIndex" in answer ? null : answer;
    });
  }
  onPrompt("Checking…");
  return (await uploads) ?? { ok: false, error: "The face check did not finish. Start it again." };
}
