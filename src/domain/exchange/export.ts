import type { Database } from '../../data/database.js';
import { toCsvZip } from './formats/csv.js';
import { toGraphml } from './formats/graphml.js';
import { toJsonDocument } from './formats/json.js';
import { toJsonLd } from './formats/jsonld.js';
import { describeFilters, type ExportFilters, type ExportFormat } from './filters.js';
import { readGraph } from './read.js';

export interface ExportFile {
  body: string | Uint8Array;
  contentType: string;
  filename: string;
  nodes: number;
  relationships: number;
}

const FILE: Record<ExportFormat, { contentType: string; extension: string }> = {
  json: { contentType: 'application/json; charset=utf-8', extension: 'json' },
  csv: { contentType: 'application/zip', extension: 'zip' },
  graphml: { contentType: 'application/graphml+xml; charset=utf-8', extension: 'graphml' },
  jsonld: { contentType: 'application/ld+json; charset=utf-8', extension: 'jsonld' },
};

/** Exports can be large; they get longer than a page's query to read. */
const EXPORT_TIMEOUT_MS = 120_000;

/** `pathway-atlas-20200115T103000Z.json`: sortable, and safe in any file system. */
export function exportFilename(at: Date, extension: string): string {
  return `pathway-atlas-${at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/[-:]/g, '')}.${extension}`;
}

/** Exports the whole graph, or the part the filters select, in one snapshot. */
export async function exportGraph(
  db: Database,
  filters: ExportFilters,
  format: ExportFormat,
  opts: { baseUrl: string; now?: Date },
): Promise<ExportFile> {
  const now = opts.now ?? new Date();
  const exportedAt = now.toISOString();
  const graph = await db.readTx((run) => readGraph(run, filters), EXPORT_TIMEOUT_MS);
  const described = describeFilters(filters);
  let body: string | Uint8Array;
  switch (format) {
    case 'json':
      body = `${JSON.stringify(toJsonDocument(graph, { exportedAt, filters: described }), null, 2)}\n`;
      break;
    case 'csv':
      body = toCsvZip(graph, now);
      break;
    case 'graphml':
      body = toGraphml(graph, {
        exportedAt,
        description: `Pathway Atlas${Object.keys(described).length ? ` (${new URLSearchParams(Object.entries(described).map(([k, v]) => [k, v.join(',')])).toString()})` : ''}`,
      });
      break;
    case 'jsonld':
      body = `${JSON.stringify(toJsonLd(graph, { baseUrl: opts.baseUrl, exportedAt }), null, 2)}\n`;
      break;
  }
  const file = FILE[format];
  return {
    body,
    contentType: file.contentType,
    filename: exportFilename(now, file.extension),
    nodes: graph.nodes.length,
    relationships: graph.relationships.length,
  };
}
