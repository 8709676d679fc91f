/** Search params of our pages, parsed like any other input: unknown or repeated values are ignored. */
import { z } from "zod/mini";

const optionalText = (max: number) => z.optional(z.transform((value: unknown) => (typeof value === "string" && value.length <= max ? value : undefined)));

export const authPageParamsSchema = z.object({ next: optionalText(2048), error: optionalText(100) });

export function parseAuthPageParams(params: Record<string, string | string[] | undefined>): { next?: string; error?: string } {
  return authPageParamsSchema.parse(params);
}
