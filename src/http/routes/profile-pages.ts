import { createRequire } from 'node:module';
import { Router } from 'express';
import { z } from 'zod';
import type { Database } from '../../data/database.js';
import { caseSearchSchema } from '../../domain/atlas/case-search.js';
import { casesForCpv, casesMap, cpvView, placesMap } from '../../domain/atlas/map.js';
import { getCase } from '../../domain/atlas/profiles.js';
import { listGoals } from '../../domain/atlas/catalogue.js';
import { notFound } from '../../domain/errors.js';
import { SLUG } from '../../domain/model/kinds.js';
import { cpvDivisionEntry, cpvEntry, cpvVocabulary } from '../../domain/model/vocabularies.js';
import { csvLine } from '../../domain/exchange/formats/csv-text.js';
import { neutralise } from '../../domain/exchange/formats/csv.js';
import { params, parseWith, query } from '../validate.js';

const require = createRequire(import.meta.url);
/** Natural Earth 1:110m countries as TopoJSON (world-atlas), served from the project: the map needs no other server. */
const WORLD_ATLAS = require.resolve('world-atlas/countries-110m.json');

/** The stylesheet of the profile, map and shortlist pages. */
export const STYLES = ['/static/profiles.css'];

const cpvParam = z.strictObject({
  code: z.string().regex(/^(\d{2}|\d{8}-\d)$/, 'must be a CPV code with check digit (45210000-2) or a division (45)'),
});
/** A shortlist as its address carries it: case ids, comma-separated, at most 100. */
const shortlistQuery = z.strictObject({
  ids: z
    .string()
    .max(20_000)
    .optional()
    .transform((v) => [
      ...new Set(
        (v ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ])
    .pipe(z.array(z.string().regex(SLUG, 'must be case ids separated by commas').max(200)).max(100, 'must hold at most 100 cases')),
});

/** Query parameters a GET form sends empty mean "not given". */
const givenOnly = (q: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => !(typeof v === 'string' && v.trim() === '')));

type FullCase = Awaited<ReturnType<typeof getCase>>;

/** One row of a shortlist's CSV: what a council paper needs about a case. */
function csvRow(c: FullCase): string[] {
  const p = c.profile;
  const names = (items: { name?: unknown }[]) => items.map((i) => (typeof i.name === 'string' ? i.name : '')).join('; ');
  return [
    c.id,
    String(c.name ?? ''),
    names(c.places),
    [...new Set(c.places.map((pl) => pl.countryName).filter(Boolean))].join('; '),
    typeof (c as { year?: unknown }).year === 'number' ? String((c as { year?: unknown }).year) : '',
    c.pathways.map((x) => `Pathway ${String(x.number)}`).join('; '),
    c.goals.map((x) => `SDG ${String(x.number)}`).join('; '),
    p?.cpv?.codes.map((x) => `${x.code} ${x.label}`).join('; ') ?? '',
    p?.buyer ? [p.buyer.organisation, p.buyer.unit].filter(Boolean).join(', ') : '',
    p?.value ? `${p.value.amount} ${p.value.currency} (${p.value.year})` : '',
    p?.value?.converted ? `${p.value.converted.amount} EUR (converted)` : '',
    p?.contact ? [p.contact.role, p.contact.email, p.contact.url].filter(Boolean).join(', ') : '',
    String(c.url ?? `/cases/${c.id}`),
  ];
}

const CSV_HEADER = [
  'id',
  'name',
  'places',
  'countries',
  'year',
  'pathways',
  'goals',
  'cpv',
  'buyer',
  'value',
  'value_eur',
  'contact',
  'page',
];

async function shortlistCases(db: Database, ids: string[]): Promise<FullCase[]> {
  const found: FullCase[] = [];
  for (const id of ids) {
    try {
      found.push(await getCase(db, id));
    } catch (err) {
      // A case removed since the list was made is left out of the list, not an error.
      if ((err as { code?: string }).code !== 'not-found') throw err;
    }
  }
  return found;
}

/**
 * The pages that help a buyer act on cases: the world map of the cases a search keeps, a CPV code's
 * cases, and the shortlist (kept in the browser) with its CSV and its printable brief.
 */
export function profilePagesRouter(db: Database): Router {
  const router = Router();

  router.get('/static/vendor/world-atlas/countries-110m.json', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=86400').type('application/json').sendFile(WORLD_ATLAS);
  });

  router.get('/map', async (req, res) => {
    // The colour choice belongs to the page, not to the search; order and paging do not apply to a map.
    const { colour: _colour, sort: _sort, offset: _offset, limit: _limit, ...given } = givenOnly(req.query);
    const filters = parseWith(caseSearchSchema, { ...given, limit: 1, offset: 0 }, 'query');
    const [data, goals] = await Promise.all([casesMap(db, filters), listGoals(db)]);
    const goalColours = Object.fromEntries(goals.map((g) => [String(g.number), String(g.colour)]));
    const search = new URLSearchParams(
      Object.entries(givenOnly(req.query)).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : [])),
    ).toString();
    res.render('map', {
      styles: STYLES,
      title: 'Map of cases',
      data,
      mapJson: JSON.stringify({ ...data, goalColours }),
      searchHref: search ? `/search?${search}` : '/search',
      filters,
    });
  });

  router.get('/cpv/:code', async (req, res) => {
    const { code } = params(cpvParam, req);
    const entry = code.length === 2 ? cpvDivisionEntry(code) : cpvEntry(code);
    if (!entry) throw notFound('CPV code', code);
    const list = await casesForCpv(db, code);
    res.render('cpv', {
      styles: STYLES,
      title: `CPV ${code}: ${entry.labels.en}`,
      code,
      isDivision: code.length === 2,
      entry: cpvView(entry.code),
      labels: entry.labels,
      vocabulary: cpvVocabulary(),
      list,
    });
  });

  router.get('/shortlist', async (req, res) => {
    const { ids } = query(shortlistQuery, req);
    res.render('shortlist', { title: 'Shortlist', styles: STYLES, cases: await shortlistCases(db, ids), ids });
  });

  router.get('/shortlist/brief', async (req, res) => {
    const { ids } = query(shortlistQuery, req);
    const cases = await shortlistCases(db, ids);
    const points = await placesMap(db, ids);
    res.render('shortlist-brief', { title: 'Case brief', cases, points });
  });

  router.get('/shortlist.csv', async (req, res) => {
    const { ids } = query(shortlistQuery, req);
    const cases = await shortlistCases(db, ids);
    const body = [CSV_HEADER, ...cases.map(csvRow)].map((row) => csvLine(row.map(neutralise))).join('');
    res.type('text/csv; charset=utf-8').set('Content-Disposition', 'attachment; filename="pathway-atlas-shortlist.csv"').send(body);
  });

  return router;
}
