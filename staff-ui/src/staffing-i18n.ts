import { STAFFING_MIN_SAMPLE, type Lang } from "@motcua/protocol";
import { useLang } from "./i18n.ts";

const MIN = STAFFING_MIN_SAMPLE;

/** A date as the office writes it: 27/11/2026. */
const dmy = (day: string) => day.split("-").reverse().join("/");

/** Every word of the staffing plan panel on the supervisor's dashboard, Vietnamese first. */
const vi = {
  title: "Kế hoạch bố trí quầy",
  intro: "Số quầy nên mở cho từng lĩnh vực trong mỗi nửa giờ, tính từ lượng công dân của một ngày đã ghi nhận và kiểm tra lại bằng mô phỏng.",
  show: "Mở",
  hide: "Thu gọn",
  source: "Lập từ số liệu",
  latest: "Ngày làm việc gần nhất có đủ số liệu",
  today: "Hôm nay, tính đến giờ này",
  pastDay: "Một ngày đã qua",
  targets: "Mục tiêu",
  meanWait: "Chờ trung bình tối đa (phút)",
  within15: "Được gọi trong 15 phút, ít nhất (%)",
  plan: "Lập kế hoạch",
  planning: "Đang lập kế hoạch…",
  planningLong: (s: number) => `Máy chủ đang mô phỏng nhiều ngày làm việc để kiểm tra kế hoạch${s > 0 ? ` (${s} giây)` : ""}. Việc này có thể mất vài chục giây.`,
  retry: "Thử lại",
  chooseDay: "Hãy chọn ngày đã qua muốn lập kế hoạch.",
  badTargets: "Mục tiêu chưa hợp lệ: chờ trung bình từ 1 đến 60 phút, tỷ lệ được gọi trong 15 phút từ 50 đến 99 %.",
  notFound: (day: string | undefined) => (day ? `Máy chủ không có số liệu của ngày ${dmy(day)}. Hãy chọn một ngày làm việc khác.` : "Máy chủ chưa có số liệu ngày nào. Hãy chọn một ngày làm việc khác."),
  tooFew: (day: string | undefined) =>
    day
      ? `Ngày ${dmy(day)} chưa đủ số liệu để lập kế hoạch: cần ít nhất ${MIN.tickets} lượt cấp số (cho các thủ tục đang cấu hình) trong ít nhất ${MIN.hours} giờ làm việc đã qua của ngày. Quý vị vui lòng chọn một ngày làm việc đầy đủ, hoặc thử lại sau.`
      : `Chưa có ngày nào đủ số liệu để lập kế hoạch (ít nhất ${MIN.tickets} lượt cấp số trong ${MIN.hours} giờ làm việc). Quý vị vui lòng thử lại khi đã có một ngày làm việc đầy đủ.`,
  forbidden: "Tài khoản này không được lập kế hoạch bố trí quầy; chỉ lãnh đạo trung tâm và quản trị viên được dùng.",
  failed: "Máy chủ chưa lập được kế hoạch lần này. Xin bấm Thử lại; nếu vẫn lỗi, báo bộ phận kỹ thuật.",
  offline: "Không kết nối được máy chủ. Kiểm tra mạng rồi bấm Thử lại.",
  basedOn: (day: string, tickets: string) => `Lập từ số liệu ngày ${dmy(day)}: ${tickets} lượt cấp số.`,
  check: (days: number, mean: string, share: string, p90: string) =>
    `Kiểm tra bằng mô phỏng ${days} ngày làm việc với kế hoạch này: công dân chờ trung bình ${mean} phút, ${share} được gọi trong 15 phút, 9 trên 10 người chờ không quá ${p90} phút.`,
  metLead: "Đạt mục tiêu",
  met: (mean: string, share: string) => `: chờ trung bình không quá ${mean} phút và ít nhất ${share} được gọi trong 15 phút, ở mọi lĩnh vực và mọi nửa giờ.`,
  notMetLead: "Chưa đạt mục tiêu",
  notMet: (mean: string, share: string) =>
    ` (chờ trung bình không quá ${mean} phút, ít nhất ${share} được gọi trong 15 phút): với số bàn hiện có hoặc lượng hồ sơ của ngày này, trong mô phỏng vẫn có lĩnh vực hay nửa giờ chờ quá ngưỡng, hoặc có người chưa được gọi trước giờ nghỉ.`,
  hours: (need: string, all: string, peak: number, desks: number) =>
    `Kế hoạch cần ${need} giờ công cán bộ (mở mọi quầy suốt giờ làm việc là ${all} giờ). Lúc đông nhất cần ${peak} quầy cùng lúc; trung tâm có ${desks} bàn.`,
  field: "Lĩnh vực",
  openNow: "Đang mở",
  openNowHint: "Số quầy đang mở lúc này, mỗi quầy tính cho lĩnh vực nó ưu tiên phục vụ",
  total: "Tổng số quầy",
  simMean: "Chờ TB",
  simWithin: "≤ 15 phút",
  simHint: "Kết quả mô phỏng của lĩnh vực với kế hoạch này",
  cellMore: (need: number, open: number) => `Cần ${need} quầy, đang mở ${open}`,
  legendMore: "Cần nhiều quầy hơn số đang mở lúc này",
  legendNow: "Nửa giờ hiện tại",
  legendShort: "Lĩnh vực chờ quá ngưỡng trong mô phỏng (trung bình quá 15 phút hoặc dưới 80 % được gọi trong 15 phút)",
  minutes: (m: string) => `${m} phút`,
};
export type StaffingDict = typeof vi;

