import type { ErrorCode } from "./errors.ts";

/**
 * What a screen says for each failure, in plain Vietnamese first and English second.
 * Server messages are for integrators and logs; people read these.
 */
export const ERROR_TEXT: Record<ErrorCode, { vi: string; en: string }> = {
  BAD_REQUEST: { vi: "Thông tin gửi lên chưa đúng. Vui lòng thử lại.", en: "Some information was not right. Please try again." },
  UNAUTHENTICATED: { vi: "Vui lòng đăng nhập lại.", en: "Please log in again." },
  INVALID_CREDENTIALS: { vi: "Tên đăng nhập hoặc mật khẩu chưa đúng.", en: "Wrong username or password." },
  FORBIDDEN: { vi: "Thiết bị hoặc tài khoản này không được làm việc này.", en: "This device or account may not do this." },
  NOT_FOUND: { vi: "Không tìm thấy.", en: "Not found." },
  RATE_LIMITED: { vi: "Hệ thống đang bận, xin chờ một chút rồi thử lại.", en: "Busy just now; please wait a moment and try again." },
  UNKNOWN_SERVICE: { vi: "Không có dịch vụ này. Vui lòng chọn lại.", en: "There is no such service. Please choose again." },
  UNKNOWN_COUNTER: { vi: "Không có quầy này.", en: "There is no such counter." },
  UNKNOWN_TICKET: { vi: "Không tìm thấy số thứ tự này trong ngày hôm nay.", en: "This ticket number is not found for today." },
  UNKNOWN_PRIORITY_GROUP: { vi: "Nhóm ưu tiên không đúng. Vui lòng chọn lại.", en: "Unknown priority group. Please choose again." },
  NUMBER_RANGE_EXHAUSTED: {
    vi: "Dịch vụ này đã hết số trong ngày. Xin hỏi cán bộ hướng dẫn.",
    en: "This service has no numbers left today. Please ask the staff.",
  },
  COUNTER_CLOSED: { vi: "Quầy đang đóng. Hãy mở quầy trước.", en: "The counter is closed. Open it first." },
  COUNTER_PAUSED: { vi: "Quầy đang tạm nghỉ. Hãy tiếp tục trước.", en: "The counter is on a break. Resume first." },
  COUNTER_BUSY: { vi: "Quầy đang phục vụ một số khác. Hãy hoàn thành số đó trước.", en: "The counter is serving another ticket. Finish it first." },
  COUNTER_TAKEN: { vi: "Quầy đang do cán bộ khác mở.", en: "Another officer has this counter open." },
  COUNTER_NOT_OPENED: { vi: "Bạn chưa mở quầy nào.", en: "You have not opened a counter." },
  NOT_YOUR_COUNTER: { vi: "Việc này thuộc quầy khác.", en: "This belongs to another counter." },
  INVALID_TRANSITION: { vi: "Số thứ tự đang ở trạng thái không cho phép việc này.", en: "The ticket's state does not allow this." },
  NO_SHOW_TOO_EARLY: { vi: "Hãy gọi lại công dân thêm trước khi báo vắng mặt.", en: "Recall the citizen again before marking them absent." },
  ALREADY_RATED: { vi: "Lượt phục vụ này đã được đánh giá. Xin cảm ơn!", en: "This visit has already been rated. Thank you!" },
  RATING_CLOSED: {
    vi: "Đã quá thời gian đánh giá cho lượt phục vụ này. Xin cảm ơn quý vị!",
    en: "The time to rate this visit has passed. Thank you!",
  },
  INVALID_CONFIG: { vi: "Cấu hình chưa hợp lệ. Xem chi tiết bên dưới.", en: "The configuration is not valid. See the details below." },
  SLOT_FULL: {
    vi: "Khung giờ này vừa hết chỗ. Xin chọn giờ khác.",
    en: "This time slot has just filled up. Please choose another time.",
  },
  APPOINTMENT_NOT_NOW: {
    vi: "Chưa đến giờ nhận lịch hẹn này. Xin quay lại vào giờ nhận ghi trên lịch hẹn (ít phút trước giờ hẹn), hoặc lấy số thường.",
    en: "It is not yet time to check in for this appointment. Come back at the check-in time shown with it, or take an ordinary number.",
  },
  CENTER_CLOSED: {
    vi: "Trung tâm hiện ngoài giờ làm việc nên chưa cấp số thứ tự. Xin quý vị quay lại trong giờ làm việc.",
    en: "The center is closed now and issues no numbers. Please come back during opening hours.",
  },
  NOT_OFFERED: {
    vi: "Thủ tục này không nhận cách làm này (lấy số từ xa hoặc đặt lịch hẹn). Xin lấy số tại kiosk.",
    en: "This procedure is not offered this way (numbers from home or appointments). Please take a number at the kiosk.",
  },
  WRONG_CODE: { vi: "Mã chưa đúng. Xin xem lại mã và nhập lại.", en: "The code is not right. Please check it and try again." },
  CENTER_EXISTS: {
    vi: "Mã trung tâm này đã có. Quý vị vui lòng chọn mã khác.",
    en: "A center with this id exists already; choose another id.",
  },
  CONFIG_CHANGED: {
    vi: "Cấu hình vừa được người khác lưu. Xin tải lại trang để xem bản mới rồi sửa tiếp.",
    en: "Someone else saved the configuration meanwhile. Reload the page to see it, then edit again.",
  },
  STORE_FAILED: { vi: "Chưa lưu được. Không có gì thay đổi, vui lòng thử lại.", en: "Could not save. Nothing changed; please try again." },
  UNAVAILABLE: {
    vi: "Hệ thống hồ sơ tạm thời chưa trả lời. Xin hỏi cán bộ tại quầy.",
    en: "The dossier system is not answering just now. Please ask at a counter.",
  },
  INTERNAL: { vi: "Có lỗi trong hệ thống. Không có gì thay đổi, vui lòng thử lại.", en: "Something went wrong. Nothing changed; please try again." },
};
