import type { Lang } from "@motcua/protocol";
import { lang } from "./store/lang.ts";

/**
 * The counter terminal's shortcut help and keyboard hints, and a transfer's note as the receiving
 * counter reads it; Vietnamese first (a word joiner keeps "1–5" on one line).
 */
const vi = {
  open: "Phím tắt",
  title: "Phím tắt của quầy",
  action: "Việc",
  keyboard: "Bàn phím",
  keypad: "Bàn phím số của quầy",
  pauseResume: "Tạm nghỉ / Làm tiếp",
  escape: "Đóng hộp thoại",
  none: "—",
  use: "Dùng bàn phím số của quầy trên máy này (phím 1\u2060–\u20605)",
  useHint:
    "Bàn phím số cắm cổng USB gõ phím như bàn phím thường, không cần phần mềm trạm. Khi bật, phím 1–5 ở hàng số hoặc ở cụm phím số làm như F1–F5, trừ khi đang gõ vào ô nhập hoặc đang mở hộp thoại. Máy này ghi nhớ lựa chọn.",
  on: "Bàn phím số đang bật",
  dialogKeys: "Enter: đồng ý · Esc: huỷ · Tab: sang ô tiếp theo",
  transferNote: "Ghi chú của quầy chuyển",
  pausedHint: "Quầy đang tạm nghỉ. Bấm Làm tiếp (F8) để gọi công dân.",
};
export type TerminalKeysDict = typeof vi;

const en: TerminalKeysDict = {
  open: "Shortcuts",
  title: "Counter shortcuts",
  action: "Action",
  keyboard: "Keyboard",
  keypad: "Counter keypad",
  pauseResume: "Pause / Resume",
  escape: "Close a dialog",
  none: "—",
  use: "Use a counter keypad on this PC (keys 1\u2060–\u20605)",
  useHint:
    "A USB keypad types like an ordinary keyboard; no station agent is needed. When on, keys 1–5 on the top row or the number block do what F1–F5 do, except while typing into a box or with a dialog open. This PC remembers the choice.",
  on: "Keypad on",
  dialogKeys: "Enter: confirm · Esc: cancel · Tab: next box",
  transferNote: "Note from the sending counter",
  pausedHint: "The counter is on a break. Press Resume (F8) to call citizens.",
};

export const TERMINAL_KEYS_TEXT: Record<Lang, TerminalKeysDict> = { vi, en };
export const useTerminalKeysT = (): TerminalKeysDict => TERMINAL_KEYS_TEXT[lang.value];
