import "server-only";
import { z } from "zod";

/**
 * The only reader of process.env. Parsed once, on first use and at server start
 * (instrumentation.ts), so a bad configuration fails loudly with the variable's name.
 */
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const envSchema = z
  .object({
    LINKUP_API_KEY: optionalText,
    LINKUP_ACCOUNT_ID: optionalText,
    LINKUP_BASE_URL: z.url({ protocol: /^https?$/ }).default("https://api.linkupapi.com/v2"),
    LINKUP_PROFILE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
    LINKUP_ACCOUNT_LABEL: optionalText,
    UPSTREAM_TIMEOUT_MS: z
      .string()
      .regex(/^\d+$/, "must be a whole number of milliseconds")
      .transform(Number)
      .pipe(z.number().int().min(100).max(60_000))
      .default(10_000),
  })
  .superRefine((env, ctx) => {
    if (env.LINKUP_API_KEY && !env.LINKUP_ACCOUNT_ID) {
      ctx.addIssue({ code: "custom", path: ["LINKUP_ACCOUNT_ID"], message: "is required when LINKUP_API_KEY is set" });
    }
    if (env.LINKUP_ACCOUNT_ID && !env.LINKUP_API_KEY) {
      ctx.addIssue({ code: "custom", path: ["LINKUP_API_KEY"], message: "is required when LINKUP_ACCOUNT_ID is set" });
    }
  });

export type Env = z.infer<typeof envSchema>;

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".") || "(env)"}: ${issue.message}`);
    throw new Error(`Invalid environment configuration:\n${problems.join("\n")}\nSee .env.example.`);
  }
  return result.data;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
