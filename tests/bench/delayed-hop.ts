/**
 * A TCP hop that holds every chunk for `oneWayMs` in each direction: a database a network away
 * (a serverless function and its Postgres are a few milliseconds apart), on one machine.
 */
import { connect, createServer, type Socket } from "node:net";

export type DelayedHop = { port: number; close: () => Promise<void> };

function forward(from: Socket, to: Socket, oneWayMs: number): void {
  // Equal delays fire in the order they were set: the stream stays in order.
  from.on("data", (chunk) => setTimeout(() => to.write(chunk), oneWayMs));
  from.on("end", () => setTimeout(() => to.end(), oneWayMs));
  from.on("error", () => to.destroy());
}

export async function startDelayedHop(target: { host: string; port: number }, oneWayMs: number): Promise<DelayedHop> {
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("close", () => sockets.delete(socket));
    }
    forward(client, upstream, oneWayMs);
    forward(upstream, client, oneWayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the delayed hop has no port");
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
