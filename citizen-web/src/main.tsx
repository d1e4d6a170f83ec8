import { render } from "preact";
import { Follow } from "./follow.tsx";
import { startFollowing } from "./follow-store.ts";
import { PageHeader } from "./page.tsx";
import { Remote } from "./remote.tsx";
import { startRemote } from "./remote-store.ts";
import { lang, laterFailed, laterPage, openLater, pageAt, type LaterPage } from "./store.ts";
import { WORDS } from "./words.ts";
import "./citizen.css";

/** The booking page or the units page while its code is on the way, or when it did not come. */
function Later({ page }: { page: LaterPage }) {
  const w = WORDS[lang.value];
  const Page = laterPage.value;
  if (Page) return <Page />;
  return (
    <main class={`follow ${page}`}>
      <PageHeader title={page === "book" ? w.bookEntry : w.whereTitle} />
      {laterFailed.value ? (
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
const page = pageAt(location.pathname, location.search);
if (page.name === "follow") startFollowing(page.token);
else if (page.name === "book" || page.name === "where") void openLater(page.name);
else startRemote();

function App() {
  if (page.name === "follow") return <Follow />;
  if (page.name === "book" || page.name === "where") return <Later page={page.name} />;
  return <Remote />;
}

render(<App />, document.getElementById("app")!);
