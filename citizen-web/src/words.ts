import { localParts } from "@motcua/engine";
import type { Lang } from "@motcua/protocol";

/** Every word the phone page says, Vietnamese first. */
export const WORDS = {
  vi: {
    title: "Số thứ tự của tôi",
    loading: "Đang tải…",
    notFound: "Không tìm thấy vé này.",
    notFoundDetail: "Đường dẫn không đúng hoặc vé đã hết hạn (vé chỉ dùng trong ngày). Xin quét lại mã QR trên vé.",
    waiting: "Đang chờ đến lượt",
    ahead: (n: number) => (n === 0 ? "Quý vị là người tiếp theo" : `Trước quý vị còn ${n} người`),
    band: (a: number, b: number) => (b <= 0 ? "Sắp đến lượt" : `Chờ khoảng ${a}–${b} phút`),
    called: "Đã đến lượt quý vị!",
    goTo: (n: number) => `Xin mời đến quầy số ${n}`,
    serving: "Đang được phục vụ",
    parked: "Đang tạm chờ bổ sung giấy tờ tại quầy",
    done: "Đã phục vụ xong. Cảm ơn quý vị!",
    no_show: "Đã gọi nhưng quý vị vắng mặt. Xin hỏi cán bộ hướng dẫn.",
    cancelled: "Vé đã được huỷ.",
    booked: "Đã đặt lịch hẹn, chưa vào hàng",
    soon: (n: number) => `Còn ${n} người nữa là đến lượt quý vị. Xin trở lại sảnh.`,
    notifyOn: "Báo cho tôi khi sắp đến lượt",
    notifyReady: "Sẽ báo khi còn 3 người và khi đến lượt.",
    notifyBlocked: "Trình duyệt đang chặn thông báo; trang vẫn rung và kêu khi đến lượt nếu đang mở.",
    live: "Tự cập nhật",
    reconnecting: "Đang kết nối lại…",
    keepOpen: "Giữ trang này mở: trang tự cập nhật, rung và kêu khi đến lượt.",
    hotline: "Đường dây nóng",
    callHotline: (h: string) => `Gọi đường dây nóng ${h}`,
    language: "English",
    notice: (num: string) => `Số ${num}`,
    reserved: "Đã đăng ký, chưa vào hàng",
    reservedHow: "Khi đến trung tâm, xin đưa mã này vào máy quét của kiosk lấy số, hoặc xem «Mã có mặt» trên màn hình lớn ở sảnh rồi nhập vào ô bên dưới: số thứ tự được cấp và lượt chờ bắt đầu tính từ lúc đó.",
    arriveTitle: "Tôi đã đến",
    arriveHow: "Đã ở sảnh? Nhập mã 4 số trên màn hình lớn (Mã có mặt) để vào hàng ngay.",
    arriveLabel: "Mã có mặt",
    arriveButton: "Xác nhận",
    arriving: "Đang xác nhận…",
    arriveErrors: {
      WRONG_CODE: "Mã chưa đúng. Xin xem mã trên màn hình lớn ở sảnh.",
      NOT_OFFERED: "Mã này dùng tại kiosk: xin đưa mã QR vào máy quét của kiosk.",
      BAD_REQUEST: "Mã gồm 4 chữ số, ví dụ 4821.",
      RATE_LIMITED: "Nhập sai nhiều lần. Xin chờ một phút rồi thử lại, hoặc đưa mã QR vào máy quét của kiosk.",
      INVALID_TRANSITION: "Lượt này đã được huỷ. Xin lấy số tại kiosk.",
      other: "Chưa xác nhận được. Xin kiểm tra kết nối mạng và thử lại.",
    } as Record<string, string>,
    lineNow: (n: number) => (n === 0 ? "Hiện không có ai đang chờ" : `Hiện có ${n} người đang chờ`),
    remoteTitle: "Lấy số từ xa",
    remoteIntro: "Chọn thủ tục và nhập số điện thoại. Lượt của quý vị chỉ bắt đầu khi quý vị đến và quét mã tại kiosk.",
    remoteClosed: "Trung tâm đang ngoài giờ làm việc. Xin lấy số trong giờ làm việc.",
    closedNow: "Trung tâm đang ngoài giờ làm việc.",
    opensAt: (when: string) => `Trung tâm mở cửa lúc ${when}.`,
    callsFrom: (time: string) => `Quý vị sẽ được gọi từ ${time}`,
    after: (time: string) => ` sau ${time}`,
    today: "hôm nay",
    remoteNone: "Trung tâm chưa cho lấy số từ xa.",
    phone: "Số điện thoại di động",
    phoneHint: "Chỉ dùng để giới hạn số lượt mỗi ngày; không lưu số điện thoại.",
    take: "Lấy số",
    taking: "Đang lấy số…",
    bookEntry: "Đặt lịch hẹn",
    reload: "Tải lại trang",
    pageFailed: "Không tải được trang. Xin kiểm tra kết nối mạng rồi tải lại.",
    noCenter: "Trang chưa biết quý vị cần đến trung tâm nào. Xin quét mã QR hoặc mở đường dẫn được niêm yết tại trung tâm.",
    chooseCenter: "Quý vị cần đến trung tâm nào? Xin chọn một trung tâm:",
    bookEntryMeta: "Chọn ngày, giờ đến làm thủ tục và được gọi đúng giờ, không phải chờ lâu.",
    whereTitle: "Làm thủ tục ở đâu?",
    whereEntry: "Chưa biết đi đâu? Xem nơi làm thủ tục gần nhất",
    whereEntryMeta: "Mọi đơn vị nhận thủ tục quý vị cần, thời gian chờ hiện tại và khoảng cách.",
    appointment: "Lịch hẹn",
    codeLabel: "Mã lịch hẹn",
    checkInHow: (from: string, until: string) => `Đến kiosk từ ${from} đến ${until} và quét mã này (hoặc nhập mã).`,
    keepPage: "Xin lưu lại trang này hoặc chụp màn hình để mang mã đến trung tâm.",
    windowPassed: "Đã quá giờ nhận lịch hẹn. Nếu vẫn trong ngày hẹn, quét mã tại kiosk quý vị vẫn được cấp số thường và xếp hàng như người đến trực tiếp.",
    address: (a: string) => `Địa chỉ: ${a}`,
    appointmentAt: (t: string) => `Lịch hẹn lúc ${t}`,
    walkIn: (t: string) => `Lịch hẹn lúc ${t}: quý vị đến quá giờ nhận lịch hẹn nên được xếp hàng như người đến trực tiếp.`,
    cancelBooking: "Huỷ lịch hẹn",
    cancelBookingAsk: "Huỷ lịch hẹn này? Chỗ của quý vị sẽ được nhường cho người khác.",
    cancelBookingYes: "Có, huỷ lịch hẹn",
    bookingCancelled: "Đã huỷ lịch hẹn",
    bookAgain: "Đặt lịch hẹn khác",
    cancelTurn: "Huỷ lượt",
    cancelTurnAsk: "Huỷ lượt đã đăng ký? Nếu muốn đến sau, quý vị sẽ phải lấy số lại.",
    cancelTurnYes: "Có, huỷ lượt",
    turnCancelled: "Đã huỷ lượt",
    takeAgain: "Lấy số khác",
    keep: "Không, giữ lại",
    cancelling: "Đang huỷ…",
    cancelErrors: {
      INVALID_TRANSITION: "Không huỷ được nữa: lượt này đã được dùng tại kiosk hoặc đã quá giờ.",
      other: "Chưa huỷ được. Xin kiểm tra kết nối mạng và thử lại.",
    } as Record<string, string>,
    errors: {
      RATE_LIMITED: "Số điện thoại hoặc mạng này đã lấy đủ số lượt hôm nay.",
      BAD_REQUEST: "Số điện thoại chưa đúng. Ví dụ: 0912 345 678.",
      NOT_OFFERED: "Thủ tục này không cho lấy số từ xa. Xin lấy số tại kiosk.",
      CENTER_CLOSED: "Trung tâm đang ngoài giờ làm việc. Xin lấy số trong giờ làm việc.",
      other: "Chưa lấy được số. Xin thử lại sau.",
    } as Record<string, string>,
  },
  en: {
    title: "My ticket",
    loading: "Loading…",
    notFound: "This ticket is not found.",
    notFoundDetail: "The link is wrong or the ticket has expired (tickets are for one day). Please scan the QR code on your ticket again.",
    waiting: "Waiting for your turn",
    ahead: (n: number) => (n === 0 ? "You are next" : `${n} ${n === 1 ? "person" : "people"} ahead of you`),
    band: (a: number, b: number) => (b <= 0 ? "Almost your turn" : `About ${a}–${b} min`),
    called: "It is your turn!",
    goTo: (n: number) => `Please go to counter ${n}`,
    serving: "Being served",
    parked: "On hold at the counter for missing papers",
    done: "Served. Thank you!",
    no_show: "You were called but absent. Please ask the staff.",
    cancelled: "This ticket was cancelled.",
    booked: "Appointment booked, not in line yet",
    soon: (n: number) => `${n} more before your turn. Please come back to the hall.`,
    notifyOn: "Tell me when my turn is near",
    notifyReady: "You will be told at 3 to go and when it is your turn.",
    notifyBlocked: "The browser blocks notifications; this page still vibrates and sounds when open.",
    live: "Live",
    reconnecting: "Reconnecting…",
    keepOpen: "Keep this page open: it updates itself and vibrates and sounds at your turn.",
    hotline: "Hotline",
    callHotline: (h: string) => `Call the hotline ${h}`,
    language: "Tiếng Việt",
    notice: (num: string) => `Number ${num}`,
    reserved: "Registered, not in line yet",
    reservedHow: "When you arrive, hold this code to the kiosk's scanner, or read the check-in code on the big screen in the hall and type it in the box below: your number is issued and your wait starts then.",
    arriveTitle: "I have arrived",
    arriveHow: "In the hall? Type the 4-digit check-in code shown on the big screen to join the line now.",
    arriveLabel: "Check-in code",
    arriveButton: "Confirm",
    arriving: "Confirming…",
    arriveErrors: {
      WRONG_CODE: "Wrong code. Please read the code on the big screen in the hall.",
      NOT_OFFERED: "This code is for the kiosk: please hold its QR to the kiosk's scanner.",
      BAD_REQUEST: "The code has 4 digits, e.g. 4821.",
      RATE_LIMITED: "Too many wrong tries. Please wait a minute and try again, or hold the QR to the kiosk's scanner.",
      INVALID_TRANSITION: "This place was given up. Please take a number at the kiosk.",
      other: "Not confirmed yet. Please check your connection and try again.",
    } as Record<string, string>,
    lineNow: (n: number) => (n === 0 ? "Nobody is waiting now" : `${n} waiting now`),
    remoteTitle: "Take a number from home",
    remoteIntro: "Choose a procedure and give your phone number. Your turn starts only when you arrive and scan the code at the kiosk.",
    remoteClosed: "The center is closed now. Please take a number during opening hours.",
    closedNow: "The center is closed now.",
    opensAt: (when: string) => `The center opens at ${when}.`,
    callsFrom: (time: string) => `You will be called from ${time}`,
    after: (time: string) => ` after ${time}`,
    today: "today",
    remoteNone: "The center does not offer numbers from home.",
    phone: "Mobile phone number",
    phoneHint: "Used only to limit numbers per day; the number is not kept.",
    take: "Take a number",
    taking: "Taking a number…",
    bookEntry: "Book an appointment",
    reload: "Reload the page",
    pageFailed: "The page did not load. Please check your connection and reload.",
    noCenter: "This page does not know which center you need. Please scan the QR code or open the link posted at the center.",
    chooseCenter: "Which center do you need? Please choose one:",
    bookEntryMeta: "Choose a day and time to come and be called on time, without a long wait.",
    whereTitle: "Where to go",
    whereEntry: "Not sure where to go? See the nearest places for your procedure",
    whereEntryMeta: "Every unit that receives your procedure, its wait now and how far it is.",
    appointment: "Appointment",
    codeLabel: "Booking code",
    checkInHow: (from: string, until: string) => `Come to the kiosk between ${from} and ${until} and scan this code (or type the code).`,
    keepPage: "Please keep this page, or take a screenshot, to bring the code to the center.",
    windowPassed: "The check-in time for this appointment has passed. On the day itself, scan the code at the kiosk and you still get an ordinary number, in line with walk-ins.",
    address: (a: string) => `Address: ${a}`,
    appointmentAt: (t: string) => `Appointment at ${t}`,
    walkIn: (t: string) => `Appointment at ${t}: you came after check-in closed, so you are in line as a walk-in.`,
    cancelBooking: "Cancel appointment",
    cancelBookingAsk: "Cancel this appointment? Your place goes to someone else.",
    cancelBookingYes: "Yes, cancel it",
    bookingCancelled: "Appointment cancelled",
    bookAgain: "Book another appointment",
    cancelTurn: "Cancel my place",
    cancelTurnAsk: "Give up this place? To come later you will need to take a number again.",
    cancelTurnYes: "Yes, give it up",
    turnCancelled: "Place cancelled",
    takeAgain: "Take another number",
    keep: "No, keep it",
    cancelling: "Cancelling…",
    cancelErrors: {
      INVALID_TRANSITION: "It can no longer be cancelled: it was used at the kiosk or its time has passed.",
      other: "Not cancelled yet. Please check your connection and try again.",
    } as Record<string, string>,
    errors: {
      RATE_LIMITED: "This phone or network has taken its numbers for today.",
      BAD_REQUEST: "The phone number is not right. Example: 0912 345 678.",
      NOT_OFFERED: "This procedure does not take numbers from home. Please take one at the kiosk.",
      CENTER_CLOSED: "The center is closed now. Please take a number during opening hours.",
      other: "Could not take a number. Please try again later.",
    } as Record<string, string>,
  },
} satisfies Record<Lang, unknown>;
export type Words = (typeof WORDS)["vi"];

