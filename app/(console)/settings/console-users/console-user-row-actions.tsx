"use client";

import { useState, useTransition } from "react";
import {
  changeConsoleUserRoleAction,
  resetConsoleUserPasswordAction,
  resetConsoleUserSecondFactorsAction,
  setConsoleUserStatusAction,
} from "@/app/(console)/settings/console-users/actions";
import { OneTimePasswordNotice } from "@/app/(console)/settings/console-users/one-time-password-notice";
import { useStepUp } from "@/components/console/step-up-provider";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";

type RowActionsProps = {
  user: { id: string; email: string; role: "ADMIN" | "HELPDESK"; status: "ACTIVE" | "DISABLED" };
  isSelf: boolean;
};

/** Role, status and password controls for one console user. Every change is checked again on the server. */
export function ConsoleUserRowActions({ user, isSelf }: RowActionsProps) {
  const [error, setError] = useState<string>();
  const [issued, setIssued] = useState<{ email: string; oneTimePassword: string }>();
  const [pending, startTransition] = useTransition();
  const withStepUp = useStepUp();

  const run = (action: () => Promise<{ ok: true } | { ok: false; error: string; code: string }>) =>
    startTransition(async () => {
      setError(undefined);
      const result = await withStepUp(action);
      if (!result.ok) setError(result.error);
    });

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-2">
        <label className="sr-only" htmlFor={`role-${user.id}`}>
          Role of {user.email}
        </label>
        <Select
          id={`role-${user.id}`}
          className="w-auto! py-1.5!"
          value={user.role}
          disabled={pending || isSelf}
          onChange={(event) => {
            const role = event.target.value === "ADMIN" ? "ADMIN" : "HELPDESK";
            run(() => changeConsoleUserRoleAction({ userId: user.id, role }));
          }}
        >
          <option value="HELPDESK">Helpdesk agent</option>
          <option value="ADMIN">Admin</option>
        </Select>
        {isSelf ? null : user.status === "ACTIVE" ? (
          <Button size="sm" variant="danger" disabled={pending} onClick={() => run(() => setConsoleUserStatusAction({ userId: user.id, status: "DISABLED" }))}>
            Disable
          </Button>
        ) : (
          <Button size="sm" variant="secondary" disabled={pending} onClick={() => run(() => setConsoleUserStatusAction({ userId: user.id, status: "ACTIVE" }))}>
            Enable
          </Button>
        )}
        {isSelf ? null : (
          <Button
            size="sm"
            variant="ghost"
            disabled={pending}
            onClick={() =>
              startTransition(async () => {
                setError(undefined);
                const result = await withStepUp(() => resetConsoleUserPasswordAction({ userId: user.id }));
                if (result.ok) setIssued(result.data);
                else setError(result.error);
              })
            }
          >
            Reset password
          </Button>
        )}
        {isSelf ? null : (
          <Button
            size="sm"
            variant="ghost"
            disabled={pending}
            onClick={() => {
              if (window.confirm(`Remove every passkey and authenticator app of ${user.email}? They must add a new passkey at their next sign-in.`)) {
                run(() => resetConsoleUserSecondFactorsAction({ userId: user.id }));
              }
            }}
          >
            Reset passkeys
          </Button>
        )}
      </div>
      {error ? (
        <p role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
      {issued ? <OneTimePasswordNotice email={issued.email} password={issued.oneTimePassword} onDismiss={() => setIssued(undefined)} /> : null}
    </div>
  );
}
