import { ERROR_TEXT, type ErrorCode, type Lang } from "@motcua/protocol";

/** What an officer reads when a command fails: the protocol's plain sentence for its code. */
export function errorText(r: { code: ErrorCode | "OFFLINE" }, lang: Lang): string {
  if (r.code === "OFFLINE") return lang === "vi" ? "Mất kết nối tới máy chủ; đang kết nối lại…" : "Lost the server; reconnecting…";
  return ERROR_TEXT[r.code][lang];
}
