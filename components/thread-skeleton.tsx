/** The thread's loading shape (its own module: no inbox screen shows it). */
export function ThreadSkeleton() {
  const rows = [
    { mine: false, w: "w-2/3" },
    { mine: false, w: "w-1/2" },
    { mine: true, w: "w-3/5" },
    { mine: false, w: "w-3/4" },
    { mine: true, w: "w-1/3" },
    { mine: true, w: "w-1/2" },
  ];
  return (
    <div aria-hidden="true" className="flex animate-shimmer flex-col justify-end gap-3 p-4">
      {rows.map((r, i) => (
        <div key={i} className={`flex ${r.mine ? "justify-end" : "justify-start"}`}>
          <div className={`h-10 ${r.w} max-w-xs rounded-2xl ${r.mine ? "bg-accent-100" : "bg-zinc-200/80"}`} />
        </div>
      ))}
    </div>
  );
}
