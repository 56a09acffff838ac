import { withArticle } from '../text.js';
import type { Database, Run } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import { recordGraphChange } from '../../data/change-feed.js';
import { DomainError, invalidInput, notFound } from '../errors.js';
import { KINDS, type Kind } from '../model/kinds.js';
import { compact } from '../model/properties.js';
import { fold, searchKey } from '../text.js';
import { similarity } from './similar.js';
import {
  checkVersion,
  FIXED_KINDS,
  getChange,
  lockNodes,
  newChangeId,
  nodeAnyState,
  readStored,
  recordChangeQuery,
  recordedWrite,
  storable,
  type Actor,
  type StoredNode,
} from './writes.js';

interface Candidate {
  id: string;
  name: string;
  version: number;
  altNames: string[];
  country: string | null;
  places: string[];
  sources: string[];
}

/** A relationship as a merge records it, so that undoing the merge can rebuild it. */
interface RecordedLink {
  from: string;
  type: string;
  to: string;
  props: Record<string, unknown>;
}

const listNames = defineQuery<{ kind: string }, Candidate>('curation/list-names');
const bumpNeighbours = defineQuery<{ survivor: string; duplicate: string }, { bumped: number; ids: string[] }>('curation/bump-neighbours');
const moveRelationships = defineQuery<{ survivor: string; duplicate: string }, { outgoing: number; incoming: number; between: number }>(
  'curation/move-relationships',
);
const updateNodeQuery = defineQuery<
  { id: string; version: number; props: Record<string, unknown>; sources: string[] },
  { version: number }
>('curation/update-node');
const retireMerged = defineQuery<
  { survivor: string; duplicate: string; label: string; at: string; by: string },
  { id: string; version: number }
>('curation/retire-merged');
const nodeLinks = defineQuery<{ id: string }, RecordedLink>('curation/node-links');
const historyIds = defineQuery<{ id: string }, { ids: string[] }>('curation/history-ids');
const clearLinks = defineQuery<{ survivor: string }, { removed: number }>('curation/unmerge-clear-links');
const reinstate = defineQuery<{ survivor: string; duplicate: string; label: string; props: Record<string, unknown> }, { version: number }>(
  'curation/unmerge-reinstate',
);
const setNodeProps = defineQuery<{ id: string; props: Record<string, unknown> }, { version: number }>('curation/set-node-props');
const restoreLinks = defineQuery<{ links: RecordedLink[] }, { restored: number }>('curation/restore-links');
const unmergeHistory = defineQuery<{ survivor: string; duplicate: string; ids: string[]; survivorIds: string[] }, { moved: number }>(
  'curation/unmerge-history',
);
const bumpVersions = defineQuery<{ ids: string[] }, { id: string; version: number }>('curation/bump-versions');
const dismissQuery = defineQuery<{ pair: string; a: string; b: string; by: string; at: string }, { pair: string }>(
  'curation/dismiss-duplicate',
);
const dismissedQuery = defineQuery<Record<string, never>, { pair: string }>('curation/dismissed-duplicates');

const pairKey = (a: string, b: string) => [a, b].sort().join('|');

export type DuplicateKind = 'place' | 'organisation' | 'initiative' | 'case';

/**
 * Likely duplicates of one kind: the same name under another spelling (one's name is the other's
 * alternate name, or the names are near), in the same country for places; cases also need a shared
 * place. Pairs a curator dismissed are not suggested again.
 */
