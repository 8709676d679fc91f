import { ChatIcon } from "./icons";

/** The right-hand pane on wide screens when no conversation is open. */
export function EmptyThreadPane() {
  return (
    <div className="flex flex-1 flex-col items-center justify-center px-8 text-center" data-testid="no-thread-selected">
      <span className="mb-4 inline-flex size-14 items-center justify-center rounded-2xl bg-surface text-zinc-400 shadow-sm ring-1 ring-zinc-200/80">
        <ChatIcon width={26} height={26} />
      </span>
      <h2 className="text-base font-semibold text-zinc-800">Select a conversation</h2>
      <p className="mt-1 max-w-xs text-sm text-zinc-500">Pick a conversation from the list to read it here.</p>
    </div>
  );
}
