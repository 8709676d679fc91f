import { describe, expect, it } from "vitest";
import { checkReply, enterAction, replyText, type KeyPress } from "@/lib/client/compose";
import { forgetEverything, memoryStorage } from "@/lib/client/browser-storage";
import { draftKey, EMPTY_DRAFT, hasWords, writeDraft } from "@/lib/client/draft-store";
import { readDraft } from "@/lib/client/stored-draft";
import { keyboardInset } from "@/lib/client/use-keyboard-inset";

const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({ key, keyCode: key === "Enter" ? 13 : 0, shiftKey: false, altKey: false, ctrlKey: false, metaKey: false, isComposing: false, ...mods });

describe("enterAction", () => {
  it("on a desktop, Enter sends and Shift+Enter breaks the line", () => {
    expect(enterAction(press("Enter"), true)).toBe("send");
    expect(enterAction(press("Enter", { shiftKey: true }), true)).toBe("type");
    expect(enterAction(press("Enter", { altKey: true }), true)).toBe("type");
  });

  it("on a phone, Enter breaks the line (the Send button sends)", () => {
    expect(enterAction(press("Enter"), false)).toBe("type");
    expect(enterAction(press("Enter", { shiftKey: true }), false)).toBe("type");
  });

  it("Ctrl/Cmd+Enter sends anywhere; Enter while an input method is composing is the input method's", () => {
    expect(enterAction(press("Enter", { ctrlKey: true }), false)).toBe("send");
    expect(enterAction(press("Enter", { metaKey: true }), false)).toBe("send");
    expect(enterAction(press("Enter", { isComposing: true }), true)).toBe("type");
    // Safari: the Enter that confirms a Japanese, Chinese or Korean conversion comes after the
    // composition ended (isComposing false), as the input method's key (keyCode 229): not a send.
    expect(enterAction(press("Enter", { keyCode: 229 }), true)).toBe("type");
    expect(enterAction(press("Enter", { keyCode: 229, metaKey: true }), true)).toBe("type");
    expect(enterAction(press("a"), true)).toBe("type");
  });
});

describe("replyText and checkReply", () => {
  const send = { maxLength: 1_900, subjectForInMail: true };

  it("sends the words without blank ends, with \\n line breaks and no control characters but tabs", () => {
    expect(replyText("  Hi\r\nthere\u0007\tfriend \n\n")).toBe("Hi\nthere\tfriend");
  });

  it("refuses nothing but whitespace", () => {
    expect(checkReply({ text: " \n ", subject: "" }, send, false)).toMatchObject({ text: "", canSend: false });
  });

  it("shows the characters left near the limit (a tenth of it, or fewer than 200), and refuses a text over it", () => {
    const at = (length: number, maxLength = 1_900) => checkReply({ text: "x".repeat(length), subject: "" }, { ...send, maxLength }, false);
    expect(at(1_700)).toMatchObject({ remaining: 200, showRemaining: false, canSend: true });
    expect(at(1_701)).toMatchObject({ remaining: 199, showRemaining: true, canSend: true });
    expect(at(1_900)).toMatchObject({ remaining: 0, tooLong: false, canSend: true });
    expect(at(1_901)).toMatchObject({ remaining: -1, tooLong: true, canSend: false });
    expect(at(7_200, 8_000)).toMatchObject({ remaining: 800, showRemaining: true });
    expect(at(7_199, 8_000)).toMatchObject({ showRemaining: false });
    // Our API's own limit holds whatever a provider says.
    expect(at(8_001, 20_000)).toMatchObject({ limit: 8_000, tooLong: true });
  });

  it("counts what is sent: blank ends do not count", () => {
    expect(checkReply({ text: `  ${"x".repeat(1_900)}  \n`, subject: "" }, send, false)).toMatchObject({ tooLong: false, canSend: true });
  });

  it("needs a subject where the conversation needs one", () => {
    expect(checkReply({ text: "Hi", subject: "  " }, send, true)).toMatchObject({ missingSubject: true, canSend: false });
    expect(checkReply({ text: "Hi", subject: " Re: pricing " }, send, true)).toMatchObject({ subject: "Re: pricing", canSend: true });
    expect(checkReply({ text: "Hi", subject: "" }, send, false)).toMatchObject({ missingSubject: false, canSend: true });
  });
});

describe("drafts", () => {
  it("are kept per account and conversation, ids encoded so no two pairs share a key", () => {
    expect(draftKey("a:b", "c")).not.toBe(draftKey("a", "b:c"));
    expect(draftKey("a/b", "c")).not.toBe(draftKey("a", "b/c"));
    const storage = memoryStorage();
    writeDraft(storage, draftKey("acc", "one"), { text: "Hello", subject: "" });
    expect(readDraft(storage, draftKey("acc", "one"))).toEqual({ text: "Hello", subject: "" });
    expect(readDraft(storage, draftKey("acc", "two"))).toEqual(EMPTY_DRAFT);
  });

  it("keep anything typed, even a space; an empty draft is no item", () => {
    const storage = memoryStorage();
    const key = draftKey("acc", "one");
    writeDraft(storage, key, { text: " ", subject: "" });
    expect(readDraft(storage, key).text).toBe(" ");
    writeDraft(storage, key, EMPTY_DRAFT);
    expect(storage.getItem(key)).toBeNull();
    expect(hasWords({ text: " \n", subject: "" })).toBe(false);
    expect(hasWords({ text: "", subject: "Re" })).toBe(true);
  });

  it("read a damaged item as empty, and survive a storage that refuses writes", () => {
    const storage = memoryStorage();
    const key = draftKey("acc", "one");
    storage.setItem(key, "{oops");
    expect(readDraft(storage, key)).toEqual(EMPTY_DRAFT);
    storage.setItem(key, JSON.stringify({ text: 3, subject: "Re" }));
    expect(readDraft(storage, key)).toEqual({ text: "", subject: "Re" });
    const full = { ...storage, setItem: () => { throw new DOMException("full", "QuotaExceededError"); } };
    expect(writeDraft(full, key, { text: "Hello", subject: "" })).toBe(false);
  });
});

describe("keyboardInset", () => {
  it("is what the visual viewport leaves uncovered below it (iOS Safari's keyboard), never negative", () => {
    expect(keyboardInset(800, { height: 800, offsetTop: 0, scale: 1 })).toBe(0);
    expect(keyboardInset(800, { height: 460, offsetTop: 0, scale: 1 })).toBe(340);
    expect(keyboardInset(800, { height: 460, offsetTop: 120, scale: 1 })).toBe(220);
    expect(keyboardInset(460, { height: 460.4, offsetTop: 0, scale: 1 })).toBe(0);
  });

  it("is 0 while pinch-zoomed (a smaller visual viewport that is not a keyboard)", () => {
    expect(keyboardInset(800, { height: 400, offsetTop: 100, scale: 2 })).toBe(0);
  });
});

describe("forgetEverything", () => {
  it("removes every item Threadline kept (drafts, the outbox) and nothing else", () => {
    const items = new Map<string, string>([
      [draftKey("acc", "one"), "{}"],
      ["threadline:outbox:acc", "[]"],
      ["someone-else", "keep"],
    ]);
    const storage = {
      get length() {
        return items.size;
      },
      key: (index: number) => [...items.keys()][index] ?? null,
      removeItem: (key: string) => void items.delete(key),
    };
    forgetEverything(storage);
    expect([...items.keys()]).toEqual(["someone-else"]);
  });
});
