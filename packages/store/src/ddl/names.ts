/**
 * Names of the objects generated for entities. PostgreSQL truncates identifiers at 63 bytes, so a
 * name that would be longer keeps a readable head and ends in a short hash of the whole.
 */

const MAX_IDENTIFIER = 63;

/** FNV-1a, 32 bit, as 7 base-36 digits: short, stable across runs and platforms. */
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36).padStart(7, '0');
}

function fit(name: string): string {
  return name.length <= MAX_IDENTIFIER ? name : `${name.slice(0, MAX_IDENTIFIER - 8)}_${shortHash(name)}`;
}

/** The table of an entity: `t<appNo>_<entityId>` (architecture.md); entity ids are ≤ 40 chars. */
export function entityTableName(appNo: number, entityId: string): string {
  return `t${appNo}_${entityId}`;
}

/** An index of an entity table, e.g. `t3_deal_owner`. */
export function indexName(table: string, suffix: string): string {
  return fit(`${table}_${suffix}`);
}

/** The sequence behind an auto-number field. */
export function sequenceName(table: string, fieldId: string): string {
  return fit(`${table}_${fieldId}_seq`);
}

/** Quotes an identifier for SQL text (ids are validated, quoting keeps camelCase and reserved words). */
export function quoteId(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
