"use client";

import { useState, useTransition } from "react";
import { updateConsoleSecuritySettingsAction } from "@/app/(console)/settings/console-users/actions";
import { useStepUp } from "@/components/console/step-up-provider";
import { Alert } from "@/components/ui/alert";

/** The console's sign-in settings: whether TOTP may stand in for a passkey. Saved at once, behind step-up. */
export function ConsoleSecuritySettingsForm({ totpAllowed }: { totpAllowed: boolean }) {
  const withStepUp = useStepUp();
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <label className="flex items-start gap-3 text-sm text-slate-800">
        <input
          type="checkbox"
          className="mt-0.5"
          defaultChecked={totpAllowed}
          disabled={pending}
          onChange={(event) => {
            const checked = event.target.checked;
            startTransition(async () => {
              setError(undefined);
              const result = await withStepUp(() => updateConsoleSecuritySettingsAction({ totpAllowed: checked }));
              if (!result.ok) {
                setError(result.error);
                event.target.checked = !checked;
              }
            });
          }}
        />
        <span>
          Allow authenticator apps (TOTP) as a fallback second factor
          <span className="block text-xs text-slate-500">Passkeys stay required for admins; a TOTP code can then stand in at sign-in and for step-up.</span>
        </span>
      </label>
    </div>
  );
}
