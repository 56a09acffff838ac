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
      comment: 'src/data talks to Neo4j and knows nothing of the domain, HTTP or commands.',
      from: { path: '^src/data/' },
      to: { path: '^src/(domain|http|cli|client)/' },
    },
    {
      name: 'domain-below-http',
      severity: 'error',
      comment: 'The domain does not know about HTTP or the command line.',
      from: { path: '^src/domain/' },
      to: { path: '^src/(http|cli|client)/' },
    },
    {
      name: 'http-not-cli',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^src/cli/' },
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
      comment: 'The model (kinds, schemas, properties) depends on nothing else in the domain but plain text helpers.',
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
