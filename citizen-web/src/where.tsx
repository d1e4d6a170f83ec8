import { nameIn } from "@motcua/protocol";
import { pageLink } from "./links.ts";
import { showKm } from "./near.ts";
import { PageHeader } from "./page.tsx";
import { lang } from "./store.ts";
import { waitText } from "./wait-text.ts";
import {
  back,
  canLocate,
  chosen,
  failed,
  found,
  here,
  load,
  locate,
  locating,
  pick,
  procedure,
  procedures,
  query,
  shown,
  typeQuery,
} from "./where-store.ts";
import { WHERE_WORDS } from "./where-words.ts";
import { WORDS } from "./words.ts";
import "./where.css";

/** More than this many procedures and the list asks to be searched rather than scrolled. */
const LISTED = 40;

/** "Làm thủ tục ở đâu?": choose a procedure, then the units that receive it and how to go. */
export function Where() {
  const w = WHERE_WORDS[lang.value];
  const id = chosen.value;
  return (
    <main class="follow where" data-step={id ? "units" : "procedure"}>
      <PageHeader title={w.header} />
      {id ? <Units service={id} /> : <Procedures />}
    </main>
  );
}

function Retry() {
  const w = WHERE_WORDS[lang.value];
  return (
    <div class="failed">
      <p class="error" role="alert">
        {w.loadFailed}
      </p>
      <button type="button" class="notify" onClick={() => void load()}>
        {w.retry}
      </button>
    </div>
  );
}

function Procedures() {
  const l = lang.value;
  const w = WHERE_WORDS[l];
  const list = procedures.value;
  const matching = found.value;
  let body;
  if (!list) body = failed.value ? <Retry /> : <p class="loading">{WORDS[l].loading}</p>;
  else if (list.length === 0) body = <p class="empty">{w.noProcedures}</p>;
  else if (matching.length === 0) body = <p class="empty">{w.noMatch}</p>;
  else {
    body = (
      <>
        <div class="choices procedures">
          {matching.slice(0, LISTED).map((p) => (
            <button type="button" key={p.id} data-service={p.id} class="choice" onClick={() => pick(p.id)}>
              <span class="name">{nameIn(l, p)}</span>
              <span class="meta">{w.unitCount(p.units)}</span>
            </button>
          ))}
        </div>
        {matching.length > LISTED && <p class="hint">{w.more(matching.length - LISTED)}</p>}
      </>
    );
  }
  return (
    <>
      <h1>{w.title}</h1>
      <p class="intro">{w.intro}</p>
      <form
        class="search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          // Enter with one procedure found opens it; otherwise it only closes the keyboard.
          if (matching.length === 1) pick(matching[0]!.id);
          else (document.activeElement as HTMLElement | null)?.blur();
        }}
      >
        <label>
          {w.search}
          <input
            type="search"
            name="q"
            enterKeyHint="search"
            autocomplete="off"
            placeholder={w.searchExample}
            value={query.value}
            onInput={(e) => typeQuery(e.currentTarget.value)}
          />
        </label>
      </form>
      {body}
    </>
  );
}

function Units({ service }: { service: string }) {
  const l = lang.value;
  const w = WHERE_WORDS[l];
  const common = WORDS[l];
  const p = procedure.value;
  const list = shown.value;
  const state = locating.value;
  const note = here.value ? w.byDistance : state === "refused" ? w.refused : state === "failed" ? w.failed : w.byWait;

  let body;
  if (!list) body = failed.value ? <Retry /> : <p class="loading">{common.loading}</p>;
  else if (list.length === 0) body = <p class="empty">{w.none}</p>;
  else {
    body = (
      <ol class="units">
        {list.map((u) => (
          <li key={u.id} class="unit" data-unit={u.id}>
            <h2>{nameIn(l, u)}</h2>
            {u.address && <p class="address">{u.address}</p>}
            {u.km !== null && <p class="km">{w.away(showKm(u.km, l))}</p>}
            <p class="wait">{waitText(u.estimatedWait, l)}</p>
            <p class="waiting">{common.lineNow(u.waiting)}</p>
            {(u.remote || u.appointments) && (
              <div class="actions">
                {u.remote && (
                  <a class="notify take" href={pageLink("/c/", u.id, service)}>
                    {w.remote}
                  </a>
                )}
                {u.appointments && (
                  <a class="to-book" href={pageLink("/c/hen", u.id, service)}>
                    {w.book}
                  </a>
                )}
              </div>
            )}
            {!u.remote && <p class="hint">{w.inPerson}</p>}
          </li>
        ))}
      </ol>
    );
  }

  return (
    <>
      <div class="stepbar">
        <button type="button" class="back" onClick={back}>
          {w.back}
        </button>
      </div>
      <div class="titled">
        {p && <p class="kicker">{w.receivedAt}</p>}
        <h1>{p ? nameIn(l, p) : w.title}</h1>
      </div>
      {list && list.length > 1 && (
        <div class="order">
          {canLocate && !here.value && (
            <button type="button" class="locate" disabled={state === "asking"} onClick={locate}>
              {state === "asking" ? w.locating : w.locate}
            </button>
          )}
          {canLocate && !here.value && state !== "refused" && state !== "failed" && <p class="hint">{w.locateWhy}</p>}
          <p class={`note${state === "refused" || state === "failed" ? " off" : ""}`} data-order={here.value ? "distance" : "wait"} role="status">
            {note}
          </p>
        </div>
      )}
      {body}
    </>
  );
}
