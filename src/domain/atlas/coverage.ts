import type { Database } from '../../data/database.js';
import { cypher } from '../../data/queries.js';

/** The pathway by goal matrix of case counts, and the pathways, goals and targets still without a case. */
export async function coverage(db: Database) {
  // Aggregates over every case: kept briefly per instance (emptied by any write) so the heat map stays quick.
  return db.cache.get('stats/coverage', () => computeCoverage(db));
}

async function computeCoverage(db: Database) {
  return db.readTx(async (run) => {
    const cells = await run(cypher('stats/coverage'));
    const [totals] = await run(cypher('stats/case-totals'));
    const pathways = totals!.pathways as { number: number; name: string; cases: number }[];
    const goals = totals!.goals as { number: number; name: string; colour: string; cases: number }[];
    pathways.sort((a, b) => a.number - b.number);
    goals.sort((a, b) => a.number - b.number);
    const matrix = pathways.map((p) => goals.map((g) => (cells.find((c) => c.pathway === p.number && c.goal === g.number)?.cases as number) ?? 0));
    return {
      cases: totals!.cases as number,
      pathways,
      goals,
      matrix,
      cells: cells.map((c) => ({ pathway: c.pathway as number, goal: c.goal as number, cases: c.cases as number })),
      gaps: {
        pathwaysWithoutCases: pathways.filter((p) => p.cases === 0).map((p) => p.number),
        goalsWithoutCases: goals.filter((g) => g.cases === 0).map((g) => g.number),
        emptyCells: matrix.flat().filter((n) => n === 0).length,
        targetsWithoutCases: totals!.targetsWithoutCases as number,
        targets: totals!.targets as number,
      },
    };
  });
}
