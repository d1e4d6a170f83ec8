import type { CenterConfig, CenterConfigInput } from "@motcua/protocol";
import {
  DEMO_ADMIN,
  DEMO_DEVICE_KEYS,
  DEMO_STAFF_PASSWORD,
  DEMO_SUPERVISOR,
  demoPasswordHash,
  demoStaffUsername,
} from "../auth/demo-credentials.ts";
import { sha256 } from "../auth/passwords.ts";
import { VIETNAM_HOLIDAYS } from "./holidays.ts";
import { validateConfig } from "./validate.ts";

const fields = [
  { id: "ho-tich", name: "Hộ tịch", nameEn: "Civil status", icon: "family", remoteTickets: true, appointments: { slotMinutes: 30, capacity: 3 } },
  { id: "chung-thuc", name: "Chứng thực", nameEn: "Certification", icon: "stamp", remoteTickets: true },
  { id: "dat-dai", name: "Đất đai", nameEn: "Land", icon: "land", appointments: { slotMinutes: 30, capacity: 2 } },
  { id: "dang-ky-kinh-doanh", name: "Đăng ký kinh doanh", nameEn: "Business registration", icon: "shop", appointments: { slotMinutes: 30, capacity: 1 } },
  { id: "xay-dung", name: "Xây dựng", nameEn: "Construction", icon: "building", appointments: { slotMinutes: 60, capacity: 2 } },
  { id: "ly-lich-tu-phap", name: "Lý lịch tư pháp", nameEn: "Judicial records", icon: "scales" },
  // Named for what citizens come for, not the ministry: Lao động – Thương binh và Xã hội merged into
  // Nội vụ (and Y tế for social protection) in 2025; the id stays, as stored days and reports carry it.
  { id: "lao-dong-tbxh", name: "Chính sách xã hội, việc làm", nameEn: "Social policy and employment", icon: "people" },
  // Driving licences passed from the transport department to the police on 1 March 2025.
  { id: "giao-thong", name: "Giấy phép lái xe", nameEn: "Driving licences", icon: "car" },
  { id: "tra-ket-qua", name: "Trả kết quả", nameEn: "Results return", icon: "inbox", remoteTickets: true },
];

const services = [
  { id: "khai-sinh", code: "A", fieldId: "ho-tich", name: "Đăng ký khai sinh", nameEn: "Birth registration", defaultServiceMinutes: 7 },
  { id: "ket-hon", code: "B", fieldId: "ho-tich", name: "Đăng ký kết hôn", nameEn: "Marriage registration", defaultServiceMinutes: 10 },
  { id: "chung-thuc-ban-sao", code: "C", fieldId: "chung-thuc", name: "Chứng thực bản sao từ bản chính", nameEn: "Certified copies", defaultServiceMinutes: 4 },
  { id: "chung-thuc-chu-ky", code: "E", fieldId: "chung-thuc", name: "Chứng thực chữ ký, hợp đồng", nameEn: "Signature and contract certification", defaultServiceMinutes: 8 },
  { id: "dang-ky-dat-dai", code: "D", fieldId: "dat-dai", name: "Đăng ký đất đai, cấp Giấy chứng nhận", nameEn: "Land registration and certificates", defaultServiceMinutes: 15 },
  { id: "dang-ky-doanh-nghiep", code: "F", fieldId: "dang-ky-kinh-doanh", name: "Đăng ký doanh nghiệp", nameEn: "Enterprise registration", defaultServiceMinutes: 12 },
  { id: "ho-kinh-doanh", code: "G", fieldId: "dang-ky-kinh-doanh", name: "Đăng ký hộ kinh doanh", nameEn: "Household business registration", defaultServiceMinutes: 9 },
  { id: "giay-phep-xay-dung", code: "H", fieldId: "xay-dung", name: "Cấp giấy phép xây dựng", nameEn: "Building permits", defaultServiceMinutes: 15 },
  { id: "ly-lich-tu-phap", code: "K", fieldId: "ly-lich-tu-phap", name: "Cấp Phiếu lý lịch tư pháp", nameEn: "Judicial record certificates", defaultServiceMinutes: 8 },
  { id: "tro-cap-xa-hoi", code: "L", fieldId: "lao-dong-tbxh", name: "Trợ cấp xã hội, chính sách người có công", nameEn: "Social allowances and merit policies", defaultServiceMinutes: 12 },
  { id: "tro-cap-that-nghiep", code: "M", fieldId: "lao-dong-tbxh", name: "Trợ cấp thất nghiệp", nameEn: "Unemployment benefits", defaultServiceMinutes: 10 },
  { id: "doi-giay-phep-lai-xe", code: "N", fieldId: "giao-thong", name: "Đổi giấy phép lái xe", nameEn: "Driving licence renewal", defaultServiceMinutes: 8 },
  { id: "tra-ket-qua", code: "R", fieldId: "tra-ket-qua", name: "Nhận kết quả hồ sơ", nameEn: "Collect results", defaultServiceMinutes: 3 },
];

