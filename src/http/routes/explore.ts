import { Router } from 'express';
import { z } from 'zod';
import { COUNTRY_PATTERN, emptyState, ID_PATTERN, MAX_IDS, MAX_LIMIT, type ViewState } from '../../client/explorer/state.js';
import { DEFAULT_LAYOUT, KIND_LABELS, LAYOUT_LABELS, LAYOUTS, NODE_KINDS } from '../../client/explorer/types.js';
import { query } from '../validate.js';

const id = z.string().trim().regex(ID_PATTERN, 'must be a node id such as pathway-12').max(120);

/** A comma-separated list of node ids. */
const idList = z
  .string()
  .max(12_000)
  .transform((s) => [
    ...new Set(
      s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(id).max(MAX_IDS, `at most ${MAX_IDS} ids`));

const kindList = z
  .string()
  .max(500)
  .transform((s) => [
    ...new Set(
      s
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
    ),
  ])
  .pipe(z.array(z.enum(NODE_KINDS)));

/** The explorer's URL: the same fields as the client's view state (src/client/explorer/state.ts). */
export const exploreQuerySchema = z
  .object({
    node: idList.optional(),
    depth: z.coerce.number().int().min(1).max(3).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).optional(),
    expand: idList.optional(),
    hidden: idList.optional(),
    removed: idList.optional(),
    hideKinds: kindList.optional(),
    pathway: id.optional(),
    goal: id.optional(),
    theme: id.optional(),
    country: z
      .string()
      .trim()
      .transform((s) => s.toUpperCase())
      .pipe(z.string().regex(COUNTRY_PATTERN, 'must be an ISO 3166-1 alpha-2 code such as DE'))
      .optional(),
    layout: z.enum(LAYOUTS).optional(),
    from: id.optional(),
    to: id.optional(),
    select: id.optional(),
    q: z.string().trim().max(200).optional(),
  })
  .refine((v) => Boolean(v.from) === Boolean(v.to), { message: 'from and to go together', path: ['to'] });

export type ExploreQuery = z.infer<typeof exploreQuerySchema>;

export function stateFromQuery(q: ExploreQuery): ViewState {
  const state = emptyState();
  state.nodes = q.node ?? [];
  state.depth = q.depth ?? 1;
  if (q.limit) state.limit = q.limit;
  state.expanded = q.expand ?? [];
  state.hidden = q.hidden ?? [];
  state.removed = q.removed ?? [];
  state.hideKinds = q.hideKinds ?? [];
  if (q.pathway) state.filters.pathway = q.pathway;
  if (q.goal) state.filters.goal = q.goal;
  if (q.theme) state.filters.theme = q.theme;
  if (q.country) state.filters.country = q.country;
  state.layout = q.layout ?? DEFAULT_LAYOUT;
  if (q.from && q.to) state.path = { from: q.from, to: q.to };
  if (q.select) state.selected = q.select;
  if (q.q) state.q = q.q;
  return state;
}

/** GET /explore: the interactive graph explorer; its view state comes from the query string. */
export function exploreRouter(): Router {
  const router = Router();
  router.get('/explore', (req, res) => {
    const state = stateFromQuery(query(exploreQuerySchema, req));
    res.render('explore', {
      state,
      stateJson: JSON.stringify(state),
      kinds: NODE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k], shown: !state.hideKinds.includes(k) })),
      layouts: LAYOUTS.map((l) => ({ value: l, label: LAYOUT_LABELS[l] })),
      limits: [...new Set([300, 1000, MAX_LIMIT, ...(state.limit ? [state.limit] : [])])].sort((a, b) => a - b),
    });
  });
  return router;
}
