import { withArticle } from '../../text.js';
import type { Database } from '../../../data/database.js';
import { nodesOfKinds, optionText, type NamedNode } from '../../curation/names.js';
import { similarity } from '../../curation/similar.js';
import { kindLabel } from '../../model/labels.js';
import { SLUG } from '../../model/kinds.js';
import { nameKey } from '../extract/known-names.js';
import { applyDecisions } from './commit.js';
import { NameIndex } from './present.js';
import { isDraft, type Batch, type Decision, type EditFields, type ReviewItem, type ReviewProposal } from './types.js';

/**
 * Checks, before anything is written, what a commit would refuse: a case draft naming a place or an
 * organisation that is neither in the graph nor accepted in its item, a new place without its country
 * or type, a new organisation without its type. The review pages run it when an edit is saved and
 * before a commit, so that a commit cannot fail for a reason the page could have shown.
 */

type ListField = 'places' | 'organisations' | 'initiatives' | 'approaches' | 'themes';
const LISTS: { field: ListField; kind: string; actors?: boolean; detail?: string }[] = [
  { field: 'places', kind: 'place', actors: true },
  { field: 'organisations', kind: 'organisation', actors: true },
  { field: 'initiatives', kind: 'initiative', detail: 'initiatives' },
  { field: 'approaches', kind: 'approach', detail: 'approaches' },
  { field: 'themes', kind: 'theme', detail: 'themes' },
];

/** A name a case draft gives that nothing would resolve, with the existing nodes it could mean. */
export interface Unresolved {
  proposal: string;
  field: ListField;
  kind: string;
  name: string;
  suggestions: { id: string; name: string; option: string }[];
}

interface Ref {
  name: string;
  id?: string;
}

const sameName = (a: string, b: string) => nameKey(a) === nameKey(b);
const ACCEPTED = new Set(['accepted', 'edited', 'present']);

/** The names a draft's list holds: the curator's edit, else the extractor's less what was rejected. */
function refsOf(item: ReviewItem, p: ReviewProposal, fields: EditFields, list: (typeof LISTS)[number]): Ref[] {
  const edited = fields[list.field];
  if (edited) return edited.map((s) => ({ name: s, id: SLUG.test(s) ? s : undefined }));
  const d = p.details ?? {};
  const raw = list.actors
    ? ((d.actors ?? []) as (Ref & { kind: string })[]).filter((a) => a.kind === list.kind)
    : ((d[list.detail!] ?? []) as Ref[]);
  return raw.filter(
    (r) =>
      !item.proposals.some((q) => q.status === 'rejected' && q.kind === list.kind && ((r.id && q.id === r.id) || sameName(q.name, r.name))),
  );
}

/** Whether a proposal (not a draft) is the thing a draft's list names: same kind, and its id or name. */
const namedBy = (q: ReviewProposal, kind: string, ref: Ref): boolean =>
  q.kind === kind &&
  !isDraft(q) &&
  Boolean(
    (ref.id && (q.id === ref.id || q.fields?.id === ref.id)) ||
    sameName(q.name, ref.name) ||
    (q.fields?.name && sameName(q.fields.name, ref.name)),
  );

/** Whether a name resolves: an id or name in the graph, or a proposal of the item in a state that will be written. */
function resolves(item: ReviewItem, kind: string, ref: Ref, names: NameIndex, states: Set<string>): boolean {
  if (ref.id && names.kindOf(ref.id) === kind) return true;
  if (names.find(kind, ref.name)) return true;
  return item.proposals.some((q) => (states.has(q.status) || Boolean(q.committed)) && namedBy(q, kind, ref));
}

function suggestionsFor(name: string, nodes: NamedNode[]) {
  return nodes
    .map((n) => ({ n, s: Math.max(similarity(name, n.name), ...n.altNames.map((a) => similarity(name, a))) }))
    .filter((x) => x.s >= 0.3)
    .sort((a, b) => b.s - a.s)
    .slice(0, 3)
    .map(({ n }) => ({ id: n.id, name: n.name, option: optionText(n) }));
}

/**
 * The names an edited case draft gives that nothing resolves; a pending proposal of the item counts
 * (when `pendingCounts`), since the curator may still accept it.
 */
export async function unresolvedNames(
  db: Database,
  item: ReviewItem,
  p: ReviewProposal,
  fields: EditFields,
  pendingCounts = true,
): Promise<Unresolved[]> {
  if (!isDraft(p) || fields.existing) return [];
  const names = await db.readTx((run) => NameIndex.load(run));
  const states = new Set(pendingCounts ? [...ACCEPTED, 'pending'] : ACCEPTED);
  const out: Unresolved[] = [];
  for (const list of LISTS) {
    for (const ref of refsOf(item, p, fields, list)) {
      if (resolves(item, list.kind, ref, names, states)) continue;
      out.push({ proposal: p.proposal, field: list.field, kind: list.kind, name: ref.name, suggestions: [] });
    }
  }
  if (out.length) {
    const kinds = [...new Set(out.map((u) => u.kind))];
    const nodes = await nodesOfKinds(db, kinds);
    for (const u of out)
      u.suggestions = suggestionsFor(
        u.name,
        nodes.filter((n) => n.kind === u.kind),
      );
  }
  return out;
}

/** What a commit with these decisions would refuse, one sentence each; empty when it can go ahead. */
export async function commitProblems(db: Database, batch: Batch, decisions: Decision[]): Promise<string[]> {
  const copy = JSON.parse(JSON.stringify(batch)) as Batch;
  applyDecisions(copy, decisions);
  const problems: string[] = [];
  for (const item of copy.items) {
    for (const p of item.proposals) {
      if (p.committed || (p.status !== 'accepted' && p.status !== 'edited')) continue;
      const f = p.fields ?? {};
      const label = `Item ${item.index}, proposal ${p.proposal} (${f.name ?? p.name})`;
      if (isDraft(p)) {
        for (const u of await unresolvedNames(db, item, p, f, false)) {
          const hint = u.suggestions.length ? ` Did you mean ${u.suggestions.map((s) => s.name).join(' or ')}?` : '';
          problems.push(
            `${label}: “${u.name}” is neither ${withArticle(kindLabel(u.kind))} in the atlas nor an accepted ${kindLabel(u.kind)} of this item.${hint}`,
          );
        }
        continue;
      }
      const d = p.details ?? {};
      const isNew = !f.id && !p.id && !(f.name && !sameName(f.name, p.name));
      if (!isNew) continue;
      if (p.kind === 'place' && !(f.country ?? d.country)) problems.push(`${label}: a new place needs its country; edit the proposal.`);
      if (p.kind === 'place' && !(f.placeType ?? d.placeType)) problems.push(`${label}: a new place needs its type; edit the proposal.`);
      if (p.kind === 'organisation' && !(f.orgType ?? d.orgType))
        problems.push(`${label}: a new organisation needs its type; edit the proposal.`);
    }
  }
  return problems;
}
