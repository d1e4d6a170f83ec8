import type { CenterConfig, NewCenterRequest, QueueRules } from "@motcua/protocol";
import { VIETNAM_HOLIDAYS } from "./holidays.ts";
import { validateConfig } from "./validate.ts";

/**
 * A new center as the province creates it: a configuration needs a field, a service and a
 * counter, so it starts with one of each, and its first admin, who then sets up the rest.
 */
export function starterConfig(req: NewCenterRequest, adminPasswordHash: string, rules?: QueueRules): CenterConfig {
  const checked = validateConfig({
    mode: "production",
    center: {
      id: req.id,
      name: req.name,
      nameEn: req.nameEn ?? req.name,
      level: req.level,
      linked: req.linked,
      area: req.area,
      ...(req.parentId ? { parentId: req.parentId } : {}),
      ...(req.address ? { address: req.address } : {}),
      ...(req.coordinates ? { coordinates: req.coordinates } : {}),
    },
    fields: [{ id: "tiep-nhan", name: "Tiếp nhận và trả kết quả", nameEn: "Reception and results", icon: "inbox" }],
    services: [{ id: "tiep-nhan-ho-so", code: "A", fieldId: "tiep-nhan", name: "Tiếp nhận hồ sơ", nameEn: "Dossier reception", defaultServiceMinutes: 10 }],
    counters: [{ id: "quay-1", number: 1, name: "Quầy 1", nameEn: "Counter 1", serviceIds: ["tiep-nhan-ho-so"] }],
    calendar: { workingDays: [1, 2, 3, 4, 5], holidays: VIETNAM_HOLIDAYS, extraWorkingDays: [] },
    staff: [{ id: "quan-tri", username: req.admin.username, displayName: req.admin.displayName, role: "admin", passwordHash: adminPasswordHash }],
    devices: [],
    // The province's defaults, which the unit then tunes.
    ...(rules ? { rules } : {}),
  });
  if (!checked.ok) throw new Error(`the starter configuration is invalid: ${checked.message}`);
  return checked.config;
}
