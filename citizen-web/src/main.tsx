import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import type { Book as BookPage } from "./book.tsx";
import { Follow } from "./follow.tsx";
import { PageHeader } from "./page.tsx";
import { Remote } from "./remote.tsx";
import { WORDS, type Lang } from "./words.ts";
import "./citizen.css";

/** The booking pages, fetched only when someone opens them: the follow page stays small. */
function Book({ lang, onLang }: { lang: Lang; onLang: () => void }) {
  const [page, setPage] = useState<{ Book: typeof BookPage } | null>(null);
  const [failed, setFailed] = useState(false);
  const w = WORDS[lang];
  useEffect(() => {
    import("./book.tsx").then(setPage, () => setFailed(true));
  }, []);
  if (page) return <page.Book lang={lang} onLang={onLang} />;
  return (
    <main class="follow book">
      <PageHeader title={w.bookEntry} language={w.language} onLang={onLang} />
      {failed ? (
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

function App() {
  const [lang, setLang] = useState<Lang>("vi");
  const flip = () => {
    const next = lang === "vi" ? "en" : "vi";
    document.documentElement.lang = next;
    setLang(next);
  };
  const follow = /^\/f\/([A-Za-z0-9_-]{1,64})\/?$/.exec(location.pathname);
  if (follow) return <Follow token={follow[1]!} lang={lang} onLang={flip} />;
  if (/^\/c\/hen\/?$/.test(location.pathname)) return <Book lang={lang} onLang={flip} />;
  return <Remote lang={lang} onLang={flip} />;
}

render(<App />, document.getElementById("app")!);
