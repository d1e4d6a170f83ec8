import type { Lang } from "@motcua/protocol";
import type { ReadonlySignal } from "@preact/signals";
import { App } from "./app.tsx";
import { useT } from "./i18n.ts";
import { lang } from "./store/lang.ts";
import "./waiting.css";

const TEXT: Record<Lang, { title: string; detail: string }> = {
  vi: {
    title: "Đang chờ máy chủ",
    detail: "Máy chủ chưa trả lời. Trang sẽ tự mở lại khi máy chủ hoạt động trở lại; quý vị không cần tải lại trang.",
  },
  en: {
    title: "Waiting for the server",
    detail: "The server is not answering yet. This page comes back by itself once it does; there is no need to reload it.",
  },
};

/**
 * The staff screens, or, while a page the offline shell kept (a counter PC that started, or
 * reloaded, while the server was away) waits for the server, a page that says so. Behind it the
 * screens already try: the terminal's link and the login's list of centers come back by themselves.
 */
export function StaffScreen({ waiting }: { waiting: ReadonlySignal<boolean> }) {
  const t = useT();
  if (!waiting.value) return <App />;
  const w = TEXT[lang.value];
  return (
    <div class="staff">
      <header>
        <strong>{t.title}</strong>
      </header>
      <section class="waiting-server" role="status">
        <span class="spinner" aria-hidden="true" />
        <h1>{w.title}</h1>
        <p>{w.detail}</p>
      </section>
    </div>
  );
}