const en: StaffingDict = {
  title: "Staffing plan",
  intro: "How many counters to open for each field in every half hour, worked out from the citizens of a recorded day and checked by simulation.",
  show: "Open",
  hide: "Collapse",
  source: "Plan from",
  latest: "The latest working day with enough data",
  today: "Today so far",
  pastDay: "A past day",
  targets: "Targets",
  meanWait: "Mean wait at most (min)",
  within15: "Called within 15 min, at least (%)",
  plan: "Make the plan",
  planning: "Planning…",
  planningLong: (s) => `The server is simulating many working days to check the plan${s > 0 ? ` (${s} s)` : ""}. This can take some tens of seconds.`,
  retry: "Try again",
  chooseDay: "Choose the past day to plan from.",
  badTargets: "Targets out of range: a mean wait of 1 to 60 minutes, and 50 to 99 % called within 15 minutes.",
  notFound: (day) => (day ? `The server has no data for ${dmy(day)}. Choose another working day.` : "The server has no recorded day yet. Choose another working day."),
  tooFew: (day) =>
    day
      ? `${dmy(day)} has too little data to plan from: a plan needs at least ${MIN.tickets} tickets (for the services configured now) over at least ${MIN.hours} hours of the day's opening hours gone by. Choose a full working day, or try again later.`
      : `No day has enough data to plan from yet (at least ${MIN.tickets} tickets over ${MIN.hours} opening hours). Try again after a full working day.`,
  forbidden: "This account may not make staffing plans; only the center's leaders and administrators may.",
  failed: "The server could not make the plan this time. Press Try again; if it fails again, tell the technical team.",
  offline: "Cannot reach the server. Check the network and press Try again.",
  basedOn: (day, tickets) => `Made from ${dmy(day)}: ${tickets} tickets.`,
  check: (days, mean, share, p90) => `Checked by simulating ${days} working days with this plan: a mean wait of ${mean} min, ${share} called within 15 minutes, 9 in 10 citizens wait at most ${p90} min.`,
  metLead: "Target met",
  met: (mean, share) => `: a mean wait of at most ${mean} min and at least ${share} called within 15 minutes, in every field and every half hour.`,
  notMetLead: "Target not met",
  notMet: (mean, share) =>
    ` (a mean wait of at most ${mean} min, at least ${share} called within 15 minutes): with the desks the hall has, or this day's load, some field or half hour still waits too long in simulation, or someone is not called before a break.`,
  hours: (need, all, peak, desks) => `The plan needs ${need} officer-hours (every counter open all day would be ${all}). At the busiest it needs ${peak} counters at once; the hall has ${desks} desks.`,
  field: "Field",
  openNow: "Open now",
  openNowHint: "Counters open right now, each counted for the field it serves first",
  total: "All counters",
  simMean: "Mean wait",
  simWithin: "≤ 15 min",
  simHint: "The field's simulated figures with this plan",
  cellMore: (need, open) => `Needs ${need} counters, ${open} open now`,
  legendMore: "Needs more counters than are open now",
  legendNow: "The current half hour",
  legendShort: "Field waiting too long in simulation (a mean over 15 min, or under 80 % called within 15 min)",
  minutes: (m) => `${m} min`,
};

export const STAFFING_TEXT: Record<Lang, StaffingDict> = { vi, en };
export const useStaffingT = (): StaffingDict => STAFFING_TEXT[useLang()];
