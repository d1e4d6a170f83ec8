import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Procedure, ServiceSummary } from "@motcua/protocol";
import { describe, expect, it } from "vitest";
import { matches, search, sound } from "@motcua/kiosk-ui/search";

/** The demo center's public listing, as the server ships it: the names a citizen's words must reach. */
const LISTING: Procedure[] = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "queue-server", "demo-data", "procedures.json"), "utf8"));

const service = (id: string, name: string, nameEn: string): ServiceSummary => ({
  id,
  code: "A",
  name,
  nameEn,
  fieldId: "f",
  waiting: 0,
  estimatedWait: { minMinutes: 0, maxMinutes: 5 },
  counterNumbers: [1],
});
const SERVICES = [
  service("khai-sinh", "Đăng ký khai sinh", "Birth registration"),
  service("ket-hon", "Đăng ký kết hôn", "Marriage registration"),
  service("chung-thuc-ban-sao", "Chứng thực bản sao từ bản chính", "Certified copies"),
  service("dang-ky-dat-dai", "Đăng ký đất đai, cấp Giấy chứng nhận", "Land registration and certificates"),
  service("dang-ky-doanh-nghiep", "Đăng ký doanh nghiệp", "Enterprise registration"),
  service("doi-giay-phep-lai-xe", "Đổi giấy phép lái xe", "Driving licence renewal"),
  service("tra-ket-qua", "Nhận kết quả hồ sơ", "Collect results"),
];

const ids = (query: string, aliases: Record<string, string[]> = {}) => {
  const found = search(query, SERVICES, LISTING, aliases);
  return { services: found.services.map((s) => s.id), procedures: found.procedures.map((p) => p.id) };
};

describe("the kiosk's search", () => {
  it("matches each typed word to the start of a word, with or without marks", () => {
    expect(matches("khai sinh", "Đăng ký khai sinh")).toBe(true);
    expect(matches("dang ky kh", "Đăng ký khai sinh")).toBe(true);
    expect(matches("Khai Sinh", "Đăng ký khai sinh")).toBe(true);
    expect(matches("đăng ký khai sinh", "Dang ky khai sinh")).toBe(true);
    expect(matches("birth", "Đăng ký khai sinh", "Birth registration")).toBe(true);
    expect(matches("hai sinh", "Đăng ký khai sinh")).toBe(false);
    expect(matches("ket hon", "Đăng ký khai sinh")).toBe(false);
    expect(matches("   ", "Đăng ký khai sinh")).toBe(false);
  });

  it("finds words typed without their spaces", () => {
    expect(matches("khaisinh", "Đăng ký khai sinh")).toBe(true);
    expect(matches("dangkykhaisinh", "Đăng ký khai sinh")).toBe(true);
    expect(matches("chungthuc banSao", "Chứng thực bản sao")).toBe(true);
    // Run together from the start of a word only: "aisinh" is not a word's beginning.
    expect(matches("aisinh", "Đăng ký khai sinh")).toBe(false);
    const found = ids("KHAISINH");
    expect(found.services).toEqual(["khai-sinh"]);
    expect(found.procedures).toEqual(["dang-ky-khai-sinh"]);
  });

  it("takes everyday names for the official ones: sổ đỏ is the land-use certificate", () => {
    for (const q of ["sổ đỏ", "SO DO", "sodo", "lam so hong", "red book"]) {
      const found = ids(q);
      expect(found.services, q).toEqual(["dang-ky-dat-dai"]);
      // Every listed procedure that issues, changes or replaces the certificate, and nothing else:
      // not "thay đổi địa chỉ trụ sở doanh nghiệp", whose words merely start with "so" and "do".
      expect(found.procedures, q).toEqual(["dang-ky-cap-gcn-lan-dau", "cap-doi-giay-chung-nhan", "cap-lai-gcn-do-bi-mat"]);
    }
    expect(ids("bằng lái xe").services).toEqual(["doi-giay-phep-lai-xe"]);
    expect(ids("driving license").procedures).toEqual(["doi-giay-phep-lai-xe"]);
    expect(ids("công chứng").services).toEqual(["chung-thuc-ban-sao"]);
    expect(ids("lấy kết quả").services).toEqual(["tra-ket-qua"]);
  });

  it("says nothing rather than something wrong for what the center does not do here", () => {
    // The demo center has no residence or ID-card procedure: "hộ khẩu" must not land on "hộ kinh doanh".
    expect(ids("hộ khẩu")).toEqual({ services: [], procedures: [] });
    expect(ids("làm căn cước")).toEqual({ services: [], procedures: [] });
    expect(ids("xyz qwv")).toEqual({ services: [], procedures: [] });
  });

  it("finds a procedure by the words the center added to it", () => {
    const aliases = { "khai-sinh": ["làm giấy cho em bé", "giấy sinh con"], "ket-hon": ["đăng ký cưới"] };
    expect(ids("giay cho em be", aliases).services).toEqual(["khai-sinh"]);
    // A procedure of the listing is found by its service's words too.
    expect(ids("dang ky cuoi", aliases).procedures).toEqual(["dang-ky-ket-hon", "xac-nhan-tinh-trang-hon-nhan"]);
    expect(ids("dang ky cuoi").services).toEqual([]);
  });

  it("forgives the usual slips: regional spellings and one letter wrong", () => {
    expect(sound("trung")).toBe(sound("chun"));
    expect(sound("sac")).toBe(sound("xat"));
    expect(sound("giay")).toBe(sound("ray"));
    expect(sound("nai")).toBe(sound("lai"));
    expect(ids("trứng thực").services).toEqual(["chung-thuc-ban-sao"]); // tr for ch
    expect(ids("doi dấy phép nái xe").services).toEqual(["doi-giay-phep-lai-xe"]); // d for gi, n for l
    expect(ids("khia sinh").services).toEqual(["khai-sinh"]); // two letters swapped
    expect(ids("ddang kys khai sinh").services).toEqual(["khai-sinh"]); // Telex left-overs
    expect(ids("ket hôn").services).toEqual(["ket-hon"]);
  });

  it("offers near misses only when nothing is found directly", () => {
    // "khai" is a word itself: its near neighbours ("khám", "khác") are not offered beside it.
    const found = ids("khai");
    expect(found.services).toEqual(["khai-sinh"]);
    expect(found.procedures).toEqual(["dang-ky-khai-sinh", "dang-ky-khai-tu"]);
  });
});
