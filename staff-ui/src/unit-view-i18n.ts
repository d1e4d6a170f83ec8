import type { Lang } from "@motcua/protocol";
import { lang } from "./store/lang.ts";

/** The words around a unit's dashboard as the province looks at it, Vietnamese first. */
const vi = {
  back: "‹ Toàn tỉnh",
  backTitle: "Quay lại bảng số liệu toàn tỉnh",
  open: (unit: string) => `Xem bảng điều hành của ${unit}`,
  openHint: "Bấm vào một đơn vị để xem bảng điều hành của đơn vị đó (chỉ xem).",
  readOnlyLead: "Chỉ xem",
  readOnly: (unit: string) => `quý vị đang xem bảng điều hành của ${unit}`,
  connecting: "Đang kết nối tới đơn vị…",
  refused: "Không mở được bảng điều hành của đơn vị này: đơn vị không còn trên máy chủ, hoặc tài khoản không được xem. Quý vị vui lòng quay lại Toàn tỉnh.",
};
export type UnitViewDict = typeof vi;

const en: UnitViewDict = {
  back: "‹ Whole province",
  backTitle: "Back to the whole province's figures",
  open: (unit) => `Open the dashboard of ${unit}`,
  openHint: "Click a unit to see its own dashboard (view only).",
  readOnlyLead: "View only",
  readOnly: (unit) => `you are looking at the dashboard of ${unit}`,
  connecting: "Connecting to the unit…",
  refused: "This unit's dashboard could not be opened: the unit is no longer on the server, or this account may not see it. Please go back to the whole province.",
};

export const UNIT_VIEW_TEXT: Record<Lang, UnitViewDict> = { vi, en };
export const useUnitViewT = (): UnitViewDict => UNIT_VIEW_TEXT[lang.value];
