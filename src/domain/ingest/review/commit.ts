import { withArticle } from '../../text.js';
import type { Run } from '../../../data/database.js';
import { defineQuery } from '../../../data/queries.js';
import { addLinkIn, createNodeIn, updateNodeIn, type Actor, type LinkProps } from '../../curation/writes.js';
import { DomainError, invalidInput } from '../../errors.js';
import { SLUG } from '../../model/kinds.js';
import { PLACE_TYPES } from '../../model/schemas.js';
import { nameKey } from '../extract/known-names.js';
import { baseId, IdAllocator, sourceBaseId } from './ids.js';
import { CASE_LINK_OF, existingSources, type NameIndex } from './present.js';
import {
  editableFields,
  isDraft,
  type Batch,
  type CommitSummary,
  type Decision,
  type EditField,
  type ReviewItem,
  type ReviewProposal,
} from './types.js';

/**
 * Writes what curators accepted, through the curation write path (each node and link with its
 * :Change history), inside the one transaction the caller holds. Every item with something accepted
 * becomes a Source (or reuses the one it was recognised as) and everything accepted cites it.
 */

const PLACE_TYPE_SET = new Set<string>(PLACE_TYPES);
/** Kinds whose nodes list their sources, so that accepting one makes it cite the item. */
const CITING_KINDS = new Set(['place', 'organisation', 'initiative', 'case']);
const FRAMEWORK_KINDS = new Set(['pathway', 'goal', 'target']);

interface DraftDetails {
  summary?: string;
  year?: number;
  actors?: { name: string; id?: string; kind: string }[];
  approaches?: Ref[];
  themes?: Ref[];
  initiatives?: Ref[];
}
interface Ref {
  name: string;
  id?: string;
}

const sameName = (a: string, b: string) => nameKey(a) === nameKey(b);
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Applies the curator's decisions to the batch in memory; any bad decision refuses them all. */
export function applyDecisions(batch: Batch, decisions: Decision[]): void {
  const byKey = new Map(batch.items.flatMap((i) => i.proposals.map((p) => [p.proposal, p] as const)));
  const seen = new Set<string>();
  decisions.forEach((d, i) => {
    const at = `decisions.${i}`;
    const p = byKey.get(d.proposal);
    if (!p) throw invalidInput(`${at}.proposal`, `there is no proposal "${d.proposal}" in this batch`);
    if (seen.has(d.proposal)) throw invalidInput(`${at}.proposal`, `proposal ${d.proposal} is decided twice`);
    seen.add(d.proposal);
    if (p.committed) {
      if (d.action === 'reject') {
        throw new DomainError(
          'conflict',
          `Proposal ${d.proposal} (${p.name}) is already written as ${p.committed.id}; undo that from the node's history instead.`,
          { field: `${at}.proposal` },
        );
      }
      return; // accepting again what is written changes nothing
    }
    if (d.action === 'reject') {
      p.status = 'rejected';
      delete p.fields;
      return;
    }
    if (p.status === 'present')
      throw invalidInput(`${at}.action`, `proposal ${d.proposal} (${p.name}) is already in the graph (${p.note ?? p.presentAs})`);
    const fields = d.fields && Object.keys(d.fields).length ? d.fields : undefined;
    if (d.action === 'edit' && !fields) throw invalidInput(`${at}.fields`, 'an edit needs the fields it changes');
    if (fields) {
      const allowed = editableFields(p);
      const bad = Object.keys(fields).find((k) => !allowed.includes(k as EditField));
      if (bad)
        throw invalidInput(
          `${at}.fields.${bad}`,
          `cannot be edited on ${isDraft(p) ? 'a case draft' : `${withArticle(p.kind)} proposal`} (editable: ${allowed.join(', ')})`,
        );
      p.fields = fields;
      p.status = 'edited';
    } else if (p.status !== 'edited') {
      // Accepting an edited proposal accepts it as edited.
      p.status = 'accepted';
    }
  });
}

