import { expect, type Locator } from "@playwright/test";

/**
 * Whether React has hydrated this server-rendered control (its props are on the element). Before
 * that a click does nothing, and what is typed is only in the page (lib/client/use-early-input.ts).
 */
export function isLive(control: Locator): Promise<boolean> {
  return control.evaluate((element) => Object.keys(element).some((key) => key.startsWith("__reactProps$")));
}

/** Waits until React has hydrated this control. */
export async function expectLive(control: Locator): Promise<void> {
  await expect.poll(() => isLive(control)).toBe(true);
}
