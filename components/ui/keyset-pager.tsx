import Link from "next/link";

/** "Newest … / Older …" links under a keyset-paginated list (audit log, outbox). */
export function KeysetPager({ newestHref, olderHref, noun }: { newestHref: string | null; olderHref: string | null; noun: string }) {
  return (
    <div className="mt-4 flex justify-between border-t border-slate-100 pt-4 text-sm">
      {newestHref ? (
        <Link href={newestHref} className="font-medium text-brand-700 hover:underline">
          Newest {noun}
        </Link>
      ) : (
        <span />
      )}
      {olderHref ? (
        <Link href={olderHref} className="font-medium text-brand-700 hover:underline">
          Older {noun}
        </Link>
      ) : null}
    </div>
  );
}