/**
 * Rewrites an input error raised while writing one proposal (or, without one, the item's source) so
 * that it names the proposal or the item.
 */
async function about<T>(item: ReviewItem, p: ReviewProposal | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof DomainError) || !['invalid-input', 'not-found', 'conflict'].includes(err.code)) throw err;
    const field = typeof err.details.field === 'string' ? err.details.field : undefined;
    const where = p ? `Item ${item.index}, proposal ${p.proposal} (${p.fields?.name ?? p.name})` : `Item ${item.index}'s source`;
    const prefix = p ? `proposals.${p.proposal}` : `items.${item.index}.source`;
    throw new DomainError(err.code === 'conflict' ? 'conflict' : 'invalid-input', `${where}: ${err.message}`, {
      ...err.details,
      ...(p ? { proposal: p.proposal } : { item: item.index }),
      field: `${prefix}${field ? `.${field}` : ''}`,
    });
  }
}

interface NodeState {
  kind: string;
  version: number;
  sources: string[];
}

const nodeStates = defineQuery<{ ids: string[] }, NodeState & { id: string }>('ingest/review-node-states');
const getLink = defineQuery<{ from: string; type: string; to: string }, { props: LinkProps }>('curation/get-link');

export class Committer {
  readonly summary: CommitSummary;
  private readonly ids: IdAllocator;
  private readonly linked = new Set<string>();
  /** Nodes this commit created, by kind and name, so that a name accepted in several items becomes one node. */
  private readonly made = new Map<string, string>();

  constructor(
    private readonly run: Run,
    private readonly by: Actor,
    private readonly names: NameIndex,
    private readonly batch: Batch,
    /** A trial (rolled back): a name a case draft gives that nothing resolves is left out, not refused. */
    private readonly options: { trial?: boolean } = {},
    private readonly at = new Date().toISOString(),
  ) {
    this.ids = new IdAllocator(run);
    this.summary = { at, by: by.name, sources: [], created: [], cited: [], links: [] };
  }

  get wroteSomething(): boolean {
    const s = this.summary;
    return s.sources.length + s.created.length + s.cited.length + s.links.length > 0;
  }

  private async state(id: string): Promise<NodeState | undefined> {
    const [row] = await this.run(nodeStates, { ids: [id] });
    return row ? { kind: row.kind, version: row.version, sources: row.sources } : undefined;
  }

  /** The node of that kind with the id a proposal's `field` gives; refused, naming the field, when there is none. */
  private async expectKind(id: string, kind: string, field = 'id'): Promise<NodeState> {
    const s = await this.state(id);
    if (!s || s.kind !== kind) throw invalidInput(field, `there is no ${kind} with id "${id}" in the graph`);
    return s;
  }

  private done(p: ReviewProposal, id: string): void {
    p.committed = { id, at: this.at, by: this.by.name };
  }

  /** Writes the accepted, not yet written proposals of one item. */
  async item(item: ReviewItem): Promise<void> {
    const todo = item.proposals.filter((p) => (p.status === 'accepted' || p.status === 'edited') && !p.committed);
    if (!todo.length) return;
    const sid = await about(item, undefined, () => this.source(item));
    const vocabulary = todo.filter((p) => p.kind === 'approach' || p.kind === 'theme');
    const framework = todo.filter((p) => FRAMEWORK_KINDS.has(p.kind));
    for (const p of todo.filter((x) => !isDraft(x) && CITING_KINDS.has(x.kind)))
      await about(item, p, async () => this.done(p, await this.named(item, p, sid)));
    for (const p of vocabulary) await about(item, p, async () => this.done(p, await this.vocabulary(p)));
    for (const p of todo.filter(isDraft)) await about(item, p, async () => this.done(p, await this.draft(item, p, sid)));
    // The cases this item reports: drafts and named cases accepted now or earlier, or already in the graph from it.
    const cases = item.proposals
      .filter((p) => p.kind === 'case')
      .flatMap((p) => p.committed?.id ?? (p.status === 'present' && p.presentAs ? p.presentAs : []));
    for (const p of [...vocabulary, ...framework]) {
      await about(item, p, async () => {
        const to = p.committed?.id ?? (await this.frameworkNode(p));
        await this.linkFromCases(p, to, cases, sid);
        this.done(p, to);
      });
    }
  }

