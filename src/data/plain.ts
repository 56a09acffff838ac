import neo4j from 'neo4j-driver';

/** Turns driver values (Integers, temporals, nodes) into plain JSON-ready values; the one place that does it. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (typeof value === 'bigint') return Number(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value !== 'object') return value;
  if (
    neo4j.isDate(value) ||
    neo4j.isDateTime(value) ||
    neo4j.isLocalDateTime(value) ||
    neo4j.isTime(value) ||
    neo4j.isLocalTime(value) ||
    neo4j.isDuration(value)
  ) {
    return String(value);
  }
  if (neo4j.isNode(value)) {
    const node = value as unknown as { labels: string[]; properties: Record<string, unknown> };
    return { labels: node.labels, ...(toPlain(node.properties) as object) };
  }
  if (neo4j.isRelationship(value)) {
    const rel = value as unknown as { type: string; properties: Record<string, unknown> };
    return { type: rel.type, ...(toPlain(rel.properties) as object) };
  }
  if (neo4j.isPath(value)) {
    const p = value as unknown as { segments: { start: unknown; relationship: unknown; end: unknown }[] };
    return p.segments.map((s) => ({ start: toPlain(s.start), relationship: toPlain(s.relationship), end: toPlain(s.end) }));
  }
  if (neo4j.isPoint(value)) {
    const pt = value as unknown as { x: number; y: number; srid: unknown };
    return { x: pt.x, y: pt.y, srid: toPlain(pt.srid) };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toPlain(v);
  return out;
}
