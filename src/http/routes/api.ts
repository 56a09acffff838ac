import type { Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { Database } from '../../data/database.js';
import { caseSearchSchema, searchCases } from '../../domain/atlas/case-search.js';
import { caseListQuery, casesForGoal, casesForPathway, casesForTarget, similarCases } from '../../domain/atlas/cases.js';
import { getGoal, getEntity, getPathway, getTarget, listEntities, listGoals, listPathways } from '../../domain/atlas/catalogue.js';
import { coverage } from '../../domain/atlas/coverage.js';
import type { CypherConsole } from '../../domain/atlas/cypher-console.js';
import { GROUP_PATTERN, neighborhood, NEIGHBORHOOD_MAX, shortestPaths } from '../../domain/atlas/graph.js';
import { completeNames } from '../../domain/atlas/names.js';
import { getCase, getInitiative, getOrganisation, getPlace } from '../../domain/atlas/profiles.js';
import { casesMap } from '../../domain/atlas/map.js';
import { searchAll } from '../../domain/atlas/search.js';
import { KIND_NAMES, SLUG, type Kind } from '../../domain/model/kinds.js';
import { ApiRouter } from '../api-router.js';
import { mapSchema } from '../api-schemas.js';
import {
  casePageSchema,
  caseSearchResultSchema,
  cypherResultSchema,
  entityPageSchema,
  goalSchema,
  graphElementsSchema,
  nodeRefSchema,
  nodeSchema,
  pathwaySchema,
  targetSchema,
} from '../api-schemas.js';

const pathwayNumber = z.strictObject({ number: z.coerce.number().int().min(1).max(15).describe('pathway number, 1 to 15') });
const goalNumber = z.strictObject({ number: z.coerce.number().int().min(1).max(17).describe('goal number, 1 to 17') });
const targetCode = z.strictObject({
  code: z
    .string()
    .regex(/^\d{1,2}\.(\d{1,2}|[a-z])$/, 'must be a target code such as 12.7 or 12.a')
    .describe('target code, e.g. 12.7'),
});
const id = z.string().regex(SLUG, 'must be an id of lower-case letters, digits and dashes').max(200);
const byId = z.strictObject({ id });
const paging = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
};
const kindList = z.preprocess(
  (v) =>
    v === undefined
      ? undefined
      : (Array.isArray(v) ? v : [v])
          .flatMap((x) => String(x).split(','))
          .map((x) => x.trim())
          .filter(Boolean),
  z
    .array(z.enum(KIND_NAMES as [Kind, ...Kind[]]))
    .min(1)
    .optional(),
);
const entityListQuery = z.strictObject({
  q: z.string().trim().min(1).max(100).optional().describe('part of the name or of an alternate name, any case or accents'),
  country: z
    .string()
    .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
    .transform((c) => c.toUpperCase())
    .optional(),
  ...paging,
});

/** The node's version as ETag, so a curator's edit can send it back in If-Match. */
function withVersionTag<T extends Record<string, unknown>>(res: Response, node: T): T {
  res.set('ETag', `"${(node.version as number | undefined) ?? 0}"`);
  return node;
}

