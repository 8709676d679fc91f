/**
 * What our route adds to a provider call (issue 11): a page of 20 of the Linkup v2 inbox asked of
 * the fake upstream directly, beside the same page through GET /api/accounts/{id}/conversations as
 * the signed-in admin (session, assignment, rate limit, credit meter, read marks, parsing, mapping);
 * one at a time, then 50 at a time beside a bare Next route handler answering a JSON body of the same
 * size (bare-next.ts). Page 2 (a cursor) is asked for, so every request of ours reaches the provider:
 * the first page would come from the shared cache (issue 13), which measures the cache instead.
 */
import { z } from "zod";
import { BENCH_ACCOUNTS, type RealServer } from "./real-server";
import { percentile, round } from "./stats";

const SEQUENTIAL = 200;
const WARM_UP = 20;
const CONCURRENCY = 50;
const CONCURRENT_TOTAL = 1_000;

const directPageSchema = z.object({ data: z.object({ next_cursor: z.string().nullable() }) });
const ourPageSchema = z.object({ conversations: z.array(z.unknown()).length(20), nextCursor: z.string() });

type Call = () => Promise<number>;

async function timed(call: () => Promise<Response>): Promise<number> {
  const started = performance.now();
  const response = await call();
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`answered ${response.status}`);
  return performance.now() - started;
}

async function oneAtATime(call: Call): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < WARM_UP; i++) await call();
  const times: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i++) times.push(await call());
  return { p50: percentile(times, 50) ?? NaN, p99: percentile(times, 99) ?? NaN };
}

async function manyAtOnce(call: Call): Promise<{ rps: number; p50: number }> {
  for (let i = 0; i < WARM_UP; i++) await call();
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < CONCURRENT_TOTAL) {
        next++;
        times.push(await call());
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { rps: CONCURRENT_TOTAL / seconds, p50: percentile(times, 50) ?? NaN };
}

const round1 = (value: number) => round(value, 1);

export async function proxyBench({ server, bareOrigin }: { server: RealServer; bareOrigin: string }) {
  const linkup = server.linkupV2;
  const direct = (params: Record<string, unknown>) =>
    fetch(`${server.fakeUrl}/v2/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": linkup.apiKey },
      body: JSON.stringify({ account_id: linkup.accountId, action: "list_inbox", params }),
    });
  const first = directPageSchema.parse(await (await direct({ category: "INBOX", count: 20 })).json());
  const directCursor = first.data.next_cursor;
  if (directCursor === null) throw new Error("the fake's inbox has a single page");
  const ours = ourPageSchema.parse((await server.get(`/api/accounts/${BENCH_ACCOUNTS.linkupV2}/conversations?limit=20`)).body);
  const ourPath = `/api/accounts/${BENCH_ACCOUNTS.linkupV2}/conversations?limit=20&cursor=${encodeURIComponent(ours.nextCursor)}`;
  const ourPage2 = await server.get(ourPath);
  ourPageSchema.partial({ nextCursor: true }).parse(ourPage2.body);
  const bodyBytes = Buffer.byteLength(JSON.stringify(ourPage2.body));

  const callDirect: Call = () => timed(() => direct({ category: "INBOX", count: 20, cursor: directCursor }));
  const callOurs: Call = async () => {
    const answer = await server.get(ourPath);
    if (answer.status !== 200) throw new Error(`our route answered ${answer.status}`);
    return answer.ms;
  };
  const callBare: Call = () => timed(() => fetch(`${bareOrigin}/api/json-body?bytes=${bodyBytes}`));

  const sequential = { direct: await oneAtATime(callDirect), ours: await oneAtATime(callOurs) };
  const concurrent = { direct: await manyAtOnce(callDirect), bare: await manyAtOnce(callBare), ours: await manyAtOnce(callOurs) };
  return {
    oneAtATime: [
      { request: "the provider directly (baseline)", p50Ms: round1(sequential.direct.p50), p99Ms: round1(sequential.direct.p99), addedP50Ms: 0, addedP99Ms: 0 },
      {
        request: "through our route",
        p50Ms: round1(sequential.ours.p50),
        p99Ms: round1(sequential.ours.p99),
        addedP50Ms: round1(sequential.ours.p50 - sequential.direct.p50),
        addedP99Ms: round1(sequential.ours.p99 - sequential.direct.p99),
      },
    ],
    concurrent: [
      { request: `a bare Next route handler, a ${bodyBytes}-byte JSON body (baseline)`, rps: Math.round(concurrent.bare.rps), p50Ms: round1(concurrent.bare.p50), ratio: 1 },
      { request: "through our route", rps: Math.round(concurrent.ours.rps), p50Ms: round1(concurrent.ours.p50), ratio: Math.round((concurrent.ours.rps / concurrent.bare.rps) * 100) / 100 },
      { request: "the provider directly", rps: Math.round(concurrent.direct.rps), p50Ms: round1(concurrent.direct.p50), ratio: Math.round((concurrent.direct.rps / concurrent.bare.rps) * 100) / 100 },
    ],
    verdict: {
      "added p50 one at a time ≤ 3 ms": sequential.ours.p50 - sequential.direct.p50 <= 3,
      "50 at a time, requests/s ≥ 0.7× the bare route's": concurrent.ours.rps >= 0.7 * concurrent.bare.rps,
    },
  };
}
