import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { KINDS, relationshipAllowed, targetId, type Kind } from '../model/kinds.js';
import { compact, nodeProperties } from '../model/properties.js';
import { profileSourceIds, type CaseProfile } from '../model/profile.js';
import { searchKey, withArticle } from '../text.js';
import { LIST_KIND, seedFileSchema, type SeedFile } from './file.js';
import { projectPath } from '../../paths.js';

export const defaultSeedDir = projectPath('seeds');

/** A seed problem; `problems` each name the file, the record and the field. */
export class SeedError extends Error {
  constructor(readonly problems: string[]) {
    super(`The seed data has ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n- ${problems.slice(0, 20).join('\n- ')}`);
  }
}

export interface NodeRow {
  id: string;
  label: string;
  props: Record<string, unknown>;
}
export interface RelRow {
  type: string;
  from: string;
  to: string;
  props: Record<string, unknown>;
}
export interface SeedPlan {
  nodes: NodeRow[];
  relationships: RelRow[];
  files: string[];
}

function seedFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return seedFiles(full);
      return /\.ya?ml$/.test(name) ? [full] : [];
    });
}

/** A value from the file as it stands (not yet validated, so it may be of any type), as text for a message. */
const asText = (v: unknown): string => String(v);

function describeRecord(file: SeedFile | undefined, pathParts: PropertyKey[]): string {
  const [list, index, ...rest] = pathParts;
  if (typeof list !== 'string') return 'the file';
  if (typeof index !== 'number') return `list "${list}"`;
  const record = (file as Record<string, unknown[]> | undefined)?.[list]?.[index] as Record<string, unknown> | undefined;
  const name = record?.id ?? (record?.from ? `${asText(record.from)} ${asText(record.type)} ${asText(record.to)}` : undefined);
  const where = `${list}[${index}]${name ? ` (${asText(name)})` : ''}`;
  return rest.length ? `${where} field "${rest.join('.')}"` : where;
}

/** Reads and validates every seed file; throws SeedError naming each problem, before anything is written. */
export function readSeeds(dir = defaultSeedDir): { files: { file: string; data: SeedFile }[] } {
  const problems: string[] = [];
  const files: { file: string; data: SeedFile }[] = [];
  for (const file of seedFiles(dir)) {
    const rel = path.relative(process.cwd(), file);
    const doc = parseDocument(readFileSync(file, 'utf8'), { uniqueKeys: true });
    if (doc.errors.length) {
      for (const e of doc.errors) problems.push(`${rel}: YAML error at line ${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}`);
      continue;
    }
    const raw: unknown = doc.toJS() ?? {};
    const parsed = seedFileSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push(`${rel}: ${describeRecord(raw as SeedFile, issue.path)}: ${issue.message}`);
      }
      continue;
    }
    files.push({ file: rel, data: parsed.data });
  }
  if (problems.length) throw new SeedError(problems);
  return { files };
}

