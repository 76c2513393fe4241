"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { cancelVerificationAction } from "@/app/(console)/helpdesk/actions";
import { Button } from "@/components/ui/button";

export function CancelVerificationButton({ id }: { id: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="danger"
      size="sm"
      disabled={pending}
      onClick={() => {
        if (!window.confirm("Cancel this verification? The employee's link stops working.")) return;
        startTransition(async () => {
          await cancelVerificationAction({ id });
          router.refresh();
        });
      }}
    >
      Cancel
    </Button>
  );
}
