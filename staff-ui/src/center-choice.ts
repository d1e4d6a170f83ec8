import { PROVINCE_SCOPE, type CentersResponse } from "@motcua/protocol";

/**
 * Whether the login asks which center an account belongs to: where the deployment serves several,
 * or has province accounts. With one center and no province the form stays as it always was.
 */
export const asksCenter = (listing: CentersResponse | null): listing is CentersResponse => listing !== null && (listing.centers.length > 1 || listing.province);

/**
 * What the login names for its account: the center chosen (last time on this browser, or just now)
 * while the deployment still offers it, else the first center; nothing where the login asks for none.
 */
export function loginScope(listing: CentersResponse | null, chosen: string | null): string | undefined {
  if (!asksCenter(listing)) return undefined;
  const offered = listing.centers.some((c) => c.id === chosen) || (listing.province && chosen === PROVINCE_SCOPE);
  if (offered) return chosen!;
  return listing.centers[0]?.id ?? PROVINCE_SCOPE;
}
