import type { Database } from '../../data/database.js';
import { defineQuery } from '../../data/queries.js';
import { recordGraphChange } from '../../data/change-feed.js';
import { invalidInput } from '../errors.js';
import { KINDS } from '../model/kinds.js';
import { fold, searchKey } from '../text.js';
import { checkVersion, FIXED_KINDS, lockNodes, newChangeId, nodeAnyState, recordChangeQuery, recordedWrite, storable } from './writes.js';

/** Character trigrams of a folded name, for a similarity that tolerates spelling variants. */
function trigrams(s: string): Set<string> {
  const t = `  ${fold(s)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()} `;
  const out = new Set<string>();
  for (let i = 0; i < t.length - 2; i += 1) out.add(t.slice(i, i + 3));
  return out;
}

function similarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  let shared = 0;
  for (const g of ta) if (tb.has(g)) shared += 1;
  return shared / (ta.size + tb.size - shared || 1);
}

interface Candidate {
  id: string;
  name: string;
  version: number;
  altNames: string[];
  country: string | null;
  places: string[];
  sources: string[];
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
/**
 * Likely duplicates of one kind: the same name under another spelling (one's name is the other's
 * alternate name, or the names are near), in the same country for places; cases also need a shared place.
 */
export async function suggestDuplicates(db: Database, kind: 'place' | 'organisation' | 'initiative' | 'case', limit = 50) {
  const rows = await db.read(listNames, { kind });
  const pairs: { a: string; b: string; names: [string, string]; versions: [number, number]; score: number; reasons: string[] }[] = [];
  for (let i = 0; i < rows.length; i += 1) {
    for (let j = i + 1; j < rows.length; j += 1) {
      const a = rows[i]!;
      const b = rows[j]!;
      if (kind === 'place' && a.country && b.country && a.country !== b.country) continue;
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

/** The versions of survivor and duplicate a merge is based on; one left out is not compared. */
export interface MergeVersions {
  survivor?: number;
  duplicate?: number;
}

/**
 * Merges a duplicate into a survivor of the same kind: relationships, sources, alternate names and
 * history move over, nothing is lost, and the duplicate's id redirects to the survivor. Both nodes
 * are locked before their versions are compared; they and every node whose links moved get a new version.
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
    if (s.kind !== d.kind) throw invalidInput('duplicate', `is a ${d.kind}, the survivor a ${s.kind}: only nodes of one kind merge`);
    if (FIXED_KINDS.includes(s.kind))
      throw invalidInput('duplicate', `a ${s.kind} belongs to a fixed framework: its nodes are never merged`);
    const [bumped] = await run(bumpNeighbours, { survivor, duplicate });
    const [moved] = await run(moveRelationships, { survivor, duplicate });
    const altNames = [...new Set([...(sn.altNames ?? []), dn.name, ...(dn.altNames ?? [])])].filter((n) => n !== sn.name);
    const sourceIds = [...new Set([...(sn.sourceIds ?? []), ...(dn.sourceIds ?? [])])];
    // Properties only the duplicate had are kept; the survivor's own values win.
    const props: Record<string, unknown> = {
      ...dn,
      ...sn,
      altNames,
      altNamesText: altNames.join(' | '),
      searchKey: searchKey(sn.name, altNames),
      sourceIds,
    };
    for (const k of Object.keys(props)) if (k.startsWith('deleted') || k.startsWith('merged')) delete props[k];
    const version = (sn.version ?? 0) + 1;
    const at = new Date().toISOString();
    props.id = survivor;
    props.version = version;
    props.updatedAt = at;
    props.updatedBy = by.name;
    const updated = await run(updateNodeQuery, { id: survivor, version: sn.version ?? 0, props, sources: sourceIds });
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
      before: storable({ survivor: sn, duplicate: dn }),
      after: storable({ survivor: props }),
      summary: `merged ${duplicate} into ${survivor}`,
      nodeIds: [survivor, duplicate],
    });
    return { survivor, duplicate, moved, version, duplicateVersion: retired!.version };
  });
}
