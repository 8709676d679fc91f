"use client";

import { closeOnBackdrop, useModalWhileMounted } from "@/lib/client/modal-dialog";
import { SHORTCUTS, keyCaption } from "@/lib/client/shortcut-labels";
import { CloseIcon } from "./icons";

/** The cheat sheet, written from the same table the keys are bound from; open while mounted (ShortcutsHelp). */
export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  const dialogRef = useModalWhileMounted();

  return (
    <dialog
      ref={dialogRef}
      data-testid="shortcuts-help"
      aria-labelledby="shortcuts-help-title"
      onClose={onClose}
      onClick={closeOnBackdrop}
      className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-2xl bg-surface p-0 text-zinc-900 shadow-xl backdrop:bg-black/50"
    >
      <div className="flex items-center justify-between border-b border-zinc-200 py-1 pr-1 pl-5">
        <h2 id="shortcuts-help-title" className="text-base font-semibold">
          Keyboard shortcuts
        </h2>
        <button
          type="button"
          aria-label="Close"
          onClick={() => dialogRef.current?.close()}
          className="inline-flex size-11 items-center justify-center rounded-full text-zinc-600 hover:bg-zinc-100 focus-visible:outline-2 focus-visible:outline-offset-[-4px] focus-visible:outline-accent-500"
        >
          <CloseIcon width={18} height={18} />
        </button>
      </div>
      <dl className="divide-y divide-zinc-100 px-5 py-2 text-sm">
        {SHORTCUTS.map((shortcut) => (
          <div key={shortcut.id} data-testid="shortcut" className="flex items-center justify-between gap-4 py-2">
            <dt className="text-zinc-700">{shortcut.label}</dt>
            <dd className="flex shrink-0 gap-1.5">
              {shortcut.keys.map((key) => (
                <kbd key={key} className="min-w-7 rounded-md border border-zinc-300 bg-zinc-50 px-1.5 py-0.5 text-center font-sans text-xs font-semibold text-zinc-800">
                  {keyCaption(key)}
                </kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </dialog>
  );
}
