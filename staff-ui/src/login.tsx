import { PROVINCE_SCOPE } from "@motcua/protocol";
import { useSignal } from "@preact/signals";
import { asksCenter } from "./center-choice.ts";
import { useT } from "./i18n.ts";
import { choose, listing, scope } from "./store/centers.ts";
import { logIn, loginBusy, loginError } from "./store/session.ts";

export function Login() {
  const t = useT();
  // What is typed is this form's own until it is sent.
  const username = useSignal("");
  const password = useSignal("");
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!(await logIn(username.value.trim(), password.value))) password.value = "";
  };
  const error = loginError.value;
  const centers = listing.value;
  return (
    <form class={asksCenter(centers) ? "login centers" : "login"} onSubmit={submit}>
      {/* Appears when the list has come: the form is usable before, and without it. */}
      {asksCenter(centers) && (
        <label>
          {t.center}
          <select name="center" value={scope.value} onChange={(e) => choose(e.currentTarget.value)}>
            {centers.centers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            {centers.province && <option value={PROVINCE_SCOPE}>{t.provinceScope}</option>}
          </select>
        </label>
      )}
      <label>
        {t.username}
        <input name="username" autocomplete="username" value={username.value} onInput={(e) => (username.value = e.currentTarget.value)} autofocus />
      </label>
      <label>
        {t.password}
        <input name="password" type="password" autocomplete="current-password" value={password.value} onInput={(e) => (password.value = e.currentTarget.value)} />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={loginBusy.value || !username.value || !password.value}>
        {t.logIn}
      </button>
    </form>
  );
}
