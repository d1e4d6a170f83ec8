import { pageLink, WHERE_PAGE } from "./links.ts";
import { centerChoices, flipLang, lang, loadCenterChoices } from "./store.ts";
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

/**
 * Where the page cannot tell which center it is for: the centers to choose from (this page again,
 * naming one), or, until they come or if they cannot, the way to the right address.
 */
export function NoCenter() {
  const w = WORDS[lang.value];
  const centers = centerChoices.value;
  if (centers === null) void loadCenterChoices();
  return (
    <section class="no-center" data-center="unknown">
      <p class={centers?.length ? "" : "error"} role="alert">
        {centers?.length ? w.chooseCenter : w.noCenter}
      </p>
      {centers?.map((c) => (
        <a key={c.id} class="choice" href={pageLink(location.pathname, c.id)}>
          <span class="name">{c.name} ›</span>
        </a>
      ))}
      <WhereEntry />
    </section>
  );
}

/** "Chưa biết đi đâu?": the units that receive a procedure, for a citizen who does not know which to go to. */
export function WhereEntry() {
  const w = WORDS[lang.value];
  return (
    <a class="choice where-entry" href={WHERE_PAGE}>
      <span class="name">{w.whereEntry} ›</span>
      <span class="meta">{w.whereEntryMeta}</span>
    </a>
  );
}
