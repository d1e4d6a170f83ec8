import { render } from "preact";
import { useState } from "preact/hooks";
import { Follow } from "./follow.tsx";
import { Remote } from "./remote.tsx";
import type { Lang } from "./words.ts";
import "./citizen.css";

function App() {
  const [lang, setLang] = useState<Lang>("vi");
  const flip = () => {
    const next = lang === "vi" ? "en" : "vi";
    document.documentElement.lang = next;
    setLang(next);
  };
  const follow = /^\/f\/([A-Za-z0-9_-]{1,64})\/?$/.exec(location.pathname);
  if (follow) return <Follow token={follow[1]!} lang={lang} onLang={flip} />;
  return <Remote lang={lang} onLang={flip} />;
}

render(<App />, document.getElementById("app")!);
