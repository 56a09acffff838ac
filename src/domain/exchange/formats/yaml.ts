import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import neo4j from 'neo4j-driver';
import type { Run } from '../../../data/database.js';
import { LIST_KIND, type SeedFile } from '../../seed/file.js';
import { planSeed, readSeeds, SeedError, type SeedPlan } from '../../seed/plan.js';
import { targetId, type Kind } from '../../model/kinds.js';
import { PRIVATE_LABELS, kindOf } from '../content.js';
import { ImportError } from '../errors.js';
import { nodesById } from '../queries.js';
import { graphNode } from '../read.js';
import type { ImportSet, InNode, InRel } from '../types.js';
import type { Props, Scalar, Value } from '../values.js';

/**
 * The seed format, read by the seed loader itself (readSeeds validates every file with the seed
 * schemas, planSeed turns records into nodes and relationships). A file may link to nodes that are
 * already in the graph: planSeed is given stand-ins for them, which are not imported.
 */

const LIST_OF_KIND = Object.fromEntries(Object.entries(LIST_KIND).map(([list, kind]) => [kind, list])) as Partial<
  Record<Kind, keyof typeof LIST_KIND>
>;
const STAND_IN_GOAL = 'zz-import-stand-in-goal';

function valueOf(v: unknown): Value {
  if (neo4j.isInt(v)) return { type: 'int', value: String(v) };
  if (typeof v === 'number') return { type: 'float', value: v };
  if (typeof v === 'boolean') return { type: 'boolean', value: v };
  if (Array.isArray(v)) {
    const first = v.length ? valueOf(v[0]) : { type: 'string' as const };
    return { type: `${first.type}[]` as Value['type'], value: v.map((x) => valueOf(x).value as Scalar) };
  }
  return { type: 'string', value: String(v) };
}

const propsOfRow = (props: Record<string, unknown>): Props => Object.fromEntries(Object.entries(props).map(([k, v]) => [k, valueOf(v)]));

function idsOf(files: { file: string; data: SeedFile }[]) {
  const defined = new Map<string, string>();
  const referenced = new Set<string>();
  for (const { file, data } of files) {
    for (const list of Object.keys(LIST_KIND) as (keyof typeof LIST_KIND)[]) {
      for (const record of (data[list] ?? []) as { id: string; sources?: string[]; publisher?: string; targets?: { code: string }[] }[]) {
        defined.set(record.id, file);
        for (const t of record.targets ?? []) defined.set(targetId(t.code), file);
        for (const s of record.sources ?? []) referenced.add(s);
        if (record.publisher) referenced.add(record.publisher);
      }
    }
    for (const link of data.links ?? []) {
      referenced.add(link.from).add(link.to);
      for (const s of Array.isArray(link.source) ? link.source : [link.source]) referenced.add(s);
    }
  }
  return { defined, referenced };
}

/** Stand-in records for graph nodes the files link to, so that planSeed can check those links. */
async function standIns(run: Run, ids: string[]): Promise<{ data: SeedFile; ids: Set<string> }> {
  const data: Record<string, unknown[]> = {};
  const used = new Set<string>();
  const targets: { code: string; text: string }[] = [];
  if (!ids.length) return { data: {}, ids: used };
  for (const row of await run(nodesById, { ids, privateLabels: [...PRIVATE_LABELS] })) {
    const g = graphNode(row);
    const kind = kindOf(g.labels);
    const code = g.props.code?.value;
    if (kind === 'target' && typeof code === 'string') {
      targets.push({ code, text: g.key });
      used.add(g.key);
      continue;
    }
    const list = kind && LIST_OF_KIND[kind];
    if (!list) continue;
    (data[list] ??= []).push({ id: g.key, name: g.key });
    used.add(g.key);
  }
  // targets exist in seeds only inside a goal; one stand-in goal holds the stand-in targets
  if (targets.length) {
    const goals = targets.map((t) => Number(t.code.split('.')[0]));
    for (const number of new Set(goals)) {
      (data.goals ??= []).push({
        id: `${STAND_IN_GOAL}-${number}`,
        number,
        name: 'stand-in',
        targets: targets.filter((t) => t.code.startsWith(`${number}.`)),
      });
    }
  }
  return { data: data, ids: used };
}

function toImportSet(plan: SeedPlan, defined: Map<string, string>, skip: Set<string>): ImportSet {
  const isStandIn = (id: string) => skip.has(id) || id.startsWith(STAND_IN_GOAL);
  const nodes: InNode[] = plan.nodes
    .filter((n) => !isStandIn(n.id))
    .map((n) => ({ key: n.id, labels: ['Entity', n.label], props: propsOfRow(n.props), where: `${defined.get(n.id) ?? 'seed'}: ${n.id}` }));
  const relationships: InRel[] = plan.relationships
    .filter((r) => !r.from.startsWith(STAND_IN_GOAL) && !r.to.startsWith(STAND_IN_GOAL) && !(skip.has(r.from) && skip.has(r.to)))
    .map((r) => ({
      type: r.type,
      from: r.from,
      to: r.to,
      props: propsOfRow(r.props),
      where: `${defined.get(r.from) ?? 'seed'}: ${r.from} ${r.type} ${r.to}`,
    }));
  return { format: 'yaml', nodes, relationships };
}

/** Reads a seed folder, or one seed file given as text, into an import set. */
export async function readYaml(run: Run, input: { dir: string } | { text: string; name: string }): Promise<ImportSet> {
  let dir: string;
  let tmp: string | undefined;
  let rename = (problem: string) => problem;
  if ('dir' in input) dir = input.dir;
  else {
    // readSeeds reads folders; the text gets a folder of its own, and messages its own name back
    tmp = mkdtempSync(path.join(tmpdir(), 'atlas-import-'));
    dir = tmp;
    const name = path
      .basename(input.name)
      .replace(/[^\w.-]/g, '_')
      .replace(/^(?!.*\.ya?ml$)(.*)$/, '$1.yaml');
    const file = path.join(tmp, name);
    writeFileSync(file, input.text);
    const shown = path.relative(process.cwd(), file);
    rename = (problem) => problem.replaceAll(shown, input.name);
  }
  try {
    let files: { file: string; data: SeedFile }[];
    try {
      files = readSeeds(dir).files.map((f) => ({ ...f, file: rename(f.file) }));
    } catch (err) {
      if (err instanceof SeedError) throw new ImportError(err.problems.map(rename));
      throw err;
    }
    const { defined, referenced } = idsOf(files);
    const outside = await standIns(
      run,
      [...referenced].filter((id) => !defined.has(id)),
    );
    let plan: SeedPlan;
    try {
      plan = planSeed([...files, { file: '(graph)', data: outside.data }]);
    } catch (err) {
      if (err instanceof SeedError) throw new ImportError(err.problems.map(rename));
      throw err;
    }
    return toImportSet(plan, defined, outside.ids);
  } finally {
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }
}
