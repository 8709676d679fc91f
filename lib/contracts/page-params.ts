/** Search params of our pages, parsed like any other input: unknown or repeated values are ignored. */
import { z } from "zod";

const optionalText = (max: number) =>
  z
    .unknown()
    .transform((value) => (typeof value === "string" && value.length <= max ? value : undefined))
    .optional();

export const authPageParamsSchema = z.object({ next: optionalText(2048), error: optionalText(100) });

export function parseAuthPageParams(params: Record<string, string | string[] | undefined>): { next?: string; error?: string } {
  return authPageParamsSchema.parse(params);
}
