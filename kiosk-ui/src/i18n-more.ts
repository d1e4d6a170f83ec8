import { DICTIONARY, useLang, type Dict } from "./i18n.ts";

/*
 * The words of the rarer screens (search, scan, dossier, procedures, rating, help), in both
 * languages: they load with those screens (more.tsx), so the start screen loads small.
 */

const vi = {
  search: "Tìm thủ tục",
  searchNone: "Không tìm thấy thủ tục nào. Xin thử từ khác, hoặc chọn lĩnh vực.",
  searchHint: "Gõ vài chữ của tên thủ tục, có dấu hay không dấu đều được.",
  service: "Thủ tục",
  scanTitle: "Đưa mã QR vào trước camera",
  scanHint: "Thẻ căn cước gắn chip, giấy biên nhận hồ sơ, vé số thứ tự, hoặc mã QR lịch hẹn.",
  cameraDenied: "Chưa dùng được camera. Xin dùng máy quét bên cạnh, hoặc nhập mã bên dưới.",
  typeCode: "Hoặc nhập mã hồ sơ / số thứ tự / mã lịch hẹn",
  lookUp: "Tra cứu",
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
  /**
   * A dossier past its promised day: said plainly, with the day, and with the apology the rules
   * ask of a late agency (Nghị định 61/2018/NĐ-CP: an apology and a new date).
   */
  dossierLate: (due: string) =>
    `Hồ sơ đã quá hạn trả kết quả (hẹn ngày ${due}). Chúng tôi thành thật xin lỗi quý vị về sự chậm trễ. Xin mời quý vị đến bàn hướng dẫn để được báo ngày trả kết quả mới.`,
  takeReturnTicket: "Lấy số nhận kết quả",
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
  proceduresTitle: "Danh mục thủ tục hành chính",
  documents: "Giấy tờ cần mang",
  fee: "Phí, lệ phí",
  processingTime: "Thời hạn giải quyết",
  submitAt: "Nơi nộp",
  legalBasis: "Căn cứ pháp lý",
  takeForThis: "Lấy số cho thủ tục này",
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
  /** What a refused rating says; other refusals say what they say everywhere (`failure`). */
  ratingErrors: {
    ALREADY_RATED: "Lượt phục vụ này đã được đánh giá. Xin cảm ơn!",
    INVALID_TRANSITION: "Lượt phục vụ này chưa xong nên chưa thể đánh giá.",
    RATING_CLOSED: "Đã quá thời gian đánh giá cho lượt phục vụ này. Xin cảm ơn quý vị!",
  } as Record<string, string>,
  notServedYet: (n: string) => `Số ${n} chưa được phục vụ xong nên chưa thể đánh giá.`,
  helpTitle: "Cần giúp đỡ?",
  helpStaff: "Xin mời đến bàn hướng dẫn ở sảnh, hoặc giơ tay: cán bộ sẽ đến hỗ trợ.",
  helpHotline: (h: string) => `Đường dây nóng ${h}: phản ánh, kiến nghị về thủ tục hành chính.`,
  helpSteps: [
    "Chọn lĩnh vực, rồi chọn thủ tục để lấy số.",
    "Nhận vé ở khe máy in và ngồi chờ.",
    "Khi màn hình và loa gọi số của quý vị, xin mời đến quầy được gọi.",
    "Sau khi xong việc, xin đánh giá mức độ hài lòng.",
  ],
  keyboardSpace: "Dấu cách",
  keyboardDelete: "Xoá",
  clear: "Xoá hết",
  closedNow: "Trung tâm hiện ngoài giờ làm việc",
  opensAt: (when: string) => `Trung tâm mở cửa lúc ${when}.`,
  countersFrom: (time: string) => `Các quầy bắt đầu gọi số từ ${time}.`,
  issueFrom: (when: string) => `Máy bắt đầu cấp số thứ tự từ ${when}.`,
  closedMeanwhile: "Trong lúc chờ, quý vị vẫn có thể tra cứu hồ sơ, xem thủ tục hành chính và đánh giá.",
  opensUnknown: "Xin quý vị liên hệ đường dây nóng để biết ngày làm việc tiếp theo.",
  weekdays: ["Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"],
  /** "07:30 thứ Hai, 07/12/2026", "07:30 hôm nay, thứ Ba, 08/12/2026" */
  when: (time: string, weekday: string, day: string, today: boolean) => `${time} ${today ? "hôm nay, " : ""}${weekday}, ${day}`,
};

