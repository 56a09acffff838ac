/**
 * The architecture as rules: no import cycles, and each layer imports only the layers beneath it
 * (http -> domain -> data; cli and server on top; the browser code on its own).
 * Checked by `npm run lint:deps`, which `npm test` runs.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Modules must not depend on each other in a cycle.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'data-below-domain',
      severity: 'error',
      comment:
        'src/data talks to Neo4j and knows nothing of the domain, HTTP or commands: it imports only itself and the plumbing beneath.',
      from: { path: '^src/data/' },
      to: { path: '^src/(?!(data|neo4j|platform)/|paths\\.ts$|config\\.ts$)' },
    },
    {
      name: 'domain-below-http',
      severity: 'error',
      comment: 'The domain imports only itself, src/data and the plumbing beneath: not HTTP, commands, the app or the server.',
      from: { path: '^src/domain/' },
      to: { path: '^src/(?!(domain|data|platform)/|paths\\.ts$|config\\.ts$)' },
    },
    {
      name: 'http-below-entry-points',
      severity: 'error',
      comment: 'Routers call the domain; they do not import the commands, the server or the app that mounts them.',
      from: { path: '^src/http/' },
      to: { path: '^src/(cli/|server\\.ts$|app\\.ts$)' },
    },
    {
      name: 'plumbing-alone',
      severity: 'error',
      comment: 'The local Neo4j and the platform helpers know nothing of the atlas.',
      from: { path: '^src/(neo4j|platform)/' },
      to: { path: '^src/(domain|http|cli|client)/|^src/(app|server|query-console)\\.ts$' },
    },
    {
      name: 'observability-beside-http',
      severity: 'error',
      comment: 'Logs and metrics see requests and queries, not the domain (beyond its error type) or the commands.',
      from: { path: '^src/observability/' },
      to: { path: '^src/(http|cli|client)/|^src/domain/(?!errors\\.ts$)|^src/(app|server|query-console)\\.ts$' },
    },
    {
      name: 'client-alone',
      severity: 'error',
      comment: 'The browser bundle imports only browser code.',
      from: { path: '^src/client/' },
      to: { path: '^src/(?!client/)' },
    },
    {
      name: 'model-is-a-leaf',
      severity: 'error',
      comment: 'The model (kinds, schemas, properties) depends on nothing else in the domain but the text helpers.',
      from: { path: '^src/domain/model/' },
      to: { path: '^src/(?!domain/(model/|text\\.ts))' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      extensions: ['.ts', '.js', '.mjs'],
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
