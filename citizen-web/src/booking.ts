// What /c/hen fetches when it is opened: the booking page and its store, in one chunk.
export { Book } from "./book.tsx";
export { startBooking } from "./book-store.ts";
