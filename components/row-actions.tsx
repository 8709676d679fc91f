"use client";

import { useQueryClient } from "@tanstack/react-query";
import type { Conversation } from "@/lib/contracts/api";
import { closeOnBackdrop, useModalWhileMounted } from "@/lib/client/modal-dialog";
import { markRead, markUnread } from "@/lib/client/read-state";

/**
 * What can be done to a conversation from its row: an action sheet (a native modal dialog, so focus,
 * Escape and the backdrop behave) at the bottom of a phone's screen, centred on larger ones. Open
 * while mounted; closing it calls onClose.
 */
export function RowActions({ accountId, conversation, onClose }: { accountId: string; conversation: Conversation; onClose: () => void }) {
  const client = useQueryClient();
  const dialogRef = useModalWhileMounted();

  const unread = conversation.unreadCount > 0;
  const readThrough = conversation.lastMessage?.sentAt;
  const act = (action: () => Promise<void>) => {
    dialogRef.current?.close();
    // A failed mark is put right by the next inbox answer; nothing for the rep to do.
    action().catch(() => undefined);
  };

  return (
    <dialog
      ref={dialogRef}
      data-testid="row-actions-sheet"
      aria-label={`Actions for ${conversation.participant.name}`}
      onClose={onClose}
      onClick={closeOnBackdrop}
      className="m-0 mt-auto w-full max-w-none bg-transparent p-0 backdrop:bg-black/50 sm:m-auto sm:max-w-sm"
    >
      <div className="rounded-t-2xl bg-surface p-2 pb-[max(0.5rem,env(safe-area-inset-bottom))] shadow-xl sm:rounded-2xl sm:pb-2">
        <p dir="auto" className="truncate px-3 pt-2 pb-1 text-sm font-semibold text-zinc-900">
          {conversation.participant.name}
        </p>
        <p className="px-3 pb-2 text-xs text-zinc-600">Read and unread are kept in Threadline; LinkedIn is not told.</p>
        {unread ? (
          readThrough === undefined ? null : (
            <SheetButton testId="row-mark-read" onClick={() => act(() => markRead(client, accountId, conversation.id, readThrough))}>
              Mark as read
            </SheetButton>
          )
        ) : (
          <SheetButton testId="row-mark-unread" onClick={() => act(() => markUnread(client, accountId, conversation.id))}>
            Mark as unread
          </SheetButton>
        )}
        <SheetButton testId="row-actions-cancel" onClick={() => dialogRef.current?.close()} quiet>
          Cancel
        </SheetButton>
      </div>
    </dialog>
  );
}

function SheetButton({ testId, onClick, quiet = false, children }: { testId: string; onClick: () => void; quiet?: boolean; children: string }) {
  return (
    <button
      type="button"
      data-testid={testId}
      onClick={onClick}
      className={`flex min-h-12 w-full items-center justify-center rounded-xl px-4 text-[15px] font-medium focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-accent-500 ${
        quiet ? "text-zinc-700 hover:bg-zinc-100" : "text-accent-700 hover:bg-accent-50 active:bg-accent-100"
      }`}
    >
      {children}
    </button>
  );
}