  /** The item's Source: the one it was recognised as (or written as before), else a new one. */
  private async source(item: ReviewItem): Promise<string> {
    if (item.source.id && (await this.state(item.source.id))?.kind === 'source') return item.source.id;
    // Another review of the same article may have written its source since this one was made.
    const written = (await existingSources(this.run, [item], this.batch.items.length === 1)).get(item.index);
    if (written) {
      item.source = { ...item.source, id: written, existing: true };
      return written;
    }
    const date = item.source.date ?? this.batch.date ?? this.at.slice(0, 10);
    const id = await this.ids.allocate(sourceBaseId(item.source.sourceType, date, item.source.title));
    await createNodeIn(this.run, this.by, 'source', {
      id,
      title: item.source.title,
      date,
      kind: item.source.sourceType,
      url: item.source.url,
    });
    item.source = { ...item.source, id, date, existing: false };
    this.summary.sources.push(id);
    this.summary.created.push({ id, kind: 'source' });
    return id;
  }

  /** The existing node a proposal names: the id a curator gave, else (unless renamed) the one found, else one of that name. */
  private chosen(p: ReviewProposal): string | undefined {
    const f = p.fields ?? {};
    if (f.id) return f.id;
    // A renamed proposal is looked up by its new name, so that it links to the node of that name.
    if (f.name && !sameName(f.name, p.name)) return this.names.find(p.kind, f.name) ?? this.made.get(`${p.kind}|${nameKey(f.name)}`);
    return p.id ?? this.names.find(p.kind, p.name) ?? this.made.get(`${p.kind}|${nameKey(p.name)}`);
  }

  private created(kind: string, name: string, id: string): void {
    this.made.set(`${kind}|${nameKey(name)}`, id);
    this.summary.created.push({ id, kind });
  }

  /** A place, organisation, initiative or known case: the node it names cites the item, or a new node is made. */
  private async named(item: ReviewItem, p: ReviewProposal, sid: string): Promise<string> {
    const f = p.fields ?? {};
    const name = f.name ?? p.name;
    const chosen = this.chosen(p);
    if (chosen) {
      const state = await this.expectKind(chosen, p.kind);
      if (!state.sources.includes(sid)) {
        await updateNodeIn(this.run, this.by, chosen, state.version, { sources: [...state.sources, sid] });
        this.summary.cited.push(chosen);
      }
      return chosen;
    }
    const id = await this.ids.allocate(baseId(p.kind as 'place', name));
    await createNodeIn(this.run, this.by, p.kind, this.newRecord(item, p, id, name, sid));
    this.created(p.kind, name, id);
    return id;
  }

  private newRecord(item: ReviewItem, p: ReviewProposal, id: string, name: string, sid: string): Record<string, unknown> {
    const f = p.fields ?? {};
    const d = p.details ?? {};
    const sources = [sid];
    if (p.kind === 'place') {
      const country = (f.country ?? text(d.country))?.toUpperCase();
      const placeType = f.placeType ?? (PLACE_TYPE_SET.has(String(d.placeType)) ? String(d.placeType) : undefined);
      if (!country)
        throw invalidInput('country', 'a new place needs its country: edit the proposal and give the ISO 3166-1 code, such as BE');
      if (!placeType)
        throw invalidInput('placeType', `a new place needs its type: edit the proposal and choose one of ${PLACE_TYPES.join(', ')}`);
      // Where the gazetteer had several places of this name, the country chooses one.
      const candidate = p.candidates?.find((c) => c.country === country);
      const sameCountry = !text(d.country) || text(d.country)?.toUpperCase() === country;
      const lat = sameCountry ? (num(d.lat) ?? candidate?.lat) : candidate?.lat;
      const lon = sameCountry ? (num(d.lon) ?? candidate?.lon) : candidate?.lon;
      return { id, name, placeType, country, lat, lon, sources };
    }
    if (p.kind === 'organisation') {
      const orgType = f.orgType ?? text(d.orgType);
      if (!orgType) throw invalidInput('orgType', 'a new organisation needs its type: edit the proposal and give it');
      const country = (f.country ?? text(d.country))?.toUpperCase();
      return { id, name, orgType, country: country || undefined, sources };
    }
    if (p.kind === 'initiative') {
      const when = item.source.date ? ` (${item.source.date})` : '';
      return { id, name, description: f.description ?? `Named in “${item.source.title}”${when}.`, sources };
    }
    throw invalidInput('kind', `a new ${p.kind} cannot be made from a name alone`);
  }

