import { fold } from "@motcua/protocol";

/** Makes an id from a Vietnamese name: "Đăng ký thường trú" → "dang-ky-thuong-tru". */
export function slug(name: string): string {
  return fold(name).replace(/ /g, "-").slice(0, 40).replace(/-+$/, "");
}
