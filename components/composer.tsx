"use client";

import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import type { SendCapability } from "@/lib/contracts/api";
import { noteTyping } from "@/lib/client/activity";
import { checkReply, ENTER_SENDS_QUERY, enterAction, MAX_SUBJECT_LENGTH } from "@/lib/client/compose";
import { EMPTY_DRAFT } from "@/lib/client/draft-store";
import { useDraft } from "@/lib/client/use-draft";
import { useShortcuts } from "@/lib/client/shortcuts";
import { useMediaQuery } from "@/lib/client/use-media-query";
import { SendIcon } from "./thread-icons";

export type Reply = { text: string; subject?: string };

/** The bar under a thread, shared with its stand-in in a thread's first HTML. */
const COMPOSER_FRAME = "shrink-0 border-t border-zinc-200/80 bg-surface px-3 pt-2 pb-[max(0.5rem,env(safe-area-inset-bottom))] sm:px-5";

/** The subject line of a reply to an InMail, and its place before the page is live. */
const SUBJECT_BOX = "h-11 w-full min-w-0 rounded-xl border border-zinc-300 bg-surface px-3.5 text-base";

/** What decides the message box's height, shared with its hidden measuring copy. 16px text: iOS zooms into anything smaller. */
const TEXT_BOX = "resize-none border px-3.5 py-2.5 text-base leading-6 [overflow-wrap:anywhere] whitespace-pre-wrap";

/**
 * The reply box under a thread: grows with the text up to five lines, then scrolls. On a desktop
 * Enter sends and Shift+Enter breaks the line; on a phone Enter breaks the line and the Send button
 * sends. The draft is kept in this browser per conversation until it is sent.
 */
