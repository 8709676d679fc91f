import { describe, expect, it } from "vitest";
import type { Message } from "@/lib/contracts/api";
import { thisSendIn } from "@/lib/server/sends/send-message";

/** A send made at 1,500 ms (between the copies below). */
const at = (text: string, createdAt = 1_500) => ({ text, createdAt });
const fromMe = (id: string, text: string, sentAt: number, mine = true): Message => ({ id, text, sentAt, sender: { name: "Riley" }, fromMe: mine, type: "text", attachments: [], reactions: [] });

describe("thisSendIn: an unconfirmed send looked for in its thread", () => {
  it("finds the rep's message with its words (spacing aside); never someone else's", () => {
    expect(thisSendIn([fromMe("t1", "Thanks!  See you", 1_000)], at("Thanks! See you"), [])?.id).toBe("t1");
    expect(thisSendIn([fromMe("t1", "Thanks!", 1_000, false)], at("Thanks!"), [])).toBeUndefined();
    expect(thisSendIn([fromMe("t1", "Thanks a lot", 1_000)], at("Thanks!"), [])).toBeUndefined();
  });

  it("a confirmed send of the same words a moment before accounts for its copy, by the id its answer named", () => {
    const first = fromMe("t1", "Thanks!", 1_000);
    expect(thisSendIn([first], at("Thanks!"), [{ text: "Thanks!", id: "t1" }])).toBeUndefined();
    expect(thisSendIn([fromMe("t2", "Thanks!", 2_000), first], at("Thanks!"), [{ text: "Thanks!", id: "t1" }])?.id).toBe("t2");
  });

  it("…and where the thread knows that message by another id (Linkup's send answer) or the answer named none", () => {
    const first = fromMe("urn:li:msg_message:(1)@1000123", "Thanks!", 1_000);
    const second = fromMe("urn:li:msg_message:(2)@2000456", "Thanks!", 2_000);
    for (const id of ["urn:li:messagingMessage:abc@1000000", null]) {
      // The second send timed out before reaching LinkedIn: the first's copy is not its message.
      expect(thisSendIn([first], at("Thanks!", 1_900), [{ text: "Thanks!", id }])).toBeUndefined();
      expect(thisSendIn([second, first], at("Thanks!", 1_900), [{ text: "Thanks!", id }])?.id).toBe(second.id);
    }
  });

  it("other words sent meanwhile account for nothing", () => {
    expect(thisSendIn([fromMe("t1", "Thanks!", 1_000)], at("Thanks!"), [{ text: "See you Tuesday", id: null }])?.id).toBe("t1");
  });

  it("where another send of the same words is unnamed, this send's copy is the one sent nearest to when it was made", () => {
    const mine = fromMe("t1", "Thanks!", 1_000);
    const theirs = fromMe("t2", "Thanks!", 9_000);
    expect(thisSendIn([theirs, mine], at("Thanks!", 900), [{ text: "Thanks!", id: null }])?.id).toBe("t1");
    expect(thisSendIn([theirs, mine], at("Thanks!", 8_900), [{ text: "Thanks!", id: null }])?.id).toBe("t2");
  });
});
