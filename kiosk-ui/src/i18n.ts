import { nameIn, type Lang } from "@motcua/protocol";
import type { Answer } from "@motcua/protocol/client";
import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { loadFresh } from "./fresh.ts";

/**
 * Every word the kiosk says, Vietnamese first. Written for a grandmother in a busy hall: short,
 * polite ("quý vị", "xin mời"), and always saying what to do next.
 */
const vi = {
  appTitle: "Lấy số thứ tự",
  takeTicket: "Lấy số thứ tự",
  chooseField: "Xin mời chọn lĩnh vực cần giải quyết",
  chooseService: "Xin mời chọn thủ tục",
  searchPlaceholder: "Tìm thủ tục, ví dụ: khai sinh",
  waiting: (n: number) => `${n} người đang chờ`,
  band: (min: number, max: number) => (max <= 0 ? "sắp đến lượt" : `khoảng ${min}–${max} phút`),
  counters: (ns: number[]) => (ns.length === 0 ? "" : ns.length === 1 ? `Quầy ${ns[0]}` : `Quầy ${ns.join(", ")}`),
  priorityQuestion: "Quý vị có thuộc nhóm được ưu tiên không?",
  priorityNone: "Không, lấy số thường",
  priorityHint: "Người được ưu tiên sẽ được mời sớm hơn. Cán bộ có thể hỏi giấy tờ chứng minh.",
  suggested: "Gợi ý cho quý vị",
  issuing: "Đang lấy số, xin chờ trong giây lát…",
  issueFailed: "Chưa lấy được số. Xin bấm thử lại, hoặc hỏi cán bộ hướng dẫn.",
  tryAgain: "Thử lại",
  yourNumber: "Số thứ tự của quý vị",
  servedAt: "Quầy phục vụ",
  goToCounter: (n: number) => `Xin mời đến quầy số ${n}`,
  ahead: (n: number) => (n === 0 ? "Không có ai trước quý vị" : `Trước quý vị còn ${n} người`),
  wait: "Thời gian chờ dự kiến",
  appointmentAt: (time: string) => `Lịch hẹn lúc ${time}`,
  /** After a band that counts from the counters' start: "khoảng 0–5 phút sau 07:30". */
  after: (time: string) => ` sau ${time}`,
  callsFrom: (time: string) => `Quý vị sẽ được gọi từ ${time}`,
  followQr: "Quét mã này bằng điện thoại để theo dõi lượt của mình",
  printing: "Đang in vé…",
  printed: "Mời nhận vé ở khe máy in bên dưới.",
  printLate: "Chưa in được vé. Số của quý vị vẫn có hiệu lực: xin ghi nhớ số trên màn hình hoặc quét mã QR, và báo cán bộ hướng dẫn nếu cần vé giấy.",
  printTrouble: "Máy in đang gặp sự cố. Số của quý vị vẫn có hiệu lực: xin ghi nhớ số trên màn hình hoặc quét mã QR. Cán bộ đã được báo.",
  paperOut: "Máy in hết giấy. Số của quý vị vẫn có hiệu lực: xin ghi nhớ số trên màn hình hoặc quét mã QR. Cán bộ đã được báo.",
  printerDown: "Máy in đang tạm dừng: số thứ tự sẽ hiện trên màn hình và trong mã QR.",
  done: "Xong",
  back: "Quay lại",
  home: "Về màn hình chính",
  scan: "Quét mã QR",
  scanUnknown: "Không đọc được mã này. Xin thử lại, hoặc hỏi cán bộ hướng dẫn.",
  haveAppointment: "Đã đặt lịch hẹn? Quét mã QR hoặc nhập mã lịch hẹn",
  bookingNotFound: "Không tìm thấy lịch hẹn với mã này.",
  appointmentGone: "Lịch hẹn này đã bị huỷ hoặc đã được sử dụng. Xin mời lấy số thường.",
  hello: (name: string) => `Xin chào ${name}!`,
  helloNext: "Xin mời chọn lĩnh vực để lấy số.",
  dossierNotFound: "Không tìm thấy hồ sơ có mã này. Xin kiểm tra lại mã trên giấy biên nhận.",
  procedures: "Thủ tục hành chính",
  rate: "Đánh giá",
  help: "Trợ giúp",
  offlineTitle: "Hệ thống tạm thời gián đoạn",
  offlineText: "Xin vui lòng chờ trong giây lát, hoặc hỏi cán bộ hướng dẫn. Máy sẽ tự kết nối lại.",
  connecting: "Đang kết nối…",
  refused: "Máy lấy số chưa được cấp quyền. Xin báo cán bộ kỹ thuật.",
  readAloud: "Đọc to",
  readingOn: "Đang đọc to",
  largeText: "Chữ to",
  // Says what the citizen will see; "Tương phản" (contrast) is a printer's word.
  contrast: "Nền tối, chữ sáng",
  scrollMore: "Kéo xuống để xem thêm ▾",
  language: "English",
  errors: {
    UNKNOWN_TICKET: "Không tìm thấy số thứ tự này trong ngày hôm nay.",
    RATE_LIMITED: "Máy đang bận, xin chờ một chút rồi thử lại.",
    NUMBER_RANGE_EXHAUSTED: "Thủ tục này đã hết số trong ngày. Xin hỏi cán bộ hướng dẫn.",
    UNAVAILABLE: "Hệ thống hồ sơ tạm thời chưa trả lời. Xin hỏi cán bộ tại quầy.",
    APPOINTMENT_NOT_NOW: "Chưa đến giờ nhận lịch hẹn này. Xin quay lại vào giờ nhận ghi trên lịch hẹn (ít phút trước giờ hẹn), hoặc lấy số thường.",
    other: "Có lỗi xảy ra. Xin thử lại, hoặc hỏi cán bộ hướng dẫn.",
  } as Record<string, string>,
};

export type Dict = typeof vi;

/**
 * The words by language. English is fetched just after the start screen is up, with the other
 * screens (few citizens need it, and the start screen must load small): until `loadEnglish` has
 * resolved, "en" holds the Vietnamese words and the kiosk does not switch to it.
 */
export const DICTIONARY: Record<Lang, Dict> = { vi, en: vi };

let english: Promise<void> | null = null;
/** Fetches the English words once (again after a failure); resolves when the kiosk can speak English. */
export const loadEnglish = (): Promise<void> =>
  (english ??= loadFresh(() => import("./i18n-en.ts")).then(
    (m) => void (DICTIONARY.en = m.en),
    (e: unknown) => {
      english = null;
      throw e;
    },
  ));

export const LangContext = createContext<Lang>("vi");
export const useLang = (): Lang => useContext(LangContext);
/** The words in the language the citizen chose. */
export const useT = (): Dict => DICTIONARY[useContext(LangContext)];
/** A name from the server in the chosen language. */
export const useName = (): ((x: { name: string; nameEn: string }) => string) => {
  const lang = useContext(LangContext);
  return (x) => nameIn(lang, x);
};

/** Something to say, in whichever language the citizen is reading when it is drawn. */
export type Say = (t: Dict) => string;

/** The sentence for a failed command, drawn in the language of the moment. */
export const failure =
  (r: Answer<unknown>): Say =>
  (t) =>
    r.ok ? "" : r.code === "OFFLINE" ? t.offlineTitle : (t.errors[r.code] ?? t.errors.other!);