export function Composer({
  accountId,
  conversationId,
  send,
  needsSubject,
  onSend,
  onEscape,
}: {
  accountId: string;
  conversationId: string;
  /** undefined while the account is loading; null where its provider cannot send. */
  send: SendCapability | null | undefined;
  needsSubject: boolean;
  /** False when the reply could not be taken yet: the composer keeps it. */
  onSend: (reply: Reply) => boolean;
  /** Esc in the message box: the draft stays, focus goes back to the thread, where the shortcuts work. */
  onEscape: () => void;
}) {
  const [draft, setDraft] = useDraft(accountId, conversationId);
  const enterSends = useMediaQuery(ENTER_SENDS_QUERY);
  const [tried, setTried] = useState(false);
  /** A Send the page could not take yet (its outbox still loading): said, and the words kept. */
  const [notTaken, setNotTaken] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  useShortcuts({
    reply: () => {
      const textarea = textareaRef.current;
      if (!textarea || textarea.disabled) return false;
      textarea.focus();
    },
  });
  const mirrorRef = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  // Height follows the text (up to the CSS max-height, then it scrolls). Measured on a hidden copy
  // out of the layout: collapsing the box itself to measure it would nudge the thread's scroll.
  const fitHeight = useCallback(() => {
    const textarea = textareaRef.current;
    const mirror = mirrorRef.current;
    if (!textarea || !mirror) return;
    textarea.style.height = `${mirror.scrollHeight + textarea.offsetHeight - textarea.clientHeight}px`;
  }, []);
  useLayoutEffect(fitHeight, [draft.text, send, fitHeight]);
  // …and its width: the same words wrap to more lines once the phone turns upright or the window narrows.
  useEffect(() => {
    const textarea = textareaRef.current;
    if (!textarea) return;
    let width = textarea.clientWidth;
    const observer = new ResizeObserver(() => {
      if (textarea.clientWidth === width) return;
      width = textarea.clientWidth;
      fitHeight();
    });
    observer.observe(textarea);
    return () => observer.disconnect();
  }, [send, fitHeight]);

  if (send === undefined) return null;
  if (send === null) return <ComposerUnavailable />;

  const check = checkReply(draft, send, needsSubject);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!check.canSend) {
      setTried(true);
      return;
    }
    const taken = onSend({ text: check.text, ...(needsSubject ? { subject: check.subject } : {}) });
    setNotTaken(!taken);
    if (!taken) return;
    setDraft(EMPTY_DRAFT);
    setTried(false);
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    const press = { key: event.key, keyCode: event.keyCode, shiftKey: event.shiftKey, altKey: event.altKey, ctrlKey: event.ctrlKey, metaKey: event.metaKey, isComposing: event.nativeEvent.isComposing };
    // Esc during a Japanese/Chinese/Korean conversion cancels the conversion: not ours (Safari
    // ends the composition first, and says so by keyCode 229 only).
    if (press.key === "Escape" && !press.isComposing && press.keyCode !== 229) onEscape();
    else if (enterAction(press, enterSends) === "send") {
      event.preventDefault();
      submit();
    }
  }

  const countId = `${id}-count`;
  const subjectHintId = `${id}-subject-hint`;
  const showSubjectHint = needsSubject && tried && check.missingSubject;

  return (
    <form data-testid="composer" onSubmit={submit} className={COMPOSER_FRAME}>
      <div className="mx-auto w-full max-w-3xl">
        {needsSubject ? (
          <div className="mb-2">
            <label htmlFor={`${id}-subject`} className="sr-only">
              Subject
            </label>
            <input
              id={`${id}-subject`}
              type="text"
              value={draft.subject}
              onChange={(event) => setDraft({ ...draft, subject: event.target.value })}
              maxLength={MAX_SUBJECT_LENGTH}
              placeholder="Subject"
              autoComplete="off"
              aria-invalid={showSubjectHint}
              aria-describedby={showSubjectHint ? subjectHintId : undefined}
              className={`${SUBJECT_BOX} text-zinc-900 placeholder:text-zinc-500 focus-visible:border-accent-500 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent-500/30 aria-[invalid=true]:border-red-400`}
            />
            {showSubjectHint ? (
              <p id={subjectHintId} className="mt-1 text-xs text-red-700">
                A reply to an InMail needs a subject.
              </p>
            ) : null}
          </div>
        ) : null}
        <div className="flex items-end gap-2">
          <label htmlFor={`${id}-text`} className="sr-only">
            Message
          </label>
          <div className="relative min-w-0 flex-1">
            <textarea
              ref={textareaRef}
              id={`${id}-text`}
              rows={1}
              value={draft.text}
              onChange={(event) => {
                noteTyping();
                setDraft({ ...draft, text: event.target.value });
              }}
              onKeyDown={onKeyDown}
              placeholder="Write a message…"
              enterKeyHint={enterSends ? "send" : "enter"}
              autoComplete="off"
              aria-invalid={check.tooLong}
              aria-describedby={check.showRemaining ? countId : undefined}
              // Five lines (24px each) plus padding, then it scrolls.
              className={`${TEXT_BOX} block max-h-[142px] min-h-11 w-full overflow-y-auto rounded-2xl border-zinc-300 bg-surface text-zinc-900 placeholder:text-zinc-500 focus-visible:border-accent-500 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-accent-500/30 aria-[invalid=true]:border-red-400`}
            />
            <textarea
              ref={mirrorRef}
              aria-hidden="true"
              tabIndex={-1}
              readOnly
              rows={1}
              value={draft.text}
              className={`${TEXT_BOX} pointer-events-none invisible absolute inset-x-0 top-0 h-0 overflow-hidden`}
            />
          </div>
          <button
            type="submit"
            data-testid="send-button"
            aria-label="Send"
            title={enterSends ? "Send (Enter)" : "Send"}
            // Enabled without a subject: pressing it then says one is needed.
            disabled={check.text === "" || check.tooLong}
            // Keeps the focus (and a phone's keyboard) in the message box.
            onPointerDown={(event) => event.preventDefault()}
            className="inline-flex size-11 shrink-0 items-center justify-center rounded-full bg-accent-600 text-white shadow-sm hover:bg-accent-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent-500 active:bg-accent-800 disabled:bg-zinc-200 disabled:text-zinc-400 disabled:shadow-none"
          >
            <SendIcon width={20} height={20} />
          </button>
        </div>
        {check.showRemaining ? (
          <p id={countId} data-testid="characters-left" className={`mt-1 pr-14 text-right text-xs tabular-nums ${check.tooLong ? "font-medium text-red-700" : "text-zinc-500"}`}>
            {check.tooLong ? `${-check.remaining} characters over the limit of ${check.limit}` : `${check.remaining} characters left`}
          </p>
        ) : null}
        {notTaken ? (
          <p data-testid="composer-not-ready" className="mt-1 text-xs text-zinc-600">
            Still getting ready to send. Try again in a moment.
          </p>
        ) : null}
        <p className="sr-only" aria-live="polite">
          {check.tooLong ? "Too long to send." : notTaken ? "Still getting ready to send. Try again in a moment." : ""}
        </p>
      </div>
    </form>
  );
}

/** In the composer's place where the account's provider cannot send. */
export function ComposerUnavailable() {
  return (
    <p data-testid="composer-unavailable" className="shrink-0 border-t border-zinc-200/80 bg-surface px-4 py-3 text-center text-sm text-zinc-500">
      This account&apos;s LinkedIn connection can&apos;t send messages from Threadline.
    </p>
  );
}

/**
 * The composer's place in a thread's first HTML, before the page is live: the same box, so the
 * messages above do not move by a pixel when the composer takes over; nothing to type into yet
 * (words typed into the server's HTML would be lost when the page takes over).
 */
export function ComposerPlaceholder({ needsSubject }: { needsSubject: boolean }) {
  return (
    <div aria-hidden="true" data-testid="composer-placeholder" className={`${COMPOSER_FRAME} cursor-default select-none`}>
      <div className="mx-auto w-full max-w-3xl">
        {needsSubject ? (
          <div className="mb-2">
            <div className={`${SUBJECT_BOX} flex items-center text-zinc-500`}>Subject</div>
          </div>
        ) : null}
        <div className="flex items-end gap-2">
          <div className={`${TEXT_BOX} min-h-11 min-w-0 flex-1 rounded-2xl border-zinc-300 bg-surface text-zinc-500`}>Write a message…</div>
          <div className="size-11 shrink-0 rounded-full bg-zinc-200" />
        </div>
      </div>
    </div>
  );
}
