// What every phone page shares: its header, and reading the server's answer.

/** The page's top bar: the center's name (or the page's, until the center has answered) and the language switch. */
export function PageHeader({ title, language, onLang }: { title: string; language: string; onLang: () => void }) {
  return (
    <header>
      <span>{title}</span>
      <button type="button" onClick={onLang}>
        {language}
      </button>
    </header>
  );
}

/** The server's answer, whatever came back: a proxy's error page is not JSON. */
export async function ask(url: string, init?: RequestInit): Promise<{ ok: boolean; status: number; body: unknown }> {
  const res = await fetch(url, init);
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // Not JSON: only the status tells.
  }
  return { ok: res.ok, status: res.status, body };
}

/** The failure code in an answer's body; "" when there is none. */
export const codeOf = (body: unknown): string =>
  body !== null && typeof body === "object" && "code" in body && typeof body.code === "string" ? body.code : "";
