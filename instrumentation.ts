/** Next.js calls this once per server process at start-up. */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Job events recorded by requests (a sync, a reset) are handed to the job runtime right after their commit.
  const { registerJobEventForwarder } = await import("@/lib/jobs/job-event-forwarding");
  registerJobEventForwarder();
  // In the background: the server answers at once; the readers are ready a few seconds later.
  const { warmUpReaders } = await import("@/lib/server/warm-up-readers");
  setTimeout(() => void warmUpReaders(), 1000).unref();
}