export async function suggestDuplicates(db: Database, kind: DuplicateKind, limit = 50) {
  const [rows, dismissedRows] = await Promise.all([db.read(listNames, { kind }), db.read(dismissedQuery, {})]);
  const dismissed = new Set(dismissedRows.map((r) => r.pair));
  const pairs: { a: string; b: string; names: [string, string]; versions: [number, number]; score: number; reasons: string[] }[] = [];
  for (let i = 0; i < rows.length; i += 1) {
    for (let j = i + 1; j < rows.length; j += 1) {
      const a = rows[i]!;
      const b = rows[j]!;
      if (kind === 'place' && a.country && b.country && a.country !== b.country) continue;
      if (dismissed.has(pairKey(a.id, b.id))) continue;
      const reasons: string[] = [];
      const namesA = [a.name, ...a.altNames].map(fold);
      const namesB = [b.name, ...b.altNames].map(fold);
      if (namesA.some((n) => namesB.includes(n))) reasons.push('same name or alternate name');
      const sim = similarity(a.name, b.name);
      if (sim >= 0.55) reasons.push(`similar names (${Math.round(sim * 100)}%)`);
      const sharedPlace = a.places.some((p) => b.places.includes(p));
      if (kind === 'case') {
        if (!sharedPlace || sim < 0.35) continue;
        reasons.push('same place');
        if (!a.sources.some((s) => b.sources.includes(s))) reasons.push('reported by different sources');
      } else if (!reasons.length) continue;
      pairs.push({
        a: a.id,
        b: b.id,
        names: [a.name, b.name],
        versions: [a.version, b.version],
        score: Math.round((reasons.length + sim) * 100) / 100,
        reasons,
      });
    }
  }
  pairs.sort((x, y) => y.score - x.score);
  return { kind, pairs: pairs.slice(0, limit) };
}

/** Remembers that two nodes are not duplicates, so that they are not suggested again. */
export async function dismissDuplicate(db: Database, by: Actor, a: string, b: string): Promise<void> {
  if (a === b) throw invalidInput('b', 'must differ from a');
  await db.writeTx(async (run) => {
    const x = checkVersion(a, await nodeAnyState(run, a), undefined);
    const y = checkVersion(b, await nodeAnyState(run, b), undefined);
    if (x.kind !== y.kind)
      throw invalidInput('b', `is ${withArticle(y.kind)} and ${a} ${withArticle(x.kind)}: only nodes of one kind can be duplicates`);
    await run(dismissQuery, { pair: pairKey(a, b), a, b, by: by.name, at: new Date().toISOString() });
  });
}

/** What the survivor holds after a merge: its own values win, the duplicate's fill the gaps, names and sources are united. */
export function mergedProperties(sn: StoredNode, dn: StoredNode): Record<string, unknown> {
  const altNames = [...new Set([...(sn.altNames ?? []), dn.name, ...(dn.altNames ?? [])])].filter((n) => n !== sn.name);
  const sourceIds = [...new Set([...(sn.sourceIds ?? []), ...(dn.sourceIds ?? [])])];
  const props: Record<string, unknown> = {
    ...dn,
    ...sn,
    altNames,
    altNamesText: altNames.join(' | '),
    searchKey: searchKey(sn.name, altNames),
    sourceIds,
  };
  for (const k of Object.keys(props)) if (k.startsWith('deleted') || k.startsWith('merged')) delete props[k];
  return props;
}

/** Both nodes of a proposed merge and what the survivor would hold, for a side-by-side preview; writes nothing. */
export async function mergePreview(db: Database, survivor: string, duplicate: string) {
  if (survivor === duplicate) throw invalidInput('duplicate', 'must differ from the survivor');
  return db.readTx(async (run) => {
    const s = checkVersion(survivor, await nodeAnyState(run, survivor), undefined);
    const d = checkVersion(duplicate, await nodeAnyState(run, duplicate), undefined);
    if (s.kind !== d.kind)
      throw invalidInput('duplicate', `is ${withArticle(d.kind)}, the survivor ${withArticle(s.kind)}: only nodes of one kind merge`);
    if (FIXED_KINDS.includes(s.kind))
      throw invalidInput('duplicate', `${withArticle(s.kind)} belongs to a fixed framework: its nodes are never merged`);
    const [sl, dl] = await Promise.all([run(nodeLinks, { id: survivor }), run(nodeLinks, { id: duplicate })]);
    const visible = (l: RecordedLink) => l.type !== 'REPORTED_IN';
    return {
      kind: s.kind,
      survivor: s.node,
      duplicate: d.node,
      result: mergedProperties(s.node, d.node),
      links: {
        survivor: sl.filter(visible).length,
        duplicate: dl.filter(visible).filter((l) => l.from !== survivor && l.to !== survivor).length,
      },
    };
  });
}

