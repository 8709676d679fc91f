import { z } from "zod";
import { addPersonBodySchema, idParamSchema } from "@/lib/contracts/queries";
import { apiRoute, routeMethods } from "@/lib/server/api-route";
import { addPerson, getPeople } from "@/lib/server/inbox";

export const maxDuration = 30;

const params = z.strictObject({ accountId: idParamSchema });
const noQuery = z.strictObject({});

/** The people whose conversations a Linked API account synchronizes, with their sync state. */
const listPeople = apiRoute({ params, query: noQuery, maxDurationSeconds: maxDuration }, ({ params, signal }) => getPeople(params.accountId, signal));

/** Adds a person and starts their sync; answers at once, with the person still syncing. */
const addOne = apiRoute(
  { params, query: noQuery, body: addPersonBodySchema, maxDurationSeconds: maxDuration, status: 201 },
  ({ params, body, signal }) => addPerson(params.accountId, body, signal),
);

export const { GET, POST, PUT, PATCH, DELETE } = routeMethods({ GET: listPeople, POST: addOne });
