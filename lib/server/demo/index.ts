import "server-only";
import { DEMO_ACCOUNT } from "@/lib/server/demo/account";
import { createDemoMailbox } from "@/lib/server/demo/mailbox";
import { createDemoOutbox, type DemoOutbox } from "@/lib/server/demo/outbox";
import { handleLinkupV2Request } from "@/lib/server/linkup-v2-simulator/wire";

export { DEMO_ACCOUNT } from "@/lib/server/demo/account";
export { createDemoMailbox } from "@/lib/server/demo/mailbox";

/**
 * A `fetch` that answers Linkup API v2 calls from the demo mailbox, in-process: the Linkup v2 adapter is
 * built with it (and any base URL), so the demo runs the same adapter, mapping and route code as production.
 * The replies sent through it stay in its outbox (its own, unless one is given).
 */
export function createDemoLinkupFetch(options?: { now?: () => number; outbox?: DemoOutbox }): typeof fetch {
  const now = options?.now ?? Date.now;
  const outbox = options?.outbox ?? createDemoOutbox();
  return async (input, init) => {
    const request = new Request(input, init);
    request.signal.throwIfAborted();
    const nowMs = now();
    return handleLinkupV2Request(request, {
      mailbox: createDemoMailbox(nowMs, outbox),
      apiKey: DEMO_ACCOUNT.apiKey,
      accountId: DEMO_ACCOUNT.accountId,
      now: () => nowMs,
    });
  };
}
