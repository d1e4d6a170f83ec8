import { flipLang, lang } from "./store.ts";
import { WORDS } from "./words.ts";

/** Every phone page's top bar: the center's name (or the page's, until the center has answered) and the language switch. */
export function PageHeader({ title }: { title: string }) {
  return (
    <header>
      <span>{title}</span>
      <button type="button" onClick={flipLang}>
        {WORDS[lang.value].language}
      </button>
    </header>
  );
}
