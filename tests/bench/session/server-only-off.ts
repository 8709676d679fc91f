/**
 * Preloaded (`tsx --import`) by the session bench, which runs the browser's query code and the
 * server's reading code in one process on one fake clock. React's client build is needed for
 * TanStack Query, so the process runs without the react-server condition, under which `server-only`
 * would throw on import: it is registered here as the empty module it is under that condition.
 */
import Module, { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const resolved = require.resolve("server-only");
const empty = new Module(resolved);
empty.loaded = true;
empty.exports = {};
require.cache[resolved] = empty;
