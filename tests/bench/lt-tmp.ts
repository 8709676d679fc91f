import { longThreadBench } from "./long-thread";
const t = Date.now();
void longThreadBench("http://localhost:3950", "Evelyn Hartmann").then((r) => { console.table(r.longThread); console.log(r.longThreadPaging, (Date.now() - t) / 1000, "s"); });
