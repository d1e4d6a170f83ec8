import { createContext } from "preact";
import { useContext } from "preact/hooks";
import { loadFresh } from "./fresh.ts";
import type { Outcome } from "./link.ts";

export type Lang = "vi" | "en";

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
  search: "Tìm thủ tục",
  searchNone: "Không tìm thấy thủ tục nào. Xin thử từ khác, hoặc chọn lĩnh vực.",
  searchHint: "Gõ vài chữ của tên thủ tục, có dấu hay không dấu đều được.",
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
  service: "Thủ tục",
  servedAt: "Quầy phục vụ",
  goToCounter: (n: number) => `Xin mời đến quầy số ${n}`,
  ahead: (n: number) => (n === 0 ? "Không có ai trước quý vị" : `Trước quý vị còn ${n} người`),
  wait: "Thời gian chờ dự kiến",
  appointmentAt: (time: string) => `Lịch hẹn lúc ${time} · quý vị sẽ được mời đúng giờ hẹn`,
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
  scanTitle: "Đưa mã QR vào trước camera",
  scanHint: "Căn cước công dân gắn chip, giấy biên nhận hồ sơ, vé số thứ tự, hoặc mã QR lịch hẹn.",
  cameraDenied: "Chưa dùng được camera. Xin dùng máy quét bên cạnh, hoặc nhập mã bên dưới.",
  typeCode: "Hoặc nhập mã hồ sơ / số thứ tự / mã lịch hẹn",
  lookUp: "Tra cứu",
  scanUnknown: "Không đọc được mã này. Xin thử lại, hoặc hỏi cán bộ hướng dẫn.",
  haveAppointment: "Đã đặt lịch hẹn? Quét mã QR hoặc nhập mã lịch hẹn",
  bookingNotFound: "Không tìm thấy lịch hẹn với mã này.",
  appointmentGone: "Lịch hẹn này đã bị huỷ hoặc đã được sử dụng. Xin mời lấy số thường.",
  hello: (name: string) => `Xin chào ${name}!`,
  helloNext: "Xin mời chọn lĩnh vực để lấy số.",
  dossierTitle: "Tình trạng hồ sơ",
  dossierCode: "Mã hồ sơ",
  receivedOn: "Ngày tiếp nhận",
  dueOn: "Ngày hẹn trả",
  dossierStatus: {
    received: "Đã tiếp nhận, đang chờ chuyển xử lý",
    processing: "Đang được giải quyết",
    supplement_needed: "Cần bổ sung giấy tờ. Xin mời đến quầy của lĩnh vực để được hướng dẫn.",
    ready: "Đã có kết quả. Xin mời lấy số để nhận kết quả.",
    returned: "Đã trả kết quả",
    rejected: "Hồ sơ không được giải quyết. Xin mời đến quầy để nghe giải thích.",
  },
  takeReturnTicket: "Lấy số nhận kết quả",
  dossierNotFound: "Không tìm thấy hồ sơ có mã này. Xin kiểm tra lại mã trên giấy biên nhận.",
  ticketStatus: "Số thứ tự",
  statusOf: {
    waiting: "Đang chờ đến lượt",
    called: "Đã được mời lên quầy",
    serving: "Đang được phục vụ",
    parked: "Đang tạm chờ bổ sung",
    done: "Đã phục vụ xong",
    no_show: "Đã gọi nhưng vắng mặt. Xin hỏi cán bộ hướng dẫn.",
    cancelled: "Đã huỷ",
  },
  procedures: "Thủ tục hành chính",
  proceduresTitle: "Danh mục thủ tục hành chính",
  documents: "Giấy tờ cần mang",
  fee: "Phí, lệ phí",
  processingTime: "Thời hạn giải quyết",
  submitAt: "Nơi nộp",
  legalBasis: "Căn cứ pháp lý",
  takeForThis: "Lấy số cho thủ tục này",
  rate: "Đánh giá",
  rateTitle: "Đánh giá mức độ hài lòng",
  rateEnter: "Quét mã QR trên vé, hoặc nhập số thứ tự của quý vị",
  rateHow: (n: string) => `Quý vị hài lòng thế nào với lượt phục vụ số ${n}?`,
  levels: { very_satisfied: "Rất hài lòng", satisfied: "Hài lòng", unsatisfied: "Không hài lòng" },
  reasonsTitle: "Xin cho biết điều chưa hài lòng (chọn một hoặc nhiều)",
  reasons: {
    long_wait: "Chờ lâu",
    unclear_guidance: "Hướng dẫn chưa rõ",
    attitude: "Thái độ cán bộ",
    missing_result: "Chưa nhận được kết quả",
    other: "Lý do khác",
  },
  send: "Gửi đánh giá",
  thanks: "Xin cảm ơn quý vị đã đánh giá!",
  notServedYet: (n: string) => `Số ${n} chưa được phục vụ xong nên chưa thể đánh giá.`,
  help: "Trợ giúp",
  helpTitle: "Cần giúp đỡ?",
  helpStaff: "Xin mời đến bàn hướng dẫn ở sảnh, hoặc giơ tay: cán bộ sẽ đến hỗ trợ.",
  helpHotline: (h: string) => `Đường dây nóng ${h}: phản ánh, kiến nghị về thủ tục hành chính.`,
  helpSteps: [
    "Chọn lĩnh vực, rồi chọn thủ tục để lấy số.",
    "Nhận vé ở khe máy in và ngồi chờ.",
    "Khi màn hình và loa gọi số của quý vị, xin mời đến quầy được gọi.",
    "Sau khi xong việc, xin đánh giá mức độ hài lòng.",
  ],
  offlineTitle: "Hệ thống tạm thời gián đoạn",
  offlineText: "Xin vui lòng chờ trong giây lát, hoặc hỏi cán bộ hướng dẫn. Máy sẽ tự kết nối lại.",
  connecting: "Đang kết nối…",
  refused: "Máy lấy số chưa được cấp quyền. Xin báo cán bộ kỹ thuật.",
  largeText: "Chữ to",
  contrast: "Tương phản",
  language: "English",
  keyboardSpace: "Dấu cách",
  keyboardDelete: "Xoá",
  clear: "Xoá hết",
  errors: {
    UNKNOWN_TICKET: "Không tìm thấy số thứ tự này trong ngày hôm nay.",
    ALREADY_RATED: "Lượt phục vụ này đã được đánh giá. Xin cảm ơn!",
    INVALID_TRANSITION: "Lượt phục vụ này chưa xong nên chưa thể đánh giá.",
    RATE_LIMITED: "Máy đang bận, xin chờ một chút rồi thử lại.",
    NUMBER_RANGE_EXHAUSTED: "Thủ tục này đã hết số trong ngày. Xin hỏi cán bộ hướng dẫn.",
    UNAVAILABLE: "Hệ thống hồ sơ tạm thời chưa trả lời. Xin hỏi cán bộ tại quầy.",
    RATING_CLOSED: "Đã quá thời gian đánh giá cho lượt phục vụ này. Xin cảm ơn quý vị!",
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
  return (x) => (lang === "en" ? x.nameEn : x.name);
};

/** Something to say, in whichever language the citizen is reading when it is drawn. */
export type Say = (t: Dict) => string;

/** The sentence for a failed command, drawn in the language of the moment. */
export const failure =
  (r: Outcome<unknown>): Say =>
  (t) =>
    r.ok ? "" : r.code === "OFFLINE" ? t.offlineTitle : (t.errors[r.code] ?? t.errors.other!);

/**
 * The sentence for a failed check-in (a booking's QR or code, a number taken from home): the
 * codes that mean something else elsewhere (a rating refused, a dossier not found) say so here.
 */
export const checkInFailure =
  (r: Outcome<unknown>): Say =>
  (t) =>
    r.ok ? "" : r.code === "NOT_FOUND" ? t.bookingNotFound : r.code === "INVALID_TRANSITION" ? t.appointmentGone : failure(r)(t);
