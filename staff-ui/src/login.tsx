import { useState } from "preact/hooks";
import { useT } from "./i18n.ts";
import { logIn, type Session } from "./session.ts";

export function Login({ onSession }: { onSession: (s: Session) => void }) {
  const t = useT();
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const r = await logIn(username.trim(), password);
    setBusy(false);
    if ("token" in r) return onSession(r);
    setPassword("");
    setError(r.error === "RATE_LIMITED" ? t.tooMany : r.error === "OFFLINE" ? t.offline : t.loginFailed);
  };
  return (
    <form class="login" onSubmit={submit}>
      <label>
        {t.username}
        <input name="username" autocomplete="username" value={username} onInput={(e) => setUsername(e.currentTarget.value)} autofocus />
      </label>
      <label>
        {t.password}
        <input name="password" type="password" autocomplete="current-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
      </label>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="primary" disabled={busy || !username || !password}>
        {t.logIn}
      </button>
    </form>
  );
}
