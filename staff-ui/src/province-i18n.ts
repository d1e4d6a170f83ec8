import type { Lang } from "@motcua/protocol";
import { lang } from "./store/lang.ts";

/** Every word of the province's screen, Vietnamese first. */
const vi = {
  centers: "Các trung tâm trong tỉnh",
  centersHint: "Mỗi trung tâm có cấu hình, cán bộ, quầy và thiết bị riêng, do quản trị viên của trung tâm đó thiết lập.",
  loading: "Đang tải danh sách trung tâm…",
  loadFailed: "Chưa tải được danh sách trung tâm.",
  retry: "Thử lại",
  name: "Tên trung tâm",
  id: "Mã",
  mode: "Chế độ",
  modes: { demo: "Thử nghiệm (demo)", production: "Chính thức" },
  counters: "Số quầy",
  admins: "Số quản trị",
  noAdmin: "chưa có ai quản trị",
  none: "Chưa có trung tâm nào.",
  create: "Tạo trung tâm mới",
  createHint: "Trung tâm mới có sẵn một lĩnh vực, một thủ tục và một quầy. Quản trị viên đầu tiên đăng nhập và thiết lập phần còn lại.",
  centerId: "Mã trung tâm",
  centerIdHint: "Chữ thường không dấu, số và dấu '-', tối đa 40 ký tự; tự điền theo tên. Mã nằm trong đường dẫn đặt lịch hẹn, lấy số từ xa của trung tâm.",
  nameEn: "Tên tiếng Anh (không bắt buộc)",
  firstAdmin: "Tài khoản quản trị đầu tiên",
  username: "Tên đăng nhập",
  usernameHint: "2–32 ký tự: chữ thường không dấu, số, '.', '_' hoặc '-'.",
  displayName: "Họ và tên",
  password: "Mật khẩu",
  passwordHint: (n: number) => `Ít nhất ${n} ký tự, không tính dấu cách.`,
  submit: "Tạo trung tâm",
  creating: "Đang tạo…",
  created: (name: string, username: string) =>
    `Đã tạo trung tâm «${name}». Quý vị vui lòng trao cho quản trị viên tên đăng nhập «${username}» cùng mật khẩu vừa đặt. Khi đăng nhập, quản trị viên chọn «${name}» ở ô Trung tâm.`,
};
export type ProvinceDict = typeof vi;

const en: ProvinceDict = {
  centers: "Centers of the province",
  centersHint: "Each center has its own configuration, staff, counters and devices, set up by that center's administrators.",
  loading: "Loading the centers…",
  loadFailed: "The centers could not be loaded.",
  retry: "Try again",
  name: "Center name",
  id: "Id",
  mode: "Mode",
  modes: { demo: "Demo", production: "Production" },
  counters: "Counters",
  admins: "Admins",
  noAdmin: "nobody administers it",
  none: "No centers yet.",
  create: "Create a new center",
  createHint: "A new center starts with one field, one procedure and one counter. Its first administrator logs in and sets up the rest.",
  centerId: "Center id",
  centerIdHint: "Lowercase letters, digits and '-', at most 40; filled in from the name. The id is part of the center's booking and remote-number links.",
  nameEn: "English name (optional)",
  firstAdmin: "First administrator account",
  username: "Username",
  usernameHint: "2–32 characters: lowercase letters, digits, '.', '_' or '-'.",
  displayName: "Full name",
  password: "Password",
  passwordHint: (n) => `At least ${n} characters, not counting spaces.`,
  submit: "Create the center",
  creating: "Creating…",
  created: (name, username) =>
    `Center «${name}» created. Hand its administrator the username «${username}» and the password you set. When logging in, they choose «${name}» under Center.`,
};

export const PROVINCE_TEXT: Record<Lang, ProvinceDict> = { vi, en };
export const useProvinceT = (): ProvinceDict => PROVINCE_TEXT[lang.value];