/** Turns validated seed files into node and relationship rows, checking ids and links across files. */
export function planSeed(files: { file: string; data: SeedFile }[]): SeedPlan {
  const problems: string[] = [];
  const nodes = new Map<string, NodeRow & { kind: Kind; file: string }>();
  const relationships: RelRow[] = [];
  const relKeys = new Set<string>();

  const addNode = (file: string, kind: Kind, id: string, props: Record<string, unknown>) => {
    const existing = nodes.get(id);
    if (existing) {
      problems.push(`${file}: id "${id}" is already used by ${withArticle(existing.kind)} in ${existing.file}`);
      return;
    }
    nodes.set(id, { id, kind, file, label: KINDS[kind], props: compact({ ...props, id, kind }) });
  };
  const addRel = (type: string, from: string, to: string, props: Record<string, unknown>) => {
    const key = `${from}|${type}|${to}`;
    if (relKeys.has(key)) {
      const existing = relationships.find((r) => `${r.from}|${r.type}|${r.to}` === key)!;
      const sources = new Set([...(existing.props.sources as string[]), ...((props.sources as string[]) ?? [])]);
      existing.props.sources = [...sources];
      return;
    }
    relKeys.add(key);
    relationships.push({ type, from, to, props: compact(props) });
  };

  for (const { file, data } of files) {
    for (const [list, kind] of Object.entries(LIST_KIND) as [keyof typeof LIST_KIND, Kind][]) {
      for (const record of data[list] ?? []) {
        const { targets } = record as { targets?: { code: string; text: string }[] };
        addNode(file, kind, record.id, nodeProperties(record));
        for (const t of targets ?? []) {
          const tid = targetId(t.code);
          const name = `Target ${t.code}`;
          addNode(file, 'target', tid, {
            code: t.code,
            name,
            text: t.text,
            goal: (record as { number: number }).number,
            searchKey: searchKey(name),
          });
          addRel('BELONGS_TO', tid, record.id, {});
        }
      }
    }
  }

  for (const { file, data } of files) {
    for (const [list, kind] of Object.entries(LIST_KIND) as [keyof typeof LIST_KIND, Kind][]) {
      (data[list] ?? []).forEach((record, i) => {
        const r = record as { id: string; sources?: string[]; publisher?: string };
        for (const s of r.sources ?? []) {
          if (nodes.get(s)?.kind !== 'source') problems.push(`${file}: ${list}[${i}] (${r.id}) field "sources": no source with id "${s}"`);
          else addRel('REPORTED_IN', r.id, s, {});
        }
        // A profile value and a population name the sources that state them: each must be a source.
        const { profile, population } = record as { profile?: CaseProfile; population?: { sources: string[] } };
        const stated = [
          ...(profile ? profileSourceIds(profile).map((s) => ({ field: `profile.${s.field}.sources`, id: s.id })) : []),
          ...(population?.sources ?? []).map((id) => ({ field: 'population.sources', id })),
        ];
        const reported = new Set(r.sources ?? []);
        for (const s of stated) {
          if (nodes.get(s.id)?.kind !== 'source')
            problems.push(`${file}: ${list}[${i}] (${r.id}) field "${s.field}": no source with id "${s.id}"`);
          else if (!reported.has(s.id)) {
            reported.add(s.id);
            addRel('REPORTED_IN', r.id, s.id, {});
          }
        }
        if (kind === 'source' && r.publisher) {
          if (nodes.get(r.publisher)?.kind !== 'organisation') {
            problems.push(`${file}: ${list}[${i}] (${r.id}) field "publisher": no organisation with id "${r.publisher}"`);
          } else addRel('PUBLISHED_BY', r.id, r.publisher, { sources: [r.id], basis: 'stated' });
        }
      });
    }
    (data.links ?? []).forEach((link, i) => {
      const where = `${file}: links[${i}] (${link.from} ${link.type} ${link.to})`;
      const from = nodes.get(link.from);
      const to = nodes.get(link.to);
      const sources = Array.isArray(link.source) ? link.source : [link.source];
      if (!from) problems.push(`${where} field "from": no node with id "${link.from}"`);
      if (!to) problems.push(`${where} field "to": no node with id "${link.to}"`);
      for (const s of sources) if (nodes.get(s)?.kind !== 'source') problems.push(`${where} field "source": no source with id "${s}"`);
      if (from && to && !relationshipAllowed(link.type, from.kind, to.kind)) {
        problems.push(`${where} field "type": ${link.type} may not join ${withArticle(from.kind)} to ${withArticle(to.kind)}`);
      }
      if (from && to) addRel(link.type, link.from, link.to, { sources, basis: link.basis, note: link.note });
    });
  }

  if (problems.length) throw new SeedError(problems);
  return {
    nodes: [...nodes.values()].map(({ id, label, props }) => ({ id, label, props })),
    relationships,
    files: files.map((f) => f.file),
  };
}
