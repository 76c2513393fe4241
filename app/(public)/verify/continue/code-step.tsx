"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState, useTransition } from "react";
import { confirmCodeAction, sendCodeAction } from "@/app/(public)/verify/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, TextInput } from "@/components/ui/field";

type Channel = "EMAIL" | "SMS";
/**
 * Checked again on the server (zod, in the action); here only for a quick hint. Plain state, no form library:
 * zod and react-hook-form would add ~50 KB gzipped to every employee page (decision 56).
 */
function codeProblem(value: string): string | null {
  return /^\d{6}$/.test(value.trim()) ? null : "Enter the 6 digits from the message.";
}

export function CodeStep({ destinations, sentTo, canResend, cooldownSeconds, lastStep = false }: { destinations: { channel: Channel; masked: string }[]; sentTo: Channel | null; canResend: boolean; cooldownSeconds: number; lastStep?: boolean }) {
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const [codeError, setCodeError] = useState<string | null>(null);

  function send(channel: Channel) {
    setError(null);
    startTransition(async () => {
      const result = await sendCodeAction(channel);
      if (!result.ok) return setError(result.error);
      setNotice(`Code sent. If it does not arrive, you can ask for another in ${cooldownSeconds} seconds.`);
      router.refresh();
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    const problem = codeProblem(code);
    setCodeError(problem);
    if (problem) return;
    startTransition(async () => {
      const result = await confirmCodeAction({ code });
      if (!result.ok) setCodeError(result.fieldErrors?.code?.[0] ?? result.error);
      router.refresh();
    });
  }

  if (!sentTo) {
    return (
      <div className="space-y-4">
        <h1 id="step-heading" className="text-xl font-semibold text-slate-900">Get a verification code</h1>
        <p className="text-sm text-slate-600">
          {lastStep ? "Your document and details match. Last step: we'll text a 6-digit code to the mobile phone your employer has on record." : "We'll send a 6-digit code to an address your employer has on record."}
        </p>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <div className="space-y-2">
          {destinations.map((destination) => (
            <Button key={destination.channel} className="w-full justify-between py-3 text-base" variant="secondary" disabled={pending} onClick={() => send(destination.channel)}>
              <span>{destination.channel === "EMAIL" ? "E-mail me a code" : "Text me a code"}</span>
              {lastStep ? null : <span className="text-slate-500">{destination.masked}</span>}
            </Button>
          ))}
        </div>
        {destinations.length === 0 ? <Alert tone="warning">No e-mail address or mobile number is on record for you. Contact your IT service desk.</Alert> : null}
      </div>
    );
  }

  const otherChannels = canResend ? destinations : [];
  return (
    <form onSubmit={submit} noValidate className="space-y-4">
      <h1 id="step-heading" className="text-xl font-semibold text-slate-900">Enter your code</h1>
      <p className="text-sm text-slate-600">
        We sent a 6-digit code {lastStep ? "to the mobile on record" : sentTo === "SMS" ? "by text message" : "to your work e-mail"}. It expires in 10 minutes.
      </p>
      {notice ? <Alert tone="info">{notice}</Alert> : null}
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Field label="Verification code" htmlFor="code" error={codeError ?? undefined}>
        <TextInput
          id="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          className="text-center text-2xl tracking-[0.5em]"
          name="code"
          aria-invalid={codeError ? true : undefined}
          aria-describedby={codeError ? "code-error" : undefined}
        />
      </Field>
      <Button type="submit" className="w-full py-3 text-base" disabled={pending}>
        {pending ? "Checking…" : "Confirm code"}
      </Button>
      {otherChannels.length > 0 ? (
        <div className="flex flex-wrap justify-center gap-2 text-sm">
          {otherChannels.map((destination) => (
            <Button key={destination.channel} variant="ghost" size="sm" disabled={pending} onClick={() => send(destination.channel)}>
              {destination.channel === "EMAIL" ? `Send a new code to ${destination.masked}` : lastStep ? "Text a new code" : `Text a new code to ${destination.masked}`}
            </Button>
          ))}
        </div>
      ) : null}
    </form>
  );
}
