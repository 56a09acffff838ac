import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { allQueryNames } from '../../src/data/queries.js';
import { projectPath } from '../../src/paths.js';

// Every named query the source declares, found by reading the source: each defineQuery call names its file literally.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

interface Use {
  file: string;
  name: string | null;
}

/** The first argument of every `defineQuery(...)` call; null where it is not a string literal. */
function defineQueryCalls(file: string): Use[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const uses: Use[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'defineQuery') {
      const [first] = node.arguments;
      uses.push({ file: path.relative(projectPath(), file), name: first && ts.isStringLiteral(first) ? first.text : null });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

const uses = sourceFiles(projectPath('src')).flatMap(defineQueryCalls);
const declared = new Set(uses.flatMap((u) => (u.name ? [u.name] : [])));
const files = allQueryNames();

describe('the query registry', () => {
  it('when the source declares queries, then each names its file literally (so this check sees every one)', () => {
    expect(uses.length).toBeGreaterThan(100);
    expect(uses.filter((u) => u.name === null).map((u) => u.file)).toEqual([]);
  });

  it('when a query is declared, then graph/queries holds its file', () => {
    expect([...declared].filter((name) => !files.includes(name))).toEqual([]);
  });

  it('when graph/queries holds a file, then the source declares it', () => {
    expect(files.filter((name) => !declared.has(name))).toEqual([]);
  });

  it('when the app runs Cypher, then it is through a declared query, never text written in the code', () => {
    // The callers of the data layer; src/data itself runs the text it is given (and the console's user queries).
    const callers = ['domain', 'http', 'cli'].flatMap((dir) => sourceFiles(projectPath('src', dir)));
    const inline = [...callers, projectPath('src/server.ts'), projectPath('src/app.ts')]
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => ({ where: `${path.relative(projectPath(), f)}:${i + 1}`, line }))
          .filter(({ line }) =>
            /\.?\b(read|write|readRaw|autoCommit|run)\(\s*[`'"]\s*(MATCH|OPTIONAL|MERGE|CREATE|CALL|RETURN|WITH|UNWIND|SHOW|EXPLAIN|PROFILE)\b/i.test(
              line,
            ),
          ),
      )
      .map((l) => l.where);
    expect(inline).toEqual([]);
  });
});
