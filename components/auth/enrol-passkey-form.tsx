"use client";

import { startRegistration, type PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/browser";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";

type Result<T> = { ok: true; data: T } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/** Names a new passkey and creates it with the browser (WebAuthn registration), then reports back. */
export function EnrolPasskeyForm({
  start,
  finish,
  onDone,
  submitLabel = "Create passkey",
}: {
  start: () => Promise<Result<PublicKeyCredentialCreationOptionsJSON>>;
  finish: (input: { name: string; response: unknown }) => Promise<Result<null>>;
  onDone: () => void;
  submitLabel?: string;
}) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setError("Name this passkey, e.g. “Work laptop”.");
    setPending(true);
    setError(undefined);
    try {
      const options = await start();
      if (!options.ok) return setError(options.error);
      const response = await startRegistration({ optionsJSON: options.data });
      const result = await finish({ name, response });
      if (!result.ok) return setError(result.fieldErrors?.name?.[0] ?? result.error);
      setName("");
      onDone();
    } catch {
      setError("The passkey prompt was closed or timed out. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field label="Passkey name" htmlFor="passkey-name">
        <TextInput id="passkey-name" value={name} maxLength={60} placeholder="Work laptop" onChange={(event) => setName(event.target.value)} />
      </Field>
      <Button type="submit" className="w-full" disabled={pending}>
        {pending ? "Waiting for your passkey…" : submitLabel}
      </Button>
    </form>
  );
}
