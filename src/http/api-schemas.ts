import { z } from 'zod';

/**
 * The shapes of the API's answers, for the OpenAPI document and the generated clients. Each names
 * the members a client may rely on and lets through the rest (loose objects), so a new member is
 * no breaking change. Named schemas (`meta({ id })`) become `components/schemas` of the document.
 * test/integration/openapi.test.ts checks live answers against them.
 */

const int = z.number().int();

export const problemSchema = z
  .looseObject({
    type: z.string().describe('a URI reference naming the kind of problem, such as /problems/invalid-input'),
    title: z.string(),
    status: int.min(100).max(599),
    detail: z.string().describe('what went wrong, in a sentence meant for people'),
    instance: z.string().optional().describe('the address that was asked for'),
    requestId: z.string().optional().describe('the X-Request-Id of the request, to quote when reporting it'),
    field: z.string().optional().describe('the input field at fault (400)'),
    errors: z
      .array(z.looseObject({ field: z.string(), in: z.string(), message: z.string() }))
      .optional()
      .describe('every input field at fault (400)'),
  })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem document (application/problem+json).' });

export const sourceRefSchema = z
  .looseObject({
    id: z.string(),
    title: z.string().optional(),
    date: z.string().optional().describe('as precise as the source gives it: 2019, 2019-09 or 2019-09-30'),
    url: z.string().nullable().optional(),
  })
  .meta({ id: 'SourceRef', description: 'A source that reports a fact.' });

/** A link of a case to a pathway, goal, target, place...: the node's own fields plus the link's basis and sources. */
const linkedNode = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  basis: z.string().optional().describe('stated (the source says so), curated or inferred'),
  sources: z.array(sourceRefSchema).optional(),
});

export const caseSummarySchema = z
  .looseObject({
    id: z.string(),
    name: z.string(),
    summary: z.string().optional(),
    year: int.optional(),
    status: z.string().optional(),
    places: z.array(linkedNode),
    pathways: z.array(linkedNode.extend({ number: int })),
    goals: z.array(linkedNode.extend({ number: int })),
    targets: z.array(linkedNode.extend({ code: z.string() })),
  })
  .meta({ id: 'CaseSummary', description: 'A case in a list, with its places, pathways, goals and targets and the sources of each link.' });

/** The members of every paged answer; `next` and `prev` are also sent as RFC 8288 Link headers. */
const pageFields = {
  total: int.min(0).describe('how many match in all'),
  limit: int.min(1),
  offset: int.min(0),
  next: z.string().nullable().describe('the address of the next page; null on the last'),
  prev: z.string().nullable().describe('the address of the previous page; null on the first'),
};

export const casePageSchema = z
  .looseObject({ ...pageFields, cases: z.array(caseSummarySchema) })
  .meta({ id: 'CasePage', description: 'One page of cases; the subject (pathway, goal or target) is given beside them.' });

export const facetValueSchema = z
  .looseObject({ value: z.string(), label: z.string(), count: int, id: z.string().optional() })
  .meta({ id: 'FacetValue', description: 'One value of a facet and how many matching cases have it.' });

export const caseSearchResultSchema = z
  .looseObject({
    ...pageFields,
    filters: z.record(z.string(), z.unknown()).describe('the filters as understood'),
    cases: z.array(caseSummarySchema),
    facets: z.record(z.string(), z.array(facetValueSchema)).describe('counts per value of each facet, over all matches'),
  })
  .meta({ id: 'CaseSearchResult' });

export const nodeRefSchema = z
  .looseObject({ id: z.string(), kind: z.string().optional(), name: z.string().optional(), url: z.string().optional() })
  .meta({ id: 'NodeRef', description: 'A node named briefly, with the address of its page.' });

export const entityPageSchema = z
  .looseObject({ ...pageFields, items: z.array(nodeRefSchema) })
  .meta({ id: 'EntityPage', description: 'One page of places, organisations or initiatives.' });

export const nodeSchema = z
  .looseObject({
    id: z.string(),
    kind: z.string(),
    name: z.string().optional(),
    url: z.string().optional(),
    version: int.optional().describe('raised by every edit; sent as the ETag'),
    sources: z.array(sourceRefSchema).optional(),
    links: z
      .array(
        z.looseObject({
          type: z.string(),
          direction: z.enum(['in', 'out']),
          node: nodeRefSchema,
          sources: z.array(sourceRefSchema).optional(),
        }),
      )
      .optional(),
  })
  .meta({ id: 'Node', description: 'A node with its properties and its links, each with its sources.' });

export const pathwaySchema = z
  .looseObject({
    id: z.string(),
    number: int.min(1).max(15),
    name: z.string(),
    title: z.string(),
    transformation: z.string(),
    cases: int.optional(),
  })
  .meta({ id: 'Pathway', description: 'One of the 15 pathways of the Basque Declaration.' });

export const goalSchema = z
  .looseObject({
    id: z.string(),
    number: int.min(1).max(17),
    name: z.string(),
    colour: z.string().describe('the official colour, #RRGGBB'),
    uri: z.string().optional().describe("the UN's URI of the goal"),
  })
  .meta({ id: 'Goal', description: 'One of the 17 Sustainable Development Goals.' });

export const targetSchema = z
  .looseObject({ id: z.string(), code: z.string(), text: z.string(), uri: z.string().optional() })
  .meta({ id: 'Target', description: 'One of the 169 SDG targets.' });

const element = z.looseObject({ data: z.looseObject({ id: z.string() }) });
export const graphElementsSchema = z
  .looseObject({ nodes: z.array(element), edges: z.array(element) })
  .meta({ id: 'GraphElements', description: 'Cytoscape.js elements: nodes and edges, each with its data.' });

export const cypherResultSchema = z
  .looseObject({
    columns: z.array(z.string()),
    rows: z.array(z.record(z.string(), z.unknown())).describe('one object a row, keyed by column'),
    rowCount: int,
    truncated: z.boolean(),
    truncatedBy: z.enum(['rows', 'bytes']).optional(),
    graphAsOf: z.string().describe('when the copy the query read was last refreshed (ISO 8601)'),
  })
  .meta({ id: 'CypherResult' });

export const versionedSchema = z
  .looseObject({ id: z.string(), version: int.min(0) })
  .meta({ id: 'Versioned', description: 'A written node: its id and new version (also the ETag).' });

/** Any JSON object: for answers whose members the document does not list one by one. */
export const anyObject = z.looseObject({});

/** GET /api/map: the places of the matching cases. */
export const mapSchema = z.object({
  cases: int.describe('cases that match the filters'),
  unplaced: int.describe('matching cases none of whose places has coordinates'),
  places: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      country: z.string().nullable(),
      lat: z.number(),
      lon: z.number(),
      approximate: z.boolean().describe('a country drawn at its centre, having no coordinates of its own'),
      sizeBand: z.string().nullable(),
      cases: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          year: z.number().int().nullable(),
          pathways: z.array(z.number().int()),
          goals: z.array(z.number().int()),
        }),
      ),
    }),
  ),
});
