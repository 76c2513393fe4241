"use client";

import { startAuthentication, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { useCallback, useEffect, useRef, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Result<T> = { ok: true; data: T } | { ok: false; error: string };

/**
 * Asks the browser for a passkey assertion: fetches options from the server, runs WebAuthn, sends the answer
 * back. With `autoStart` it begins as soon as it is shown (the sign-in's second step); the button retries.
 */
export function PasskeyAssertionButton({
  start,
  finish,
  onDone,
  autoStart = false,
  label = "Use my passkey",
}: {
  start: () => Promise<Result<PublicKeyCredentialRequestOptionsJSON>>;
  finish: (response: unknown) => Promise<Result<null>>;
  onDone: () => void;
  autoStart?: boolean;
  label?: string;
}) {
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  const started = useRef(false);

  const run = useCallback(async () => {
    setPending(true);
    setError(undefined);
    try {
      const options = await start();
      if (!options.ok) return setError(options.error);
      const response = await startAuthentication({ optionsJSON: options.data });
      const result = await finish(response);
      if (!result.ok) return setError(result.error);
      onDone();
    } catch {
      setError("The passkey prompt was closed or timed out. Try again.");
    } finally {
      setPending(false);
    }
  }, [start, finish, onDone]);

  useEffect(() => {
    if (!autoStart || started.current) return;
    started.current = true;
    void run();
  }, [autoStart, run]);

  return (
    <div className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button className="w-full" onClick={() => void run()} disabled={pending}>
        {pending ? "Waiting for your passkey…" : label}
      </Button>
    </div>
  );
}