/** The versions of survivor and duplicate a merge is based on; one left out is not compared. */
export interface MergeVersions {
  survivor?: number;
  duplicate?: number;
}

/**
 * Merges a duplicate into a survivor of the same kind: relationships, sources, alternate names and
 * history move over, nothing is lost, and the duplicate's id redirects to the survivor. Both nodes
 * are locked before their versions are compared; they and every node whose links moved get a new
 * version. The change records both nodes, their links and their history, so that it can be undone.
 */
export async function mergeNodes(
  db: Database,
  by: { name: string },
  survivor: string,
  duplicate: string,
  versions: MergeVersions = {},
  changeId = newChangeId(),
) {
  if (survivor === duplicate) throw invalidInput('duplicate', 'must differ from the survivor');
  return recordedWrite(db, changeId, async (run) => {
    await lockNodes(run, [survivor, duplicate]);
    const s = checkVersion(survivor, await nodeAnyState(run, survivor), versions.survivor);
    const d = checkVersion(duplicate, await nodeAnyState(run, duplicate), versions.duplicate);
    const sn = s.node;
    const dn = d.node;
    if (s.kind !== d.kind)
      throw invalidInput('duplicate', `is ${withArticle(d.kind)}, the survivor ${withArticle(s.kind)}: only nodes of one kind merge`);
    if (FIXED_KINDS.includes(s.kind))
      throw invalidInput('duplicate', `${withArticle(s.kind)} belongs to a fixed framework: its nodes are never merged`);
    // Nodes and links cite sources by id; a merge would leave those citations pointing at the duplicate.
    if (s.kind === 'source')
      throw invalidInput(
        'duplicate',
        'sources are not merged, since nodes and links cite them by id: cite the survivor where the duplicate is cited, then delete the duplicate',
      );
    const links = [...(await run(nodeLinks, { id: survivor })), ...(await run(nodeLinks, { id: duplicate }))];
    const [sh] = await run(historyIds, { id: survivor });
    const [dh] = await run(historyIds, { id: duplicate });
    const [bumped] = await run(bumpNeighbours, { survivor, duplicate });
    const [moved] = await run(moveRelationships, { survivor, duplicate });
    const props = mergedProperties(sn, dn);
    const version = (sn.version ?? 0) + 1;
    const at = new Date().toISOString();
    props.id = survivor;
    props.version = version;
    props.updatedAt = at;
    props.updatedBy = by.name;
    const updated = await run(updateNodeQuery, {
      id: survivor,
      version: sn.version ?? 0,
      props: compact(props),
      sources: props.sourceIds as string[],
    });
    if (!updated.length) throw new Error(`merge: the locked survivor ${survivor} was not at version ${sn.version ?? 0}`);
    const [retired] = await run(retireMerged, { survivor, duplicate, label: KINDS[s.kind], at, by: by.name });
    // The neighbours' versions went up too: the change names them so readers show their new versions.
    await recordGraphChange(run, { ids: [survivor, duplicate, ...(bumped?.ids ?? [])] });
    await run(recordChangeQuery, {
      changeId,
      at,
      by: by.name,
      action: 'merge',
      target: survivor,
      before: storable({
        survivor: sn,
        duplicate: dn,
        kind: s.kind,
        links,
        history: { survivor: sh?.ids ?? [], duplicate: dh?.ids ?? [] },
      }),
      after: storable({ survivor: props, duplicateVersion: retired!.version }),
      summary: `merged ${dn.name} (${duplicate}) into ${sn.name} (${survivor})`,
      nodeIds: [survivor, duplicate],
      revertOf: null,
      effect: null,
    });
    return { survivor, duplicate, moved, version, duplicateVersion: retired!.version, change: changeId };
  });
}

interface MergeRecord {
  survivor: StoredNode;
  duplicate: StoredNode;
  kind: Kind;
  links: RecordedLink[];
  history: { survivor: string[]; duplicate: string[] };
}

