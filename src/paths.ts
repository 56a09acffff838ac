import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (holding `graph/`, `seeds/`, `views/` and `public/`), wherever the code runs from. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** A path inside the project. */
export function projectPath(...parts: string[]): string {
  return path.join(projectRoot, ...parts);
}
