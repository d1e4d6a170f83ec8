import { Id } from "@motcua/protocol";

/**
 * The center a page's address names (`/c/?center=lam-dong`: the link and QR code posted at the
 * center); null where it names none, or nothing that could be a center's id.
 */
export function centerIn(search: string): string | null {
  const named = new URLSearchParams(search).get("center");
  return named !== null && Id.safeParse(named).success ? named : null;
}

/** A link to another phone page, keeping the center it is for where one deployment serves several. */
export function pageLink(path: string, center: string | null | undefined): string {
  return center ? `${path}?${new URLSearchParams({ center })}` : path;
}
