export type Lang = "vi" | "en";

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
    hotline: (h: string) => `Đường dây nóng ${h}`,
    language: "English",
    notice: (num: string) => `Số ${num}`,
    reserved: "Đã đăng ký, chưa vào hàng",
    reservedHow: "Khi đến trung tâm, xin đưa mã này vào máy quét của kiosk lấy số: số thứ tự được cấp và lượt chờ bắt đầu tính từ lúc đó.",
    lineNow: (n: number) => (n === 0 ? "Hiện không có ai đang chờ" : `Hiện có ${n} người đang chờ`),
    remoteTitle: "Lấy số từ xa",
    remoteIntro: "Chọn thủ tục và nhập số điện thoại. Lượt của quý vị chỉ bắt đầu khi quý vị đến và quét mã tại kiosk.",
    remoteClosed: "Trung tâm đang ngoài giờ làm việc. Xin lấy số trong giờ làm việc.",
    remoteNone: "Trung tâm chưa cho lấy số từ xa.",
    phone: "Số điện thoại di động",
    phoneHint: "Chỉ dùng để giới hạn số lượt mỗi ngày; không lưu số điện thoại.",
    take: "Lấy số",
    taking: "Đang lấy số…",
    bookEntry: "Đặt lịch hẹn",
    reload: "Tải lại trang",
    pageFailed: "Không tải được trang. Xin kiểm tra kết nối mạng rồi tải lại.",
    bookEntryMeta: "Chọn ngày, giờ đến làm thủ tục và được gọi đúng giờ, không phải chờ lâu.",
    appointment: "Lịch hẹn",
    codeLabel: "Mã lịch hẹn",
    checkInHow: (from: string, until: string) => `Đến kiosk từ ${from} đến ${until} và quét mã này (hoặc nhập mã).`,
    address: (a: string) => `Địa chỉ: ${a}`,
    appointmentAt: (t: string) => `Lịch hẹn lúc ${t}`,
    walkIn: (t: string) => `Lịch hẹn lúc ${t}: đến sau giờ nhận nên được xếp hàng như người đến trực tiếp.`,
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
      FORBIDDEN: "Thủ tục này hoặc giờ này không cho lấy số từ xa.",
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
    hotline: (h: string) => `Hotline ${h}`,
    language: "Tiếng Việt",
    notice: (num: string) => `Number ${num}`,
    reserved: "Registered, not in line yet",
    reservedHow: "When you arrive, hold this code to the kiosk's scanner: your number is issued and your wait starts then.",
    lineNow: (n: number) => (n === 0 ? "Nobody is waiting now" : `${n} waiting now`),
    remoteTitle: "Take a number from home",
    remoteIntro: "Choose a procedure and give your phone number. Your turn starts only when you arrive and scan the code at the kiosk.",
    remoteClosed: "The center is closed now. Please take a number during opening hours.",
    remoteNone: "The center does not offer numbers from home.",
    phone: "Mobile phone number",
    phoneHint: "Used only to limit numbers per day; the number is not kept.",
    take: "Take a number",
    taking: "Taking a number…",
    bookEntry: "Book an appointment",
    reload: "Reload the page",
    pageFailed: "The page did not load. Please check your connection and reload.",
    bookEntryMeta: "Choose a day and time to come and be called on time, without a long wait.",
    appointment: "Appointment",
    codeLabel: "Booking code",
    checkInHow: (from: string, until: string) => `Come to the kiosk between ${from} and ${until} and scan this code (or type the code).`,
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
      FORBIDDEN: "This procedure or this hour does not take numbers from home.",
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

/** A booking code as it is read out and typed: "7KM 3PQ". */
export function showCode(code: string): string {
  const c = code.toUpperCase().replace(/[\s-]/g, "");
  return c.length === 6 ? `${c.slice(0, 3)} ${c.slice(3)}` : c;
}
