import { render } from "preact";
import { Follow } from "./follow.tsx";
import { startFollowing } from "./follow-store.ts";
import { PageHeader } from "./page.tsx";
import { Remote } from "./remote.tsx";
import { startRemote } from "./remote-store.ts";
import { bookFailed, bookPage, lang, openBooking, pageAt } from "./store.ts";
import { WORDS } from "./words.ts";
import "./citizen.css";

/** The booking page while its code is on the way, or when it did not come. */
function BookLoading() {
  const w = WORDS[lang.value];
  const Book = bookPage.value;
  if (Book) return <Book />;
  return (
    <main class="follow book">
      <PageHeader title={w.bookEntry} />
      {bookFailed.value ? (
        <>
          <p class="error loading" role="alert">
            {w.pageFailed}
          </p>
          <button type="button" class="notify" onClick={() => location.reload()}>
            {w.reload}
          </button>
        </>
      ) : (
        <p class="loading">{w.loading}</p>
      )}
    </main>
  );
}

// The address picks the page once: the phone pages never route without a reload.
const page = pageAt(location.pathname);
if (page.name === "follow") startFollowing(page.token);
else if (page.name === "book") void openBooking();
else startRemote();

function App() {
  if (page.name === "follow") return <Follow />;
  if (page.name === "book") return <BookLoading />;
  return <Remote />;
}

render(<App />, document.getElementById("app")!);
