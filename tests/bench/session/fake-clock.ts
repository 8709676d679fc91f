/**
 * A compressed clock for the session bench: Date and the timers are fake, so half an hour of the
 * browser's polling runs in seconds. The clock jumps from one timer to the next; between jumps it
 * lets the real event loop run until the in-process app has answered everything it was asked, so
 * a reply takes no time on the fake clock (the measured delays are the pollers', not the machine's).
 * Installed once per process: modules keep the Date.now they first saw (the shared cache, the
 * provider meter), so each session starts on the same clock, later, instead of on a new one.
 */
import { install } from "@sinonjs/fake-timers";

/** Real turns of the event loop a request may take before the clock moves on without it (one waiting on a fake timer). */
const PATIENCE_TURNS = 500;

export type FakeClock = {
  /** Drops every pending timer and sets the time: the start of a session, which offsets count from. */
  startSession(at: number): void;
  /** Runs `action` this long after the session's start. */
  at(offsetMs: number, action: () => void): void;
  /** Fires every timer due until this long after the session's start. */
  runUntil(offsetMs: number): Promise<void>;
};

export function installFakeClock(busy: () => number): FakeClock {
  const clock = install({ toFake: ["Date", "setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
  const realTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  let start = clock.now;

  async function settle(): Promise<void> {
    for (let turns = 0, quiet = 0; quiet < 3 && turns < PATIENCE_TURNS; turns++) {
      await realTurn();
      quiet = busy() === 0 ? quiet + 1 : 0;
    }
  }

  return {
    startSession(at) {
      clock.reset();
      clock.setSystemTime(at);
      start = at;
    },
    at(offsetMs, action) {
      clock.setTimeout(action, Math.max(0, start + offsetMs - clock.now));
    },
    async runUntil(offsetMs) {
      const end = start + offsetMs;
      // Something due at the end, so the last jump lands exactly there.
      clock.setTimeout(() => undefined, Math.max(0, end - clock.now));
      while (clock.now < end) {
        await clock.nextAsync();
        await settle();
      }
    },
  };
}
