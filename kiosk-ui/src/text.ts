import { fold } from "@motcua/protocol";

/** The elderly queue, found by its name (the ID card only says the holder is sixty or over). */
export const isElderlyGroup = (g: { name: string }): boolean => fold(g.name).includes("cao tuoi");
