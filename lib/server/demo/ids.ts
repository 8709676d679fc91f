import "server-only";
import { hashInts, mix32 } from "@/lib/server/demo/random";

/** The rep's own member URN id: LinkedIn conversation and message URNs are scoped to the mailbox owner. */
const OWNER_PROFILE_URN = "urn:li:fsd_profile:ACoAADx7Qm2BvT1nR0cLk9eWfHsY4pZaUj8gE3o";

function hex8(value: number): string {
  return value.toString(16).padStart(8, "0");
}

/** A UUID-shaped string derived from the seeds (not random: the demo is deterministic). */
function uuidFrom(...seeds: number[]): string {
  const seed = hashInts(...seeds);
  const hex = hex8(mix32(seed ^ 1)) + hex8(mix32(seed ^ 2)) + hex8(mix32(seed ^ 3)) + hex8(mix32(seed ^ 4));
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function base64(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

/** Shaped like the seed's `urn:li:msg_conversation:(urn:li:fsd_profile:ACoAA…,2-<base64 of "<uuid>_100">)`. */
export function conversationUrn(conversationSeed: number): string {
  return `urn:li:msg_conversation:(${OWNER_PROFILE_URN},2-${base64(`${uuidFrom(conversationSeed)}_100`)})`;
}

/** Shaped like the seed's `urn:li:msg_message:(urn:li:fsd_profile:ACoAA…,2-<base64>)`. */
export function messageUrn(conversationSeed: number, messageSeed: number): string {
  return `urn:li:msg_message:(${OWNER_PROFILE_URN},2-${base64(`${uuidFrom(conversationSeed, messageSeed)}_${messageSeed}`)})`;
}
