/** "Step 2 of 3" with the names of the steps, for sighted users and screen readers alike. */
export function StepProgress({ steps, current }: { steps: { id: string; label: string }[]; current: string }) {
  const index = Math.max(0, steps.findIndex((step) => step.id === current));
  return (
    <nav aria-label="Verification progress">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">
        Step {index + 1} of {steps.length}
      </p>
      <ol className="mt-2 flex gap-2">
        {steps.map((step, position) => (
          <li key={step.id} className="flex-1" aria-current={position === index ? "step" : undefined}>
            <span className={`block h-1.5 rounded-full ${position <= index ? "bg-brand-600" : "bg-slate-200"}`} />
            <span className={`mt-1 block text-xs ${position === index ? "font-semibold text-slate-900" : "text-slate-500"}`}>{step.label}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
