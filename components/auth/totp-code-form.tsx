"use client";

import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";

type Result = { ok: true } | { ok: false; error: string };

/** A 6-digit authenticator-app code, sent to `verify`. */
export function TotpCodeForm({ verify, onDone }: { verify: (code: string) => Promise<Result>; onDone: () => void }) {
  const [code, setCode] = useState("");
  const [error, setError] = useState<string>();
  const [pending, setPending] = useState(false);
  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    const result = await verify(code);
    setPending(false);
    if (!result.ok) return setError(result.error);
    onDone();
  }
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="space-y-4">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field label="Authenticator code" htmlFor="totp-code">
        <TextInput id="totp-code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={code} onChange={(event) => setCode(event.target.value.replace(/\D/g, ""))} />
      </Field>
      <Button type="submit" variant="secondary" className="w-full" disabled={pending || code.length !== 6}>
        {pending ? "Checking…" : "Confirm code"}
      </Button>
    </form>
  );
}
