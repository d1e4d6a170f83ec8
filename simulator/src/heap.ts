/** A binary min-heap on (time, insertion order): events at the same minute keep their order. */
export class EventQueue<T extends { t: number }> {
  private items: { e: T; n: number }[] = [];
  private counter = 0;

  get size(): number {
    return this.items.length;
  }

  push(e: T): void {
    const items = this.items;
    items.push({ e, n: this.counter++ });
    let i = items.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(items[i]!, items[p]!)) break;
      [items[i], items[p]] = [items[p]!, items[i]!];
      i = p;
    }
  }

  pop(): T | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0]!;
    const last = items.pop()!;
    if (items.length > 0) {
      items[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(items[l]!, items[m]!)) m = l;
        if (r < items.length && this.less(items[r]!, items[m]!)) m = r;
        if (m === i) break;
        [items[i], items[m]] = [items[m]!, items[i]!];
        i = m;
      }
    }
    return top.e;
  }

  private less(a: { e: T; n: number }, b: { e: T; n: number }): boolean {
    return a.e.t < b.e.t || (a.e.t === b.e.t && a.n < b.n);
  }
}
