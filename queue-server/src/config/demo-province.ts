import type { CenterConfig, CenterConfigInput } from "@motcua/protocol";
import { DEMO_ADMIN, DEMO_STAFF_PASSWORD, DEMO_SUPERVISOR, demoPasswordHash, demoStaffUsername } from "../auth/demo-credentials.ts";
import { sha256 } from "../auth/passwords.ts";
import { VIETNAM_HOLIDAYS } from "./holidays.ts";
import { validateConfig } from "./validate.ts";

/**
 * The demo province's commune-level units under the provincial center (demoConfig): wards and
 * communes of Lâm Đồng, each with the commune scenario's fields, two or three counters and their
 * officers. Device keys follow `communeKey` and work only in demo mode, like the center's own.
 */
export const DEMO_COMMUNES: { id: string; name: string; nameEn: string; area: "urban" | "rural" | "remote"; lat: number; lon: number; counters: number; address: string }[] = [
  { id: "phuong-xuan-huong", name: "Bộ phận Một cửa phường Xuân Hương – Đà Lạt", nameEn: "Xuan Huong Ward One-Stop Unit", area: "urban", lat: 11.9404, lon: 108.4383, counters: 3, address: "Phường Xuân Hương – Đà Lạt, Lâm Đồng" },
  { id: "phuong-bao-loc", name: "Bộ phận Một cửa phường Bảo Lộc", nameEn: "Bao Loc Ward One-Stop Unit", area: "urban", lat: 11.5479, lon: 107.8077, counters: 3, address: "Phường Bảo Lộc, Lâm Đồng" },
  { id: "xa-lac-duong", name: "Bộ phận Một cửa xã Lạc Dương", nameEn: "Lac Duong Commune One-Stop Unit", area: "rural", lat: 12.0021, lon: 108.4239, counters: 2, address: "Xã Lạc Dương, Lâm Đồng" },
  { id: "xa-don-duong", name: "Bộ phận Một cửa xã Đơn Dương", nameEn: "Don Duong Commune One-Stop Unit", area: "rural", lat: 11.7513, lon: 108.5436, counters: 2, address: "Xã Đơn Dương, Lâm Đồng" },
  { id: "xa-da-huoai", name: "Bộ phận Một cửa xã Đạ Huoai", nameEn: "Da Huoai Commune One-Stop Unit", area: "rural", lat: 11.4539, lon: 107.6335, counters: 2, address: "Xã Đạ Huoai, Lâm Đồng" },
  { id: "xa-dam-rong", name: "Bộ phận Một cửa xã Đam Rông", nameEn: "Dam Rong Commune One-Stop Unit", area: "remote", lat: 12.0975, lon: 108.1706, counters: 2, address: "Xã Đam Rông, Lâm Đồng" },
];

/** A commune's demo device key: `kiosk-xa-lac-duong-demo-key`. */
export const communeKey = (kind: "kiosk" | "display", id: string) => `${kind}-${id}-demo-key`;

const COMMUNE_STAFF = ["Nguyễn Văn An", "Trần Thị Bích", "K'Brơi Ka Hiền"];

/** One demo commune's configuration, ready to store. */
export async function demoCommuneConfig(c: (typeof DEMO_COMMUNES)[number]): Promise<CenterConfig> {
  const all = ["khai-sinh", "ket-hon", "chung-thuc-ban-sao", "dang-ky-dat-dai", "tro-cap-xa-hoi"];
  const input: CenterConfigInput = {
    mode: "demo",
    center: {
      id: c.id,
      name: c.name,
      nameEn: c.nameEn,
      address: c.address,
      level: "commune",
      area: c.area,
      parentId: "lam-dong",
      coordinates: { lat: c.lat, lon: c.lon },
      dayResetTime: "05:00",
    },
    fields: [
      { id: "ho-tich", name: "Hộ tịch", nameEn: "Civil status", icon: "family" },
      { id: "chung-thuc", name: "Chứng thực", nameEn: "Certification", icon: "stamp" },
      { id: "dat-dai", name: "Đất đai", nameEn: "Land", icon: "land" },
      { id: "lao-dong-tbxh", name: "Chính sách xã hội, việc làm", nameEn: "Social policy and employment", icon: "people" },
    ],
    services: [
      { id: "khai-sinh", code: "A", fieldId: "ho-tich", name: "Đăng ký khai sinh", nameEn: "Birth registration", defaultServiceMinutes: 7 },
      { id: "ket-hon", code: "B", fieldId: "ho-tich", name: "Đăng ký kết hôn", nameEn: "Marriage registration", defaultServiceMinutes: 10 },
      { id: "chung-thuc-ban-sao", code: "C", fieldId: "chung-thuc", name: "Chứng thực bản sao từ bản chính", nameEn: "Certified copies", defaultServiceMinutes: 4 },
      { id: "dang-ky-dat-dai", code: "D", fieldId: "dat-dai", name: "Đăng ký đất đai", nameEn: "Land registration", defaultServiceMinutes: 15 },
      { id: "tro-cap-xa-hoi", code: "L", fieldId: "lao-dong-tbxh", name: "Trợ cấp xã hội", nameEn: "Social allowances", defaultServiceMinutes: 10 },
    ],
    counters: Array.from({ length: c.counters }, (_, i) => ({
      id: `quay-${i + 1}`,
      number: i + 1,
      name: `Quầy ${i + 1}`,
      nameEn: `Counter ${i + 1}`,
      // Each desk takes everything, its own fields first (the commune scenario's two officers).
      serviceIds: i % 2 === 0 ? all : [...all].reverse(),
    })),
    calendar: { workingDays: [1, 2, 3, 4, 5], holidays: VIETNAM_HOLIDAYS, extraWorkingDays: [] },
    staff: [
      { id: "admin", username: DEMO_ADMIN.username, displayName: "Quản trị", role: "admin", passwordHash: await demoPasswordHash(DEMO_ADMIN.password) },
      { id: "giamsat", username: DEMO_SUPERVISOR.username, displayName: "Lãnh đạo UBND xã", role: "supervisor", passwordHash: await demoPasswordHash(DEMO_SUPERVISOR.password) },
      ...(await Promise.all(
        Array.from({ length: c.counters }, async (_, i) => ({
          id: demoStaffUsername(i + 1),
          username: demoStaffUsername(i + 1),
          displayName: COMMUNE_STAFF[i % COMMUNE_STAFF.length]!,
          role: "staff" as const,
          passwordHash: await demoPasswordHash(DEMO_STAFF_PASSWORD),
        })),
      )),
    ],
    devices: [
      { id: "kiosk", kind: "kiosk", name: "Kiosk", keyHash: sha256(communeKey("kiosk", c.id)) },
      { id: "man-hinh", kind: "display", name: "Màn hình", keyHash: sha256(communeKey("display", c.id)) },
    ],
  };
  const checked = validateConfig(input);
  if (!checked.ok) throw new Error(`demo commune ${c.id} is invalid: ${checked.message}`);
  return checked.config;
}
