/**
 * Reading a draft back from this browser's storage, where anything may be found (another version's
 * shape, a hand edit): a module of its own because it brings zod, which a thread's first scripts
 * do without (use-draft.ts loads it when a composer mounts).
 */
import { z } from "zod/mini";
import { tryRead, type StorageLike } from "./browser-storage";
import { EMPTY_DRAFT, type Draft } from "./draft-store";

const storedDraftSchema = z.object({ text: z.catch(z.string(), ""), subject: z.catch(z.string(), "") });

export function parseDraft(raw: string | null): Draft {
  if (raw === null) return EMPTY_DRAFT;
  try {
    return storedDraftSchema.parse(JSON.parse(raw));
  } catch {
    return EMPTY_DRAFT;
  }
}

export function readDraft(storage: StorageLike, key: string): Draft {
  return parseDraft(tryRead(storage, key));
}
