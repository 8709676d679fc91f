import { test } from "@playwright/test";
import { clearPeople } from "../support/accounts";
import { fakeUpstream } from "../support/fake-upstream";
import { expectReplySentOnce, PROVIDERS } from "../support/reply";

/**
 * A reply on each of the other providers (Linkup v2's runs at both sizes in reply.spec.ts): each
 * sends in its own way (Linked API's send is a workflow, then its status), and none of that
 * differs by size, so these run at the phone's size only.
 */

test.beforeEach(async ({ request }) => {
  await fakeUpstream(request).reset();
  await clearPeople(request);
});

const [, ...otherProviders] = PROVIDERS;

for (const provider of otherProviders) {
  test(`${provider.name}: a reply shows at once, is sent once, and shows once after polls and a reload`, async ({ page, request }) => {
    await expectReplySentOnce(page, request, provider);
  });
}