  /** An approach or theme: the node of that name, or a new vocabulary node. */
  private async vocabulary(p: ReviewProposal): Promise<string> {
    const name = p.fields?.name ?? p.name;
    const chosen = this.chosen(p);
    if (chosen) {
      await this.expectKind(chosen, p.kind);
      return chosen;
    }
    const id = await this.ids.allocate(baseId(p.kind as 'theme', name));
    await createNodeIn(this.run, this.by, p.kind, { id, name });
    this.created(p.kind, name, id);
    return id;
  }

  /** A pathway, goal or target: fixed by its framework, so only an existing one is linked. */
  private async frameworkNode(p: ReviewProposal): Promise<string> {
    const id = p.fields?.id ?? p.id;
    if (!id) throw invalidInput('id', `name the ${p.kind} by its id`);
    await this.expectKind(id, p.kind);
    return id;
  }

  /** Stated when the text says it (a reference, a name); curated when inferred (classifier, lexicon, themes, a curator's correction). */
  private basisOf(p: ReviewProposal): 'stated' | 'curated' {
    if (p.fields?.id) return 'curated';
    if (p.origin === 'reference') return 'stated';
    if (p.origin === 'classifier' || p.origin === 'lexicon' || p.kind === 'theme') return 'curated';
    return 'stated';
  }

  private async linkFromCases(p: ReviewProposal, to: string, cases: string[], sid: string): Promise<void> {
    const type = CASE_LINK_OF[p.kind]!;
    const basis = this.basisOf(p);
    if (p.kind === 'theme') await this.link(sid, 'ABOUT_THEME', to, basis, sid);
    if (!cases.length) {
      if (p.kind === 'theme') return;
      throw invalidInput(
        'cases',
        `it would link a case of this item ${type} ${to}, but no case of the item is accepted: accept a case draft as well, or reject this proposal`,
      );
    }
    for (const c of cases) await this.link(c, type, to, basis, sid);
  }

