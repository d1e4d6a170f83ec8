import type { Holiday } from "@motcua/protocol";

/**
 * Weekdays the state closes in 2026 and 2027 (Bộ luật Lao động 2019, Điều 112, and the
 * government's yearly schedule for civil servants), as data an administrator edits in the
 * configuration: Tết and Giỗ Tổ follow the lunar calendar and the days off around them, and any
 * Saturday worked in exchange, are announced each year. Weekends are already closed, so only
 * weekdays are listed. Dates for 2027 marked "dự kiến" follow the law and the lunar calendar
 * (Tết Đinh Mùi on the weekend of 6–7/2/2027, Giỗ Tổ on 16/4/2027) before the official schedule is out:
 * check them when it is announced.
 */
export const VIETNAM_HOLIDAYS: Holiday[] = [
  { date: "2026-01-01", name: "Tết Dương lịch", nameEn: "New Year's Day" },
  ...["2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20"].map((date) => ({
    date,
    name: "Tết Nguyên đán Bính Ngọ",
    nameEn: "Lunar New Year",
  })),
  { date: "2026-04-27", name: "Nghỉ bù Giỗ Tổ Hùng Vương", nameEn: "Hung Kings' Day (in lieu)" },
  { date: "2026-04-30", name: "Ngày Chiến thắng", nameEn: "Reunification Day" },
  { date: "2026-05-01", name: "Ngày Quốc tế Lao động", nameEn: "International Labour Day" },
  { date: "2026-09-01", name: "Nghỉ Quốc khánh", nameEn: "National Day holiday" },
  { date: "2026-09-02", name: "Quốc khánh", nameEn: "National Day" },
  { date: "2026-11-24", name: "Ngày Văn hóa Việt Nam", nameEn: "Vietnam Culture Day" },
  { date: "2027-01-01", name: "Tết Dương lịch", nameEn: "New Year's Day" },
  ...["2027-02-05", "2027-02-08", "2027-02-09", "2027-02-10", "2027-02-11"].map((date) => ({
    date,
    name: "Tết Nguyên đán Đinh Mùi (dự kiến)",
    nameEn: "Lunar New Year (expected)",
  })),
  { date: "2027-04-16", name: "Giỗ Tổ Hùng Vương (dự kiến)", nameEn: "Hung Kings' Day (expected)" },
  { date: "2027-04-30", name: "Ngày Chiến thắng", nameEn: "Reunification Day" },
  { date: "2027-05-03", name: "Nghỉ bù Ngày Quốc tế Lao động", nameEn: "International Labour Day (in lieu)" },
  { date: "2027-09-02", name: "Quốc khánh", nameEn: "National Day" },
  { date: "2027-09-03", name: "Nghỉ Quốc khánh (dự kiến)", nameEn: "National Day holiday (expected)" },
  { date: "2027-11-24", name: "Ngày Văn hóa Việt Nam", nameEn: "Vietnam Culture Day" },
];
