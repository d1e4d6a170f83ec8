/**
 * Code split off the first screen is fetched later; if a new build was installed meanwhile the
 * old files are gone. The kiosk then notes it is stale and reloads between two citizens.
 */
let stale = false;

export async function loadFresh<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    stale = true;
    throw e;
  }
}

/** Reloads the page if a split-off file failed to load; true when it did. */
export function reloadIfStale(): boolean {
  if (!stale) return false;
  location.reload();
  return true;
}
