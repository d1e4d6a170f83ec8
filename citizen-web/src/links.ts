import { Id } from "@motcua/protocol";

/**
 * The center a page's address names (`/c/?center=lam-dong`: the link and QR code posted at the
 * center); null where it names none, or nothing that could be a center's id.
 */
export function centerIn(search: string): string | null {
  return idIn(search, "center");
}

/** The procedure a page's address names (`/c/?center=lam-dong&service=khai-sinh`), for the page to start on; null where none. */
export function serviceIn(search: string): string | null {
  return idIn(search, "service");
}

function idIn(search: string, key: string): string | null {
  const named = new URLSearchParams(search).get(key);
  return named !== null && Id.safeParse(named).success ? named : null;
}

/**
 * "Làm thủ tục ở đâu?": the page of every unit that receives a procedure. An address on /c/, as
 * the server serves the phone pages at /c, /c/hen and /f/<token> only.
 */
export const WHERE_PAGE = "/c/?chon=don-vi";

/** Whether the address opens the units page (`/c/?chon=don-vi`). */
export const opensWhere = (search: string): boolean => new URLSearchParams(search).get("chon") === "don-vi";

/** The units page on one procedure: the phone's Back returns to the list of procedures. */
export const wherePage = (service: string | null): string => (service ? `${WHERE_PAGE}&${new URLSearchParams({ service })}` : WHERE_PAGE);

/**
 * A link to another phone page, keeping the center it is for where one deployment serves several,
 * and the procedure it should start on when one was chosen already.
 */
export function pageLink(path: string, center: string | null | undefined, service?: string | null): string {
  const query = new URLSearchParams();
  if (center) query.set("center", center);
  if (service) query.set("service", service);
  const q = query.toString();
  return q ? `${path}?${q}` : path;
}
