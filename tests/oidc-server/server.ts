/**
 * A real OpenID Connect provider for the browser tests (oidc-provider), in its own process: the
 * company identity provider a team would configure (Google Workspace, Entra, Okta), on localhost.
 * One client, a fixed list of users, and a plain login form (consent is granted automatically).
 *
 * Env: OIDC_PORT, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URIS (comma-separated, exact),
 * OIDC_USERS (JSON [{email, password, name}]).
 */
import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import Provider, { type Configuration, type FindAccount, type KoaContextWithOIDC } from "oidc-provider";
import { z } from "zod";

const env = z
  .object({
    OIDC_PORT: z.coerce.number().int().default(4011),
    OIDC_CLIENT_ID: z.string().default("e2e-oidc-client"),
    OIDC_CLIENT_SECRET: z.string().default("e2e-oidc-secret"),
    OIDC_REDIRECT_URIS: z.string().default("http://127.0.0.1:3100/api/auth/callback/company"),
    OIDC_USERS: z.string().default("[]"),
  })
  .parse(process.env);

const issuer = `http://127.0.0.1:${env.OIDC_PORT}`;
const users = z.array(z.object({ email: z.string(), password: z.string(), name: z.string() })).parse(JSON.parse(env.OIDC_USERS));
const subjectOf = (email: string) => createHash("sha256").update(email.toLowerCase()).digest("hex").slice(0, 24);
const accounts = new Map(users.map((user) => [subjectOf(user.email), user]));

const findAccount: FindAccount = async (_ctx, sub) => {
  const user = accounts.get(sub);
  if (!user) return undefined;
  return { accountId: sub, claims: async () => ({ sub, email: user.email, email_verified: true, name: user.name }) };
};

const configuration: Configuration = {
  clients: [
    {
      client_id: env.OIDC_CLIENT_ID,
      client_secret: env.OIDC_CLIENT_SECRET,
      redirect_uris: env.OIDC_REDIRECT_URIS.split(",").map((uri) => uri.trim()),
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  jwks: { keys: [{ ...generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ format: "jwk" }), kid: `e2e-${randomBytes(4).toString("hex")}`, alg: "RS256", use: "sig" }] },
  findAccount,
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // Email and name in the id_token too, not only from /userinfo.
  conformIdTokenClaims: false,
  pkce: { required: () => true },
  features: { devInteractions: { enabled: false } },
  // The only client is first-party: once signed in, whatever openid/email/profile it asked for is granted.
  async loadExistingGrant(ctx: KoaContextWithOIDC) {
    const { client, session } = ctx.oidc;
    if (!client || !session?.accountId) return undefined;
    const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
    const grant = (grantId ? await ctx.oidc.provider.Grant.find(grantId) : undefined) ?? new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
    grant.addOIDCScope(String(ctx.oidc.params?.scope ?? "openid"));
    await grant.save();
    return grant;
  },
  // Cookies are not port-scoped: ours must never collide with the app's on 127.0.0.1.
  cookies: { names: { session: "oidc_session", interaction: "oidc_interaction", resume: "oidc_resume" }, keys: [randomBytes(16).toString("hex")] },
  ttl: { AccessToken: 3600, AuthorizationCode: 60, IdToken: 3600, Interaction: 3600, Session: 3600, Grant: 3600 },
  clientBasedCORS: () => false,
  async renderError(ctx, out) {
    ctx.type = "html";
    ctx.body = page("Error", `<h1>Sign-in error</h1><pre>${escapeHtml(JSON.stringify(out))}</pre>`);
  },
};

const provider = new Provider(issuer, configuration);

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body>${body}</body></html>`;
}

function loginPage(uid: string, error = ""): string {
  return page(
    "Company SSO",
    `<h1>Company SSO</h1>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label for="email">Email</label><input id="email" name="email" type="email" required>
<label for="password">Password</label><input id="password" name="password" type="password" required>
<button type="submit">Sign in</button></form>`,
  );
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of request) body += String(chunk);
  return new URLSearchParams(body.slice(0, 10_000));
}

function send(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
  response.end(html);
}

async function interaction(request: IncomingMessage, response: ServerResponse, uid: string, action: string | undefined): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  if (details.uid !== uid) return send(response, 400, page("Error", "<p>Interaction mismatch.</p>"));
  if (request.method === "GET" && details.prompt.name === "login") return send(response, 200, loginPage(uid));
  if (request.method === "POST" && action === "login") {
    const form = await readForm(request);
    const sub = subjectOf(form.get("email") ?? "");
    const user = accounts.get(sub);
    if (!user || user.password !== form.get("password")) return send(response, 200, loginPage(uid, "Invalid email or password."));
    return provider.interactionFinished(request, response, { login: { accountId: sub } }, { mergeWithLastSubmission: false });
  }
  return send(response, 400, page("Error", "<p>Unsupported step.</p>"));
}

const handle = provider.callback();
createServer((request, response) => {
  const match = /^\/interaction\/([^/]+)(?:\/(login))?\/?$/.exec(new URL(request.url ?? "/", issuer).pathname);
  if (!match?.[1]) return void handle(request, response);
  interaction(request, response, match[1], match[2]).catch((error: unknown) => send(response, 500, page("Error", `<pre>${escapeHtml(String(error))}</pre>`)));
}).listen(env.OIDC_PORT, "127.0.0.1", () => console.log(`[oidc] ${issuer} ready (${users.length} users)`));
