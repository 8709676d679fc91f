import "server-only";
import type { LinkupMailbox } from "@/lib/server/linkup-v2-simulator/mailbox";
import {
  compareInboxPositions,
  decodeInboxCursor,
  encodeInboxCursor,
  positionOf,
} from "@/lib/server/linkup-v2-simulator/inbox-cursor";
import type { ListInboxParams } from "@/lib/server/linkup-v2-simulator/params";
import { actionFailure, creditsForResults, type ActionOutcome } from "@/lib/server/linkup-v2-simulator/responses";
import type { ListInboxData } from "@/lib/server/linkup-v2-simulator/wire-types";

const DEFAULT_COUNT = 10;

/**
 * A cursor is a position in (time, key) order, not an offset, so a conversation that gets a new message
 * (and jumps to the top) is neither repeated nor makes the others shift: every conversation that did not
 * move is returned exactly once.
 */
export function listInbox(mailbox: LinkupMailbox, params: ListInboxParams): ActionOutcome<ListInboxData> {
  const count = params.count ?? DEFAULT_COUNT;
  const after = params.cursor == null ? undefined : decodeInboxCursor(params.cursor);
  if (params.cursor != null && after === undefined) return actionFailure("INVALID_PARAMS", "Invalid cursor");

  const ordered = mailbox
    .conversations(params.category ?? "INBOX")
    .map((conversation) => ({ conversation, position: positionOf(conversation) }))
    .sort((a, b) => compareInboxPositions(a.position, b.position));
  const start = after === undefined ? 0 : ordered.findIndex((entry) => compareInboxPositions(entry.position, after) > 0);
  const page = start === -1 ? [] : ordered.slice(start, start + count);
  const last = page.at(-1);
  const hasMore = start !== -1 && start + count < ordered.length;

  return {
    ok: true,
    data: {
      conversations: page.map((entry) => entry.conversation),
      total_results: page.length,
      next_cursor: hasMore && last !== undefined ? encodeInboxCursor(last.position) : null,
    },
    creditsConsumed: creditsForResults(page.length),
  };
}
