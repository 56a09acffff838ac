import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { allQueryNames, graphDir } from '../../src/data/queries.js';
import { projectPath } from '../../src/paths.js';

// The named queries the source declares, found by reading the source: each defineQuery call names its file literally.

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const parsed = (file: string) => ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
const where = (source: ts.SourceFile, node: ts.Node) =>
  `${path.relative(projectPath(), source.fileName)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;

function walk(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  ts.forEachChild(node, (child) => walk(child, visit));
}

interface Declaration {
  at: string;
  name: string | null;
  /** The parameter names the declaration types, when it spells them out (an object type or Record<string, never>). */
  params: string[] | null;
}

function declaredParams(arg: ts.TypeNode | undefined): string[] | null {
  if (!arg) return null;
  if (ts.isTypeLiteralNode(arg)) return arg.members.flatMap((m) => (m.name && ts.isIdentifier(m.name) ? [m.name.text] : []));
  if (ts.isTypeReferenceNode(arg) && arg.typeName.getText() === 'Record' && arg.typeArguments?.[1]?.getText() === 'never') return [];
  return null;
}

function declarations(file: string): Declaration[] {
  const source = parsed(file);
  const found: Declaration[] = [];
  walk(source, (node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'defineQuery') {
      const [first] = node.arguments;
      found.push({
        at: where(source, node),
        name: first && ts.isStringLiteral(first) ? first.text : null,
        params: declaredParams(node.typeArguments?.[0]),
      });
    }
  });
  return found;
}

/** Text that starts like a Cypher statement (after blank and comment lines): upper-case clauses, as the project writes them. */
const CYPHER_START =
  /^(?:\s*\/\/[^\n]*\n)*\s*(?:MATCH|OPTIONAL MATCH|MERGE|CREATE|CALL|RETURN|WITH|UNWIND|SHOW|EXPLAIN|PROFILE|DETACH DELETE|FOREACH|LOAD CSV (?:WITH|FROM))\b/;

function cypherLiterals(file: string): string[] {
  const source = parsed(file);
  const found: string[] = [];
  walk(source, (node) => {
    const text =
      ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)
        ? node.text
        : ts.isTemplateExpression(node)
          ? node.head.text
          : null;
    if (text !== null && CYPHER_START.test(text)) found.push(where(source, node));
  });
  return found;
}

/** The parameters a query file uses ($name), outside comments. */
function fileParams(name: string): string[] {
  const text = readFileSync(path.join(graphDir, 'queries', `${name}.cypher`), 'utf8')
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n');
  return [...new Set([...text.matchAll(/\$([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]!))].sort();
}

const all = sourceFiles(projectPath('src')).flatMap(declarations);
const declared = new Set(all.flatMap((d) => (d.name ? [d.name] : [])));
const files = allQueryNames();

describe('the query registry', () => {
  it('when the source declares queries, then each names its file literally (so these checks see every one)', () => {
    expect(all.length).toBeGreaterThan(100);
    expect(all.filter((d) => d.name === null).map((d) => d.at)).toEqual([]);
  });

  it('when a query is declared, then graph/queries holds its file', () => {
    expect([...declared].filter((name) => !files.includes(name))).toEqual([]);
  });

  it('when graph/queries holds a file, then the source declares it', () => {
    expect(files.filter((name) => !declared.has(name))).toEqual([]);
  });

  it('when a declaration names its parameters, then they are exactly the ones its file uses', () => {
    const checked = all.filter(
      (d): d is Declaration & { name: string; params: string[] } => d.name !== null && d.params !== null && files.includes(d.name),
    );
    expect(checked.length).toBeGreaterThan(80);
    const mismatched = checked
      .map((d) => ({ at: d.at, name: d.name, declared: [...d.params].sort(), used: fileParams(d.name) }))
      .filter((m) => m.declared.join() !== m.used.join());
    expect(mismatched).toEqual([]);
  });

  it('when the app runs Cypher, then it is through a declared query, never text written in the code', () => {
    // The callers of the data layer; src/data itself runs the text it is given (and the console's user queries).
    const callers = ['domain', 'http', 'cli'].flatMap((dir) => sourceFiles(projectPath('src', dir)));
    expect([...callers, projectPath('src/server.ts'), projectPath('src/app.ts')].flatMap(cypherLiterals)).toEqual([]);
  });
});
