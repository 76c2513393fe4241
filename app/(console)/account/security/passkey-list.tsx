"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { finishAddPasskeyAction, removePasskeyAction, startAddPasskeyAction } from "@/app/(console)/account/security/actions";
import { EnrolPasskeyForm } from "@/components/auth/enrol-passkey-form";
import { useStepUp } from "@/components/console/step-up-provider";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";

type Passkey = { id: string; name: string; createdAt: string; lastUsedAt: string | null };

/** The user's passkeys with Remove buttons, and a form to add another (both behind step-up). */
export function PasskeyList({ passkeys }: { passkeys: Passkey[] }) {
  const router = useRouter();
  const withStepUp = useStepUp();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const remove = (passkey: Passkey) =>
    startTransition(async () => {
      setError(undefined);
      const result = await withStepUp(() => removePasskeyAction({ passkeyId: passkey.id }));
      if (!result.ok) setError(result.error);
      router.refresh();
    });
  return (
    <div className="space-y-5">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <ul className="divide-y divide-slate-100" aria-label="Passkeys">
        {passkeys.map((passkey) => (
          <li key={passkey.id} className="flex items-center justify-between gap-3 py-3" data-testid="passkey-row">
            <div className="min-w-0">
              <p className="truncate text-sm font-medium text-slate-900">{passkey.name}</p>
              <p className="text-xs text-slate-500">
                Added {passkey.createdAt} · {passkey.lastUsedAt ? `last used ${passkey.lastUsedAt}` : "not used yet"}
              </p>
            </div>
            <Button size="sm" variant="danger" disabled={pending} onClick={() => remove(passkey)} aria-label={`Remove ${passkey.name}`}>
              Remove
            </Button>
          </li>
        ))}
        {passkeys.length === 0 ? <li className="py-3 text-sm text-slate-500">No passkey yet.</li> : null}
      </ul>
      <div className="max-w-sm">
        <EnrolPasskeyForm
          start={() => withStepUp(() => startAddPasskeyAction(undefined))}
          finish={(input) => withStepUp(() => finishAddPasskeyAction(input))}
          onDone={() => router.refresh()}
          submitLabel="Add a passkey"
        />
      </div>
    </div>
  );
}
