import { effect, type ReadonlySignal } from "@preact/signals";

/** While `dirty` holds, leaving the page (closing the tab, a reload) asks first; returns how to stop. */
export function warnBeforeLeaving(dirty: ReadonlySignal<boolean>): () => void {
  return effect(() => {
    if (!dirty.value) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  });
}
