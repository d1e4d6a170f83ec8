/** Line icons for the field tiles: drawn here so nothing comes from a font or a CDN. */
const PATHS: Record<string, string> = {
  family: "M9 7a3 3 0 1 0 0-.01M17 8a2.5 2.5 0 1 0 0-.01M3 21v-3a5 5 0 0 1 10 0v3M13.5 21v-2.5a4 4 0 0 1 7.5-2V21",
  stamp: "M9 3h6v5l-1 4h4a2 2 0 0 1 2 2v3H4v-3a2 2 0 0 1 2-2h4l-1-4zM4 21h16",
  land: "M3 20l5-9 4 6 3-4 6 7zM16 4a2 2 0 1 0 0 .01",
  shop: "M3 9l2-5h14l2 5M4 9h16v11H4zM9 20v-6h6v6M3 9a3 3 0 0 0 6 0 3 3 0 0 0 6 0 3 3 0 0 0 6 0",
  building: "M4 21V7l8-4 8 4v14M9 21v-5h6v5M8 10h2M14 10h2M8 13h2M14 13h2M2 21h20",
  scales: "M12 3v18M7 21h10M5 7h14M5 7l-3 7a3 3 0 0 0 6 0zM19 7l-3 7a3 3 0 0 0 6 0z",
  people: "M8 8a3 3 0 1 0 0-.01M16 8a3 3 0 1 0 0-.01M2 20v-2a5 5 0 0 1 10 0v2M12 20v-2a5 5 0 0 1 10 0v2",
  car: "M5 16l1.5-6A2 2 0 0 1 8.4 8.5h7.2a2 2 0 0 1 1.9 1.5L19 16M3 16h18v4H3zM7 20v1M17 20v1M6.5 18h.01M17.5 18h.01",
  inbox: "M3 13l3-8h12l3 8v6H3zM3 13h5l1 3h6l1-3h5",
  search: "M10 4a6 6 0 1 0 0 12 6 6 0 0 0 0-12zM14.5 14.5L20 20",
  qr: "M4 4h6v6H4zM14 4h6v6h-6zM4 14h6v6H4zM14 14h2v2h-2zM18 18h2v2h-2zM14 18h2M18 14h2",
  book: "M4 5a2 2 0 0 1 2-2h13v16H6a2 2 0 0 0-2 2zM4 21V5M8 7h8M8 11h6",
  star: "M12 3l2.8 5.8 6.2.9-4.5 4.4 1 6.2L12 17.4 6.5 20.3l1-6.2L3 9.7l6.2-.9z",
  help: "M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14M12 17h.01",
  home: "M3 11l9-8 9 8M5 9v12h14V9M10 21v-6h4v6",
  ticket: "M3 8a2 2 0 0 0 2-2h14a2 2 0 0 0 2 2v2a2 2 0 0 0 0 4v2a2 2 0 0 0-2 2H5a2 2 0 0 0-2-2v-2a2 2 0 0 0 0-4z",
  doc: "M6 3h9l4 4v14H6zM14 3v5h5M9 13h7M9 17h7",
  speaker: "M4 9h4l5-4v14l-5-4H4zM16.5 8.5a5 5 0 0 1 0 7M19 6a8.5 8.5 0 0 1 0 12",
};

export function Icon({ name, size = 48 }: { name: string | undefined; size?: number }) {
  const d = PATHS[name ?? ""] ?? PATHS.doc!;
  return (
    <svg class="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">
      <path d={d} />
    </svg>
  );
}
