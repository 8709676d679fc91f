import { createFixtureMailbox, FIXTURE_SELF } from "@/tests/fake-upstream/fixture-mailbox";
import { createLinkedApiFake, type LinkedApiFakeOptions } from "@/tests/fake-upstream/linkedapi";

/**
 * The fake Linked API over the browser tests' fixture mailbox (newest message at `newest`), with one
 * clock for the fake and the adapter, and a fetch that records each request's method and path.
 */
export function linkedApiFakeWorld(options: { newest: number; token: string; identificationToken: string } & Pick<LinkedApiFakeOptions, "syncDelayMs" | "sendDelayMs" | "salesNavigator">) {
  const clock = { now: options.newest + 60_000 };
  const fixture = createFixtureMailbox(options.newest);
  const fake = createLinkedApiFake({
    mailbox: fixture.mailbox,
    self: { profileUrl: FIXTURE_SELF.profileUrl },
    token: options.token,
    identificationToken: options.identificationToken,
    syncDelayMs: options.syncDelayMs,
    now: () => clock.now,
    ...(options.sendDelayMs !== undefined ? { sendDelayMs: options.sendDelayMs } : {}),
    ...(options.salesNavigator !== undefined ? { salesNavigator: options.salesNavigator } : {}),
  });
  const requests: string[] = [];
  const fetchFn: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    requests.push(`${request.method} ${new URL(request.url).pathname}`);
    return fake.handle(request);
  };
  return { clock, fixture, fake, fetchFn, requests };
}
