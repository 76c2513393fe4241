"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { runFaceChallenge } from "@/app/(public)/verify/continue/run-face-challenge";

type Phase = "intro" | "running" | "verified" | "not-verified" | "no-camera";

/** Why the camera could not start, in words the employee can act on. */
function cameraProblem(error: unknown): string {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError" || name === "SecurityError") return "Camera access was blocked. Allow the camera for this page in your browser's settings, then try again.";
  if (name === "NotFoundError" || name === "OverconstrainedError") return "No camera was found on this device. Open the link on a phone or a computer with a camera.";
  if (name === "NotReadableError") return "The camera is in use by another app. Close it and try again.";
  return "The camera could not be started on this device.";
}

/**
 * The live selfie: the front camera in the page (getUserMedia, never a file picker), a framing oval, one prompt
 * at a time announced to screen readers, frames taken at the times the server chose. Nothing is analysed in
 * the browser; the employee sees only verified or not verified.
 */
export function FaceStep({ attemptsLeft: initialAttempts }: { attemptsLeft: number }) {
  const router = useRouter();
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const [phase, setPhase] = useState<Phase>("intro");
  const [prompt, setPrompt] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [attemptsLeft, setAttemptsLeft] = useState(initialAttempts);

  function stopCamera() {
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
  }
  useEffect(() => stopCamera, []);

  async function start() {
    setError(null);
    if (!navigator.mediaDevices?.getUserMedia) {
      setError("This browser cannot use a camera here.");
      setPhase("no-camera");
      return;
    }
    try {
      stream.current ??= await navigator.mediaDevices.getUserMedia({ audio: false, video: { facingMode: "user", width: { ideal: 640 }, height: { ideal: 480 } } });
    } catch (problem) {
      setError(cameraProblem(problem));
      setPhase("no-camera");
      return;
    }
    const element = video.current;
    if (!element || !canvas.current) return;
    element.srcObject = stream.current;
    await element.play();
    setPhase("running");
    try {
      const result = await runFaceChallenge(element, canvas.current, setPrompt);
      if (result.ok) {
        setAttemptsLeft(result.attemptsLeft);
        setPhase(result.passed ? "verified" : "not-verified");
        if (result.passed || result.step !== "FACE") {
          stopCamera();
          setTimeout(() => router.refresh(), 1500);
        }
      } else {
        if (result.attemptsLeft !== undefined) setAttemptsLeft(result.attemptsLeft);
        setError(result.error);
        setPhase("not-verified");
        // No attempt left: the verification moves on (and fails on the face); the page shows where it stands.
        if (result.attemptsLeft === 0) {
          stopCamera();
          setTimeout(() => router.refresh(), 2500);
        }
      }
    } catch {
      setError("The connection dropped during the check. Check your connection and try again.");
      setPhase("not-verified");
    }
  }

  const live = phase === "running";
  // The preview box stays laid out before the camera starts: iOS Safari will not start playing a hidden video.
  return (
    <div className="space-y-4">
      <h1 id="step-heading" className="text-xl font-semibold text-slate-900">Take a live selfie</h1>
      <p className="text-sm text-slate-600">We compare your face with the photo on your document. You will be asked to move your head; follow each prompt as it appears.</p>
      {phase === "intro" || phase === "not-verified" ? (
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-600">
          <li>Find good, even light on your face; avoid a bright window behind you.</li>
          <li>Take off sunglasses, hats or masks. Clear glasses are fine if there is no glare.</li>
          <li>Hold your phone at eye level and keep your face inside the oval.</li>
        </ul>
      ) : null}
      {error ? <Alert tone="error" title={phase === "no-camera" ? "No camera" : "Not verified"}>{error}</Alert> : null}
      {phase === "no-camera" ? (
        <Alert tone="info" title="Verify with the service desk instead">
          If you cannot use a camera, call the service desk and ask for an agent-attended identity check. The agent sends you a link that does not need a camera.
        </Alert>
      ) : null}
      <div className={`relative mx-auto aspect-[3/4] w-full max-w-sm overflow-hidden rounded-2xl bg-slate-900 ${phase === "no-camera" || phase === "verified" ? "hidden" : ""}`}>
        {/* Mirrored like a mirror, so "turn to your left" looks right; the frames themselves are not mirrored. */}
        <video ref={video} className="h-full w-full -scale-x-100 object-cover" playsInline muted aria-hidden="true" />
        <div aria-hidden="true" className="pointer-events-none absolute inset-[12%_16%] rounded-[50%] border-4 border-white/90 shadow-[0_0_0_999px_rgba(15,23,42,0.55)]" />
        {live ? <p className="absolute inset-x-0 bottom-0 bg-slate-900/80 px-3 py-4 text-center text-2xl font-semibold text-white">{prompt}</p> : null}
      </div>
      <canvas ref={canvas} className="hidden" />
      <p className="sr-only" aria-live="assertive">{live ? prompt : ""}</p>
      <div aria-live="polite">
        {phase === "verified" ? <Alert tone="success" title="Verified">Your face matched your document.</Alert> : null}
        {phase === "not-verified" && !error ? <Alert tone="error" title="Not verified">Your face could not be verified.</Alert> : null}
      </div>
      {phase === "intro" || (phase === "not-verified" && attemptsLeft > 0) ? (
        <Button className="w-full py-3 text-base" onClick={() => void start()}>
          {phase === "intro" ? "Start the camera" : "Try again"}
        </Button>
      ) : null}
      {phase === "no-camera" ? (
        <Button className="w-full py-3 text-base" variant="secondary" onClick={() => void start()}>
          Try the camera again
        </Button>
      ) : null}
      <p className="text-center text-xs text-slate-500">
        {attemptsLeft} {attemptsLeft === 1 ? "attempt" : "attempts"} left. The pictures are used only for this check and deleted according to your employer&apos;s policy.
      </p>
    </div>
  );
}
