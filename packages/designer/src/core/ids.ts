/**
 * A fresh element id from a base (`text` → `text1`, `text2`…), never one already taken. Ids are
 * deterministic, so tests and replays after a conflict produce the same document.
 */
export function uniqueId(base: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const clean = base.replace(/[^a-zA-Z0-9_]/g, '_').replace(/^[^a-z]+/, '') || 'item';
  const stem = clean.slice(0, 36);
  for (let n = 1; ; n++) {
    const id = `${stem}${n}`;
    if (!used.has(id)) return id;
  }
}

/** Turns a label typed by an admin into an id candidate (`Close date` → `closeDate`); empty if none fits. */
export function idFromLabel(label: string): string {
  const words = label
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9 _]/g, ' ')
    .trim()
    .split(/[\s_]+/)
    .filter(Boolean);
  const id = words
    .map((w, i) => (i === 0 ? w.toLowerCase() : w[0]?.toUpperCase() + w.slice(1).toLowerCase()))
    .join('')
    .replace(/^[^a-z]+/, '')
    .slice(0, 40);
  return id;
}