/** The JSON API: thin handlers over the domain functions, inputs declared as zod schemas. */
export function apiRoutes(db: Database, config: Config, cypherConsole: CypherConsole): ApiRouter {
  const api = new ApiRouter();

  api
    .add({
      method: 'get',
      path: '/api/pathways',
      operationId: 'listPathways',
      response: z.looseObject({ pathways: z.array(pathwaySchema) }),
      tag: 'pathways',
      summary: 'The 15 pathways with their case counts',
      handler: async () => ({ pathways: await listPathways(db) }),
    })
    .add({
      method: 'get',
      path: '/api/pathways/:number',
      operationId: 'getPathway',
      response: pathwaySchema,
      tag: 'pathways',
      summary: 'One pathway with its aligned goals',
      params: pathwayNumber,
      problems: [404],
      handler: ({ params }) => getPathway(db, params.number),
    })
    .add({
      method: 'get',
      path: '/api/pathways/:number/cases',
      operationId: 'listPathwayCases',
      response: casePageSchema,
      tag: 'pathways',
      summary: 'Cases that illustrate a pathway ("cases for Pathway 12"), with the sources of each link',
      params: pathwayNumber,
      query: caseListQuery,
      problems: [404],
      handler: ({ params, query }) => casesForPathway(db, params.number, query),
    })
    .add({
      method: 'get',
      path: '/api/sdgs',
      operationId: 'listGoals',
      response: z.looseObject({ goals: z.array(goalSchema) }),
      tag: 'goals',
      summary: 'The 17 goals with colours and case counts',
      handler: async () => ({ goals: await listGoals(db) }),
    })
    .add({
      method: 'get',
      path: '/api/sdgs/:number',
      operationId: 'getGoal',
      response: goalSchema,
      tag: 'goals',
      summary: 'One goal with its targets',
      params: goalNumber,
      problems: [404],
      handler: ({ params }) => getGoal(db, params.number),
    })
    .add({
      method: 'get',
      path: '/api/sdgs/:number/cases',
      operationId: 'listGoalCases',
      response: casePageSchema,
      tag: 'goals',
      summary: 'Cases linked to a goal or to any of its targets',
      params: goalNumber,
      query: caseListQuery,
      problems: [404],
      handler: ({ params, query }) => casesForGoal(db, params.number, query),
    })
    .add({
      method: 'get',
      path: '/api/targets/:code',
      operationId: 'getTarget',
      response: targetSchema,
      tag: 'goals',
      summary: 'One target with its goal',
      params: targetCode,
      problems: [404],
      handler: ({ params }) => getTarget(db, params.code),
    })
    .add({
      method: 'get',
      path: '/api/targets/:code/cases',
      operationId: 'listTargetCases',
      response: casePageSchema,
      tag: 'goals',
      summary: 'Cases linked to a target',
      params: targetCode,
      query: caseListQuery,
      problems: [404],
      handler: ({ params, query }) => casesForTarget(db, params.code, query),
    })
    .add({
      method: 'get',
      path: '/api/cases',
      operationId: 'searchCases',
      response: caseSearchResultSchema,
      tag: 'cases',
      summary: 'Faceted case search',
      description:
        'Values of one filter are alternatives (comma-separated or repeated); different filters combine. Facet counts are over the whole result set.',
      query: caseSearchSchema,
      handler: ({ query }) => searchCases(db, query),
    })
    .add({
      method: 'get',
      path: '/api/map',
      operationId: 'mapCases',
      response: mapSchema,
      tag: 'cases',
      summary: 'The places of the cases a search keeps, with their coordinates and cases',
      description:
        'Takes the filters of GET /api/cases (limit and offset are ignored: every matching case counts). Cases whose places have no coordinates are counted in unplaced.',
      query: caseSearchSchema,
      handler: ({ query }) => casesMap(db, query),
    })
    .add({
      method: 'get',
      path: '/api/cases/:id',
      operationId: 'getCase',
      response: nodeSchema,
      headers: ['ETag'],
      tag: 'cases',
      summary: 'One case in full, with every neighbour and the source of each link; the ETag is its version',
      params: byId,
      problems: [404],
      handler: async ({ params }, _req, res) => withVersionTag(res, await getCase(db, params.id)),
    })
    .add({
      method: 'get',
      path: '/api/cases/:id/similar',
      operationId: 'listSimilarCases',
      response: z.looseObject({
        case: z.string(),
        method: z.string(),
        similar: z.array(z.looseObject({ id: z.string(), name: z.string() })),
      }),
      tag: 'cases',
      summary: 'The most related cases, ranked by what they share, with the reasons',
      params: byId,
      query: z.strictObject({ limit: z.coerce.number().int().min(1).max(50).default(10) }),
      problems: [404],
      handler: ({ params, query }) => similarCases(db, params.id, query.limit),
    })
    .add({
      method: 'get',
      path: '/api/places',
      operationId: 'listPlaces',
      response: entityPageSchema,
      tag: 'places',
      summary: 'Places; q matches names and alternate names',
      query: entityListQuery,
      handler: ({ query }) => listEntities(db, 'place', query),
    })
    .add({
      method: 'get',
      path: '/api/places/:id',
      operationId: 'getPlace',
      response: nodeSchema,
      tag: 'places',
      summary: 'A place with its cases, initiatives and organisations',
      params: byId,
      problems: [404],
      handler: ({ params }) => getPlace(db, params.id),
    })
    .add({
      method: 'get',
      path: '/api/organisations',
      operationId: 'listOrganisations',
      response: entityPageSchema,
      tag: 'organisations',
      summary: 'Organisations',
      query: entityListQuery,
      handler: ({ query }) => listEntities(db, 'organisation', query),
    })
    .add({
      method: 'get',
      path: '/api/organisations/:id',
      operationId: 'getOrganisation',
      response: nodeSchema,
      tag: 'organisations',
      summary: 'An organisation with its cases and initiatives',
      params: byId,
      problems: [404],
      handler: ({ params }) => getOrganisation(db, params.id),
    })
    .add({
      method: 'get',
      path: '/api/initiatives',
      operationId: 'listInitiatives',
      response: entityPageSchema,
      tag: 'initiatives',
      summary: 'Initiatives',
      query: entityListQuery,
      handler: ({ query }) => listEntities(db, 'initiative', query),
    })
    .add({
      method: 'get',
      path: '/api/initiatives/:id',
      operationId: 'getInitiative',
      response: nodeSchema,
      tag: 'initiatives',
      summary: 'An initiative with its participants and cases',
      params: byId,
      problems: [404],
      handler: ({ params }) => getInitiative(db, params.id),
    })
    .add({
      method: 'get',
      path: '/api/nodes/:id',
      operationId: 'getNode',
      response: nodeSchema,
      headers: ['ETag'],
      tag: 'graph',
      summary: 'Any node with its neighbours and the sources of each link; the ETag is its version',
      params: byId,
      problems: [404],
      handler: async ({ params }, _req, res) => withVersionTag(res, await getEntity(db, params.id)),
    })
    .add({
      method: 'get',
      path: '/api/search',
      operationId: 'searchNodes',
      response: z.looseObject({
        query: z.string(),
        hits: z.array(
          nodeRefSchema.extend({
            score: z
              .number()
              .describe(
                'relevance, best first: 1 for the best case and the best node of other kinds, the rest relative to those; 1000 for a framework named in the query',
              ),
          }),
        ),
      }),
      tag: 'search',
      summary: 'Full-text search over every kind of node',
      query: z.strictObject({
        q: z.string().trim().min(1, 'must not be empty').max(200),
        kinds: kindList.describe('only these kinds, e.g. case,place'),
        limit: z.coerce.number().int().min(1).max(100).default(20),
      }),
      handler: ({ query }) => searchAll(db, query.q, query.kinds, query.limit),
    })
    .add({
      method: 'get',
      path: '/api/search/names',
      operationId: 'completeNames',
      response: z.looseObject({ query: z.string(), hits: z.array(nodeRefSchema) }),
      tag: 'search',
      summary: 'Nodes by the start of their names, for autocomplete',
      description:
        'Every node (sources aside) with a word of its name, alternate names or id starting with each word typed: "Geest" finds Geestland, "SDG 12" the goal. Goals, pathways and targets are named with their numbers. The id typed in full comes first, then names starting with the text, then shorter names.',
      query: z.strictObject({
        q: z.string().trim().min(1, 'must not be empty').max(200),
        kinds: kindList.describe('only these kinds, e.g. case,place'),
        limit: z.coerce.number().int().min(1).max(50).default(10),
      }),
      handler: ({ query }) => completeNames(db, query.q, query.kinds, query.limit),
    })
    .add({
      method: 'get',
      path: '/api/graph/neighborhood',
      operationId: 'getNeighborhood',
      response: graphElementsSchema,
      tag: 'graph',
      summary: 'The subgraph around a node as Cytoscape.js elements, capped',
      description: `Breadth first up to depth 3; at most \`limit\` nodes (default 300, at most ${NEIGHBORHOOD_MAX}); \`truncated\` says when the cap cut it. A case node carries \`countries\`, the ISO 3166-1 codes of the places it is located in (and the places those lie in). An id merged into another answers 301 to the same address with the surviving id.`,
      query: z.strictObject({
        node: id,
        depth: z.coerce.number().int().min(1).max(3).default(1),
        kinds: kindList.describe('only nodes of these kinds (besides the centre); sources are left out unless named'),
        limit: z.coerce.number().int().min(1).max(NEIGHBORHOOD_MAX).default(300),
        group: z
          .string()
          .regex(GROUP_PATTERN, 'must be a kind, a kind with a split such as case:country:DE, or *')
          .optional()
          .describe("only this group of the node's neighbours, as a group node's `expand` address names it"),
        offset: z.coerce.number().int().min(0).max(1_000_000).default(0).describe("with `group`: the first member's place in the group"),
      }),
      problems: [404],
      handler: ({ query }) => neighborhood(db, query),
    })
    .add({
      method: 'get',
      path: '/api/graph/path',
      operationId: 'getShortestPaths',
      response: graphElementsSchema,
      tag: 'graph',
      summary: 'The shortest connections between two nodes as Cytoscape.js elements',
      description: 'An id merged into another answers 301 to the same address with the surviving id.',
      query: z.strictObject({ from: id, to: id, limit: z.coerce.number().int().min(1).max(25).default(5) }),
      problems: [404],
      handler: ({ query }) => shortestPaths(db, query.from, query.to, query.limit),
    })
    .add({
      method: 'get',
      path: '/api/stats/coverage',
      operationId: 'getCoverage',
      response: z.looseObject({ cases: z.number().int(), matrix: z.array(z.array(z.number().int())), gaps: z.looseObject({}) }),
      tag: 'stats',
      summary: 'Pathway by goal matrix of case counts, and the gaps',
      handler: () => coverage(db),
    })
    .add({
      method: 'post',
      path: '/api/cypher',
      operationId: 'runCypher',
      response: cypherResultSchema,
      tag: 'query',
      summary: 'Read-only Cypher for researchers',
      description: `Runs on the console's own copy of the public graph (places, organisations, initiatives, cases, sources, pathways, goals, targets and the links between them; no accounts, history or review queue), refreshed shortly after each change: \`graphAsOf\` says when. Refused unless the planner's plan only reads (no LOAD CSV, SHOW or TERMINATE; procedures: db.labels, db.relationshipTypes, db.propertyKeys, db.schema.*, db.index.fulltext.*). Runs in a read transaction stopped after ${config.CYPHER_TIMEOUT_MS} ms; answers carry at most ${config.CYPHER_ROW_CAP} rows and ${config.CYPHER_BYTE_CAP} bytes (\`truncatedBy\` says which cap cut them); ${config.CYPHER_MAX_CONCURRENT} queries run at once, more are answered 503.`,
      body: z.strictObject({
        query: z.string().trim().min(1, 'must not be empty').max(10_000),
        params: z.record(z.string().regex(/^[A-Za-z_]\w*$/, 'must be a parameter name'), z.json()).default({}),
      }),
      problems: [413, 503, 504],
      handler: ({ body }) => cypherConsole.run(body),
    });

  return api;
}