const counters: { n: number; serviceIds: string[]; name?: string; nameEn?: string }[] = [
  { n: 1, serviceIds: ["khai-sinh", "ket-hon"] },
  { n: 2, serviceIds: ["ket-hon", "khai-sinh", "chung-thuc-ban-sao"] },
  { n: 3, serviceIds: ["chung-thuc-ban-sao", "chung-thuc-chu-ky"] },
  { n: 4, serviceIds: ["dang-ky-dat-dai"] },
  { n: 5, serviceIds: ["dang-ky-dat-dai", "giay-phep-xay-dung"] },
  { n: 6, serviceIds: ["dang-ky-doanh-nghiep", "ho-kinh-doanh"] },
  { n: 7, serviceIds: ["ho-kinh-doanh", "dang-ky-doanh-nghiep"] },
  { n: 8, serviceIds: ["ly-lich-tu-phap", "chung-thuc-chu-ky", "chung-thuc-ban-sao"] },
  { n: 9, serviceIds: ["tro-cap-xa-hoi", "tro-cap-that-nghiep"] },
  { n: 10, serviceIds: ["doi-giay-phep-lai-xe", "giay-phep-xay-dung"] },
  { n: 11, serviceIds: ["tra-ket-qua"] },
  {
    n: 12,
    name: "Quầy 12 – Quầy ưu tiên",
    nameEn: "Counter 12 – Priority desk",
    serviceIds: ["tra-ket-qua", "khai-sinh", "chung-thuc-ban-sao", "tro-cap-xa-hoi", "ly-lich-tu-phap"],
  },
];

const priorityGroups = [
  { id: "nguoi-cao-tuoi", name: "Người cao tuổi", nameEn: "Elderly" },
  { id: "phu-nu-mang-thai", name: "Phụ nữ mang thai", nameEn: "Pregnant women" },
  { id: "nguoi-khuyet-tat", name: "Người khuyết tật", nameEn: "People with disabilities" },
  { id: "nguoi-co-cong", name: "Người có công, đối tượng chính sách", nameEn: "People with merit, policy beneficiaries" },
];

const STAFF_NAMES = [
  "Nguyễn Thị Hoa",
  "Trần Văn Minh",
  "Lê Thị Thu Trang",
  "Phạm Quốc Huy",
  "Hoàng Thị Lan",
  "Vũ Đức Thắng",
  "Đặng Thị Ngọc Ánh",
  "Bùi Văn Long",
  "Đỗ Thị Mai",
  "Ngô Thanh Tùng",
];

/** The demo center: Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng, with the documented demo credentials. */
export async function demoConfig(): Promise<CenterConfig> {
  const staff: { id: string; username: string; displayName: string; role: "staff" | "supervisor" | "admin"; passwordHash: string }[] = [
    { id: "admin", username: DEMO_ADMIN.username, displayName: "Quản trị hệ thống", role: "admin", passwordHash: await demoPasswordHash(DEMO_ADMIN.password) },
    { id: "giamsat", username: DEMO_SUPERVISOR.username, displayName: "Lãnh đạo Trung tâm", role: "supervisor", passwordHash: await demoPasswordHash(DEMO_SUPERVISOR.password) },
  ];
  for (let i = 1; i <= 10; i++) {
    staff.push({
      id: demoStaffUsername(i),
      username: demoStaffUsername(i),
      displayName: STAFF_NAMES[i - 1]!,
      role: "staff",
      passwordHash: await demoPasswordHash(DEMO_STAFF_PASSWORD),
    });
  }
  const input: CenterConfigInput = {
    mode: "demo",
    center: {
      id: "lam-dong",
      name: "Trung tâm Phục vụ hành chính công tỉnh Lâm Đồng",
      nameEn: "Lam Dong Provincial Public Administration Service Center",
      address: "36 Trần Phú, Phường Xuân Hương – Đà Lạt, Lâm Đồng",
      hotline: "1022",
      dayResetTime: "05:00",
      returnsServiceId: "tra-ket-qua",
      notices: [
        "Đường dây nóng 1022: phản ánh, kiến nghị về thủ tục hành chính",
        "Vui lòng chuẩn bị đủ giấy tờ trước khi đến quầy",
      ],
    },
    fields,
    services,
    counters: counters.map((c) => ({
      id: `quay-${c.n}`,
      number: c.n,
      name: c.name ?? `Quầy ${c.n}`,
      nameEn: c.nameEn ?? `Counter ${c.n}`,
      serviceIds: c.serviceIds,
    })),
    priorityGroups,
    rules: { fairnessCap: 3, agingLimitMinutes: 15, recallsBeforeNoShow: 2, serviceTimeSample: 20, ratingWindowMinutes: 60, alertWaitingPerField: 15, remotePerPhonePerDay: 2, remotePerIpPerDay: 10 },
    calendar: { workingDays: [1, 2, 3, 4, 5], holidays: VIETNAM_HOLIDAYS, extraWorkingDays: [] },
    staff,
    devices: [
      { id: "kiosk-sanh", kind: "kiosk", name: "Kiosk sảnh chính", keyHash: sha256(DEMO_DEVICE_KEYS.kiosk) },
      { id: "man-hinh-sanh", kind: "display", name: "Màn hình sảnh", keyHash: sha256(DEMO_DEVICE_KEYS.display) },
      // It prints for the lobby kiosk and passes its scanner's reads to it, and to no other; its
      // keypad and rating pad stand at counter 1.
      { id: "tram-quay", kind: "station", name: "Trạm thiết bị quầy", keyHash: sha256(DEMO_DEVICE_KEYS.station), kioskIds: ["kiosk-sanh"], counterIds: ["quay-1"] },
    ],
  };
  const checked = validateConfig(input);
  if (!checked.ok) throw new Error(`demo config is invalid: ${checked.message}`);
  return checked.config;
}
