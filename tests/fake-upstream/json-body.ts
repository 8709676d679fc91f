/** A request's body as JSON, or undefined when it is not JSON (JSON itself never parses to undefined). */
export async function jsonOf(request: Request): Promise<unknown> {
  try {
    return JSON.parse(await request.text()) as unknown;
  } catch {
    return undefined;
  }
}
