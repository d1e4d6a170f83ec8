import { AREA_CLASSES, AREA_YARDSTICK, UNIT_LEVELS, type AreaClass, type UnitLevel } from "@motcua/protocol";
import { Labelled } from "./admin-parts.tsx";
import { useLang } from "./i18n.ts";
import { PASSWORD_MIN, problems, type Field } from "./new-center.ts";
import { useProvinceT } from "./province-i18n.ts";
import * as province from "./store/province.ts";
import { count } from "./unit-figures.ts";
import "./province.css";

/**
 * The province's centers to manage: the centers of the deployment, and a new center with its first
 * admin. What a center holds is its own admins' to set up, on the administration screen.
 */
export function Province() {
  const t = useProvinceT();
  return (
    <section class="province">
      <CenterList />
      <div class="card new-center">
        <h2>{t.create}</h2>
        <p class="hint">{t.createHint}</p>
        <Outcome />
        <NewCenterForm />
      </div>
    </section>
  );
}

function CenterList() {
  const t = useProvinceT();
  const list = province.centers.value;
  const s = province.status.value;
  const made = s?.kind === "created" ? s.id : null;
  return (
    <div class="card centers">
      <h2>{t.centers}</h2>
      <p class="hint">{t.centersHint}</p>
      {!list ? (
        province.loadError.value ? (
          <div class="error banner" role="alert">
            <p>
              {t.loadFailed} {province.loadError.value}
            </p>
            <button type="button" onClick={() => void province.load()}>
              {t.retry}
            </button>
          </div>
        ) : (
          <p class="loading">{t.loading}</p>
        )
      ) : list.length === 0 ? (
        <p>{t.none}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t.name}</th>
              <th>{t.id}</th>
              <th>{t.level}</th>
              <th>{t.area}</th>
              <th>{t.mode}</th>
              <th class="num">{t.counters}</th>
              <th class="num">{t.admins}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((c) => (
              <tr key={c.id} data-center={c.id} class={c.id === made ? "new" : undefined}>
                <td class="name">{c.name}</td>
                <td>
                  <code>{c.id}</code>
                </td>
                <td class="place">{t.levels[c.level]}</td>
                <td class="place">{t.areas[c.area]}</td>
                <td>
                  <span class={`mode ${c.mode}`}>{t.modes[c.mode]}</span>
                </td>
                <td class="num">{c.counters}</td>
                {/* A center nobody administers cannot be set up: the province has to see it. */}
                <td class={`num${c.admins === 0 ? " none" : ""}`}>{c.admins === 0 ? `0 – ${t.noAdmin}` : c.admins}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** What the last creation came to, above the form that made it. */
function Outcome() {
  const t = useProvinceT();
  const s = province.status.value;
  if (!s) return null;
  if (s.kind === "created") {
    return (
      <p class="toast" role="status" data-status="created">
        {t.created(s.name, s.username)}
      </p>
    );
  }
  return (
    <div class="error banner" role="alert" data-status="error">
      <p>{s.text}</p>
      {s.details.length > 0 && (
        <ul>
          {s.details.map((x, i) => (
            <li key={i}>
              <code>{x.text}</code>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function NewCenterForm() {
  const t = useProvinceT();
  const lang = useLang();
  const f = province.form.value;
  const others = province.centers.value ?? [];
  const bad = problems(f);
  const busy = province.busy.value;
  // A box is marked once something is typed in it: an empty form is not wrong yet.
  const box = (field: Field, label: string, opts: { hint?: string; password?: boolean; maxLength?: number } = {}) => {
    const invalid = f[field] !== "" && (bad as string[]).includes(field);
    return (
      <Labelled label={label} hint={opts.hint}>
        <input
          name={field}
          type={opts.password ? "password" : "text"}
          autocomplete={opts.password ? "new-password" : "off"}
          spellcheck={false}
          maxLength={opts.maxLength}
          class={invalid ? "bad" : undefined}
          aria-invalid={invalid ? "true" : undefined}
          value={f[field]}
          onInput={(e) => province.fill(field, e.currentTarget.value)}
        />
      </Labelled>
    );
  };
  return (
    <form
      class="new-center-form"
      onSubmit={(e) => {
        e.preventDefault();
        void province.create();
      }}
    >
      {box("name", t.name, { maxLength: 120 })}
      {box("id", t.centerId, { hint: t.centerIdHint, maxLength: 40 })}
      {box("nameEn", t.nameEn, { maxLength: 120 })}
      <Labelled label={t.level}>
        <select name="level" value={f.level} onChange={(e) => province.pick("level", e.currentTarget.value as UnitLevel)}>
          {UNIT_LEVELS.map((l) => (
            <option key={l} value={l}>
              {t.levels[l]}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled label={t.area} hint={t.areaHint}>
        <select name="area" value={f.area} onChange={(e) => province.pick("area", e.currentTarget.value as AreaClass)}>
          {AREA_CLASSES.map((a) => (
            <option key={a} value={a}>
              {t.areaOption(t.areas[a], count(AREA_YARDSTICK[a], lang))}
            </option>
          ))}
        </select>
      </Labelled>
      <Labelled label={t.parent}>
        <select name="parentId" value={f.parentId} onChange={(e) => province.pick("parentId", e.currentTarget.value)}>
          <option value="">{t.noParent}</option>
          {others.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Labelled>
      {box("address", t.address, { maxLength: 120 })}
      <fieldset>
        <legend>{t.firstAdmin}</legend>
        {box("username", t.username, { hint: t.usernameHint, maxLength: 32 })}
        {box("displayName", t.displayName, { maxLength: 120 })}
        {box("password", t.password, { hint: t.passwordHint(PASSWORD_MIN), password: true, maxLength: 128 })}
      </fieldset>
      <button type="submit" class="primary" disabled={busy || bad.length > 0}>
        {busy ? t.creating : t.submit}
      </button>
    </form>
  );
}
