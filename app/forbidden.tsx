import Link from "next/link";

export default function Forbidden() {
  return (
    <div className="flex min-h-[60vh] flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-brand-700">403</p>
      <h1 className="mt-2 text-2xl font-semibold text-slate-900">You do not have access to this page</h1>
      <p className="mt-2 max-w-md text-sm text-slate-500">
        Your role does not include it. Ask an administrator if you need it for your work.
      </p>
      <Link href="/dashboard" className="mt-6 text-sm font-medium text-brand-700 hover:underline">
        Back to the dashboard
      </Link>
    </div>
  );
}
