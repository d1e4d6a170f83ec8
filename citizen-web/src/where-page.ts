// What /c/?chon=don-vi fetches when it is opened: the units page and its store, in one chunk.
export { Where } from "./where.tsx";
export { startWhere } from "./where-store.ts";
