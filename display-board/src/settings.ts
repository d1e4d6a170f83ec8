/** What a board shows and says, set once by the installer in the TV's start-up address. */
export interface BoardSettings {
  /** The device key the board connects with. */
  key: string;
  /** Only these fields and counters (empty: all the server shows this display). */
  fields: string[];
  counters: string[];
  /** A counter's own small display instead of the lobby board. */
  counter: string | null;
  /**
   * Spoken calls: off on a muted board; 0–1; "auto" and "speech" speak with the browser's
   * Vietnamese voice whenever it has one (after the chime clip), else the shipped clips; "clips" always the clips.
   */
  muted: boolean;
  volume: number;
  voice: "auto" | "clips" | "speech";
}

/** The board's settings from its address (`?key=…&fields=a,b&counter=quay-3&mute=1&volume=0.5&voice=clips`). */
export function settingsFrom(params: URLSearchParams): BoardSettings {
  const list = (name: string) => (params.get(name) ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const voice = params.get("voice");
  return {
    key: params.get("key") ?? "",
    fields: list("fields"),
    counters: list("counters"),
    counter: params.get("counter"),
    muted: params.get("mute") === "1",
    volume: Number(params.get("volume") ?? 1),
    voice: voice === "speech" || voice === "clips" ? voice : "auto",
  };
}