export type MoreDict = typeof vi;

const en: MoreDict = {
  search: "Find a procedure",
  searchNone: "No procedure found. Try another word, or choose an area.",
  searchHint: "Type a few letters of the procedure's name (Vietnamese with or without accents).",
  service: "Procedure",
  scanTitle: "Hold the QR code up to the camera",
  scanHint: "Chip ID card, dossier receipt, queue ticket, or appointment QR code.",
  cameraDenied: "The camera is not available. Use the scanner beside it, or type the code below.",
  typeCode: "Or type a dossier code / ticket number / appointment code",
  lookUp: "Look up",
  dossierTitle: "Dossier status",
  dossierCode: "Dossier code",
  receivedOn: "Received on",
  dueOn: "Results due",
  dossierStatus: {
    received: "Received, waiting to be processed",
    processing: "Being processed",
    supplement_needed: "More papers are needed. Please go to the area's counter for guidance.",
    ready: "Results are ready. Please take a number to collect them.",
    returned: "Results already collected",
    rejected: "The request was declined. Please go to a counter for an explanation.",
  },
  dossierLate: (due) =>
    `This dossier is past its due date (due ${due}). We sincerely apologise for the delay. Please ask at the information desk for the new date of your results.`,
  takeReturnTicket: "Take a number to collect results",
  ticketStatus: "Ticket",
  statusOf: {
    waiting: "Waiting for your turn",
    called: "Called to a counter",
    serving: "Being served",
    parked: "On hold for missing papers",
    done: "Served",
    no_show: "Called but absent. Please ask the staff.",
    cancelled: "Cancelled",
  },
  proceduresTitle: "Administrative procedures",
  documents: "What to bring",
  fee: "Fees",
  processingTime: "Processing time",
  submitAt: "Where to submit",
  legalBasis: "Legal basis",
  takeForThis: "Take a number for this",
  rateTitle: "How satisfied are you?",
  rateEnter: "Scan the QR code on your ticket, or type your number",
  rateHow: (n) => `How satisfied are you with the service for number ${n}?`,
  levels: { very_satisfied: "Very satisfied", satisfied: "Satisfied", unsatisfied: "Not satisfied" },
  reasonsTitle: "What was not right? (choose one or more)",
  reasons: {
    long_wait: "Long wait",
    unclear_guidance: "Unclear guidance",
    attitude: "Staff attitude",
    missing_result: "No result received",
    other: "Something else",
  },
  send: "Send",
  thanks: "Thank you for your feedback!",
  ratingErrors: {
    ALREADY_RATED: "This visit has already been rated. Thank you!",
    INVALID_TRANSITION: "This visit is not finished yet, so it cannot be rated.",
    RATING_CLOSED: "The time to rate this visit has passed. Thank you!",
  },
  notServedYet: (n) => `Number ${n} has not been served yet, so it cannot be rated.`,
  helpTitle: "Need help?",
  helpStaff: "Please go to the information desk in the hall, or raise your hand: staff will come to help.",
  helpHotline: (h) => `Hotline ${h}: feedback and complaints on administrative procedures.`,
  helpSteps: [
    "Choose an area, then a procedure, to take a number.",
    "Take your ticket from the printer and have a seat.",
    "When the screens and speakers call your number, go to the counter shown.",
    "When you are done, please rate the service.",
  ],
  keyboardSpace: "Space",
  keyboardDelete: "Delete",
  clear: "Clear",
  closedNow: "The center is closed now",
  opensAt: (when) => `The center opens at ${when}.`,
  countersFrom: (time) => `Counters start calling at ${time}.`,
  issueFrom: (when) => `The kiosk issues numbers from ${when}.`,
  closedMeanwhile: "Meanwhile you can still look up a dossier, read the procedures and rate a visit.",
  opensUnknown: "Please call the hotline to learn the next working day.",
  weekdays: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
  when: (time, weekday, day, today) => `${time} ${today ? "today, " : "on "}${weekday} ${day}`,
};

/** Every word, the start screen's and the rarer screens', in the language the citizen chose. */
export const useMoreT = (): Dict & MoreDict => {
  const lang = useLang();
  return { ...DICTIONARY[lang], ...(lang === "en" ? en : vi) };
};