/** A stored node's properties ready to be written back: integers as integers, the version given. */
function writable(node: Record<string, unknown>, version: number, by: string, at: string): Record<string, unknown> {
  return compact({ ...node, version, updatedAt: at, updatedBy: by });
}

/**
 * Undoes a merge: the duplicate comes back with its own properties, links and history, and the
 * survivor returns to what it held before, every link as it was. Refused when the survivor changed
 * after the merge (revert those changes first), so that nothing done since is lost silently.
 */
export async function revertMerge(db: Database, by: Actor, mergeChangeId: string, changeId = newChangeId()) {
  const change = await getChange(db, mergeChangeId);
  if (!change) throw notFound('change', mergeChangeId);
  if (change.action !== 'merge') throw invalidInput('change', `${mergeChangeId} is ${withArticle(change.action)}, not a merge`);
  const before = readStored(change.before) as Partial<MergeRecord> | null;
  const after = readStored(change.after) as { survivor?: { version?: number } } | null;
  if (!before?.survivor || !before.duplicate || !before.links || !before.history || !before.kind || after?.survivor?.version === undefined)
    throw invalidInput(
      'change',
      `merge ${mergeChangeId} was recorded before merges kept what undoing them needs, so it cannot be reverted`,
    );
  const record = before as MergeRecord;
  const survivor = record.survivor.id as string;
  const duplicate = record.duplicate.id as string;
  const mergedVersion = after.survivor.version;
  return recordedWrite(db, changeId, async (run: Run) => {
    const neighbours = [...new Set(record.links.flatMap((l) => [l.from, l.to]))].filter((id) => id !== survivor && id !== duplicate);
    await lockNodes(run, [survivor, duplicate, ...neighbours]);
    const s = await nodeAnyState(run, survivor);
    const d = await nodeAnyState(run, duplicate);
    if (!s || s.state !== 'live')
      throw new DomainError('conflict', `${survivor} is no longer live, so the merge cannot be undone.`, { id: survivor });
    if (!d || d.state !== 'merged' || d.node.mergedInto !== survivor)
      throw new DomainError('conflict', `${duplicate} is no longer merged into ${survivor}; the merge was already undone.`, {
        id: duplicate,
      });
    const current = s.node.version ?? 0;
    if (current !== mergedVersion)
      throw new DomainError(
        'conflict',
        `${s.node.name} changed after the merge (version ${current}, the merge left ${mergedVersion}): revert those changes first, then the merge.`,
        { id: survivor, currentVersion: current, yourVersion: mergedVersion },
      );
    const at = new Date().toISOString();
    await run(clearLinks, { survivor });
    const [back] = await run(reinstate, {
      survivor,
      duplicate,
      label: KINDS[record.kind],
      props: writable(record.duplicate, (d.node.version ?? 0) + 1, by.name, at),
    });
    if (!back) throw new Error(`unmerge: ${duplicate} was not merged into ${survivor}`);
    await run(setNodeProps, { id: survivor, props: writable(record.survivor, current + 1, by.name, at) });
    const links = record.links.map((l) => ({ ...l, props: compact(l.props) }));
    await run(restoreLinks, { links });
    await run(unmergeHistory, { survivor, duplicate, ids: record.history.duplicate, survivorIds: record.history.survivor });
    await run(bumpVersions, { ids: neighbours });
    await recordGraphChange(run, { ids: [survivor, duplicate, ...neighbours] });
    await run(recordChangeQuery, {
      changeId,
      at,
      by: by.name,
      action: 'revert',
      target: survivor,
      before: storable({ survivor: s.node }),
      after: storable({ survivor: record.survivor, duplicate: record.duplicate }),
      summary: `reverted: separated ${record.duplicate.name} (${duplicate}) from ${record.survivor.name} (${survivor}) again`,
      nodeIds: [survivor, duplicate],
      revertOf: mergeChangeId,
      effect: 'unmerge',
    });
    return { id: survivor, survivor, duplicate, version: current + 1, duplicateVersion: back.version, change: changeId };
  });
}