  /** A case draft becomes a Case with its places, organisations, initiatives, approaches and themes. */
  private async draft(item: ReviewItem, p: ReviewProposal, sid: string): Promise<string> {
    const f = p.fields ?? {};
    // The draft is a case the atlas already holds: that case cites the item instead of a new one being made.
    if (f.existing) {
      const state = await this.expectKind(f.existing, 'case', 'existing');
      if (!state.sources.includes(sid)) {
        await updateNodeIn(this.run, this.by, f.existing, state.version, { sources: [...state.sources, sid] });
        this.summary.cited.push(f.existing);
      }
      return f.existing;
    }
    const d = (p.details ?? {}) as DraftDetails;
    const name = f.name ?? p.name;
    const year = f.year === null ? undefined : (f.year ?? d.year);
    const refs = (
      field: 'places' | 'organisations' | 'initiatives' | 'approaches' | 'themes',
      kind: string,
      fromDraft: Ref[] | undefined,
    ): Ref[] =>
      f[field]
        ? f[field].map((s) => ({ name: s, id: SLUG.test(s) ? s : undefined }))
        : // Without an edit the draft's own lists hold, less what the curator rejected in this item.
          (fromDraft ?? []).filter(
            (r) =>
              !item.proposals.some(
                (q) => q.status === 'rejected' && q.kind === kind && ((r.id && q.id === r.id) || sameName(q.name, r.name)),
              ),
          );
    const actors = d.actors ?? [];
    const wanted = [
      {
        type: 'LOCATED_IN',
        kind: 'place',
        field: 'places',
        refs: refs(
          'places',
          'place',
          actors.filter((a) => a.kind === 'place'),
        ),
      },
      {
        type: 'IMPLEMENTED_BY',
        kind: 'organisation',
        field: 'organisations',
        refs: refs(
          'organisations',
          'organisation',
          actors.filter((a) => a.kind === 'organisation'),
        ),
      },
      { type: 'PART_OF', kind: 'initiative', field: 'initiatives', refs: refs('initiatives', 'initiative', d.initiatives) },
      { type: 'USES_APPROACH', kind: 'approach', field: 'approaches', refs: refs('approaches', 'approach', d.approaches) },
      { type: 'ABOUT_THEME', kind: 'theme', field: 'themes', refs: refs('themes', 'theme', d.themes) },
    ] as const;
    const targets: { type: string; to: string; basis: 'stated' | 'curated' }[] = [];
    for (const w of wanted) {
      for (const r of w.refs) {
        const to = await this.resolve(item, w.kind, r, w.field);
        if (to) targets.push({ type: w.type, to, basis: w.type === 'ABOUT_THEME' ? 'curated' : 'stated' });
      }
    }
    const id = await this.ids.allocate(baseId('case', name));
    await createNodeIn(this.run, this.by, 'case', { id, name, summary: f.summary ?? d.summary, year, sources: [sid] });
    this.summary.created.push({ id, kind: 'case' });
    for (const t of targets) await this.link(id, t.type, t.to, t.basis, sid);
    return id;
  }

  /** A node a case draft names: by id, as an accepted proposal of the item, or by its name in the graph. */
  private async resolve(item: ReviewItem, kind: string, ref: Ref, field: string): Promise<string | undefined> {
    if (ref.id && (await this.state(ref.id))?.kind === kind) return ref.id;
    const q = item.proposals.find(
      (x) =>
        x.kind === kind &&
        !isDraft(x) &&
        x.status !== 'rejected' &&
        ((ref.id && x.id === ref.id) || sameName(x.name, ref.name) || (x.fields?.name && sameName(x.fields.name, ref.name))),
    );
    if (q?.committed) return q.committed.id;
    if (q?.status === 'present' && q.presentAs) return q.presentAs;
    const known =
      ref.id && this.names.kindOf(ref.id) === kind
        ? ref.id
        : (this.names.find(kind, ref.name) ?? this.made.get(`${kind}|${nameKey(ref.name)}`));
    if (known) return known;
    if (this.options.trial) return undefined;
    throw invalidInput(
      field,
      `“${ref.name}” is neither ${withArticle(kind)} in the graph nor an accepted ${kind} of this item: accept that proposal too, or leave it out of the case`,
    );
  }

  /** Adds a link citing the item; a link that exists keeps its sources and gains this one. */
  private async link(from: string, type: string, to: string, basis: 'stated' | 'curated', sid: string): Promise<void> {
    const key = `${from}|${type}|${to}`;
    if (this.linked.has(key)) return;
    this.linked.add(key);
    const [existing] = await this.run(getLink, { from, type, to });
    const props = existing?.props;
    const prior = props?.sources ?? [];
    if (prior.includes(sid)) return;
    const kept = props?.basis === 'stated' ? 'stated' : basis;
    await addLinkIn(this.run, this.by, { from, type, to, sources: [...prior, sid], basis: kept, note: props?.note });
    this.summary.links.push({ from, type, to, basis: kept });
  }
}
