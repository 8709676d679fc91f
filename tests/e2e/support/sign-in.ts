import { expect, type APIRequestContext, type Page } from "@playwright/test";
import { E2E } from "./env";

type Person = { email: string; name: string; password: string };

/**
 * Signs a request context in: as a named admin, creating the account first if this server has
 * none yet (what /setup does), else with the password. The session cookie stays in the context.
 */
export async function signInByApi(context: APIRequestContext, person: Person): Promise<void> {
  const setup = await context.post("/api/setup", { data: { ...person, setupCode: E2E.setupCode } });
  if (setup.status() === 201) return;
  expect(setup.status(), await setup.text()).toBe(409);
  const signIn = await context.post("/api/auth/sign-in/email", { data: { email: person.email, password: person.password } });
  expect(signIn.status(), await signIn.text()).toBe(200);
}

/** Signs in through the sign-in page, as a rep would. */
export async function signInByPage(page: Page, person: { email: string; password: string }): Promise<void> {
  await page.getByLabel("Email", { exact: true }).fill(person.email);
  await page.getByLabel("Password", { exact: true }).fill(person.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** An origin header for Better Auth's own endpoints (it checks Origin once a request carries a cookie). */
export const ORIGIN = { origin: E2E.appUrl };
