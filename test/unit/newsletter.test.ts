import { fileURLToPath } from 'node:url';
import { newsletterChecks } from '../support/newsletter-checks.js';

/**
 * The extractor's checks against the seed newsletter, run on a copy kept in the repository: the same
 * ten items (titles, dates, places, organisations, initiatives, figures and pathway references) in
 * reworded prose. `npm run eval:external` runs the same checks on the original, which lives outside.
 */
newsletterChecks(fileURLToPath(new URL('../fixtures/newsletter.txt', import.meta.url)), {
  conferenceItemLastLine: 'Read about what ICLEI does in Make ICT Fair.',
});
