import { DomainError } from '../errors.js';

/** An import refused before anything was written; each problem names the record (and file and line where known). */
export class ImportError extends DomainError {
  constructor(readonly problems: string[]) {
    const shown = problems.slice(0, 20);
    const more = problems.length > shown.length ? `\n- … and ${problems.length - shown.length} more` : '';
    super(
      'invalid-input',
      `The import has ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was written:\n- ${shown.join('\n- ')}${more}`,
      { problems: problems.slice(0, 1000) },
    );
  }
}
