"use client";

import { useState, useTransition } from "react";
import { revealSecretAction } from "@/app/(public)/verify/reset-actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Kind = "TEMPORARY_PASSWORD" | "TEMPORARY_ACCESS_PASS" | "RESET_LINK";

const BUTTON: Record<Kind, string> = {
  TEMPORARY_PASSWORD: "Show my temporary password",
  TEMPORARY_ACCESS_PASS: "Show my Temporary Access Pass",
  RESET_LINK: "Show my reset link",
};
const AFTER: Record<Kind, string> = {
  TEMPORARY_PASSWORD: "Sign in with it at your usual sign-in page: you will be asked to choose a new password straight away.",
  TEMPORARY_ACCESS_PASS: "Sign in with it once at your usual sign-in page and set up your sign-in methods again. It works a single time.",
  RESET_LINK: "Open it now and choose a new password. It works once.",
};

const time = new Intl.DateTimeFormat(undefined, { timeStyle: "short" });

/** Reveals the secret once (the server forgets it as it hands it over); the employee copies it or follows it. */
export function RevealSecret({ resetId, kind }: { resetId: string; kind: Kind }) {
  const [secret, setSecret] = useState<{ value: string; expiresAt: Date | null } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const [pending, startTransition] = useTransition();

  if (secret) {
    return (
      <div className="space-y-2 rounded-lg bg-slate-50 px-4 py-4 ring-1 ring-slate-200">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Shown only once</p>
        {kind === "RESET_LINK" ? (
          <a href={secret.value} className="block break-all font-medium text-brand-700 underline" data-testid="reset-secret" rel="noreferrer noopener">{secret.value}</a>
        ) : (
          <p className="select-all break-all font-mono text-2xl font-semibold tracking-wide text-slate-900" data-testid="reset-secret">{secret.value}</p>
        )}
        <div className="flex flex-wrap items-center gap-2">
          <Button size="sm" variant="secondary" onClick={() => void navigator.clipboard.writeText(secret.value).then(() => setCopied(true))}>{copied ? "Copied" : "Copy"}</Button>
          {secret.expiresAt && kind !== "TEMPORARY_PASSWORD" ? <span className="text-xs text-slate-500">Valid until {time.format(new Date(secret.expiresAt))}</span> : null}
        </div>
        <p className="text-sm text-slate-600">{AFTER[kind]}</p>
        <p className="text-xs text-slate-500">Leaving or reloading this page hides it for good.</p>
      </div>
    );
  }
  return (
    <div className="space-y-2">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <Button
        className="w-full py-3 text-base"
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            const result = await revealSecretAction(resetId);
            if (result.ok) setSecret({ value: result.data.value, expiresAt: result.data.expiresAt });
            else setError(result.error);
          })
        }
      >
        {BUTTON[kind]}
      </Button>
      <p className="text-xs text-slate-500">It is shown once. Have somewhere safe to note it, and make sure nobody is looking at your screen.</p>
    </div>
  );
}