const WEEKDAYS: Record<Lang, string[]> = {
  vi: ["Chủ Nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy"],
  en: ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
};

/** "Thứ Sáu" for "2026-11-27": the calendar day's name, whatever the phone's time zone. */
export function weekday(date: string, lang: Lang): string {
  const [y, m, d] = date.split("-").map(Number);
  return WEEKDAYS[lang][new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay()]!;
}

/** "27/11" for "2026-11-27", as Vietnamese write a day. */
export const dayMonth = (date: string): string => `${date.slice(8, 10)}/${date.slice(5, 7)}`;

/** "Thứ Sáu 27/11/2026". */
export const fullDay = (date: string, lang: Lang): string => `${weekday(date, lang)} ${dayMonth(date)}/${date.slice(0, 4)}`;

/** HH:mm of a moment, in the center's time whatever the phone's zone. */
export const timeOf = (iso: string): string => localParts(Date.parse(iso)).time;

/**
 * When the center opens, as its citizens read it: "07:30 thứ Hai, 07/12/2026" (the weekday in
 * lower case inside a sentence), "07:30 hôm nay, thứ Ba, 08/12/2026" on the same day.
 */
export function openingText(iso: string, lang: Lang, now: number = Date.now()): string {
  const { date, time } = localParts(Date.parse(iso));
  const day = `${weekday(date, lang)}, ${dayMonth(date)}/${date.slice(0, 4)}`;
  const shown = lang === "vi" ? day.replace(/^T/, "t").replace(/^Chủ Nhật/, "Chủ nhật") : day;
  const today = date === localParts(now).date ? `${WORDS[lang].today}, ` : lang === "en" ? "on " : "";
  return `${time} ${today}${shown}`;
}

/** A booking code as it is read out and typed: "7KM 3PQ". */
export function showCode(code: string): string {
  const c = code.toUpperCase().replace(/[\s-]/g, "");
  return c.length === 6 ? `${c.slice(0, 3)} ${c.slice(3)}` : c;
}
