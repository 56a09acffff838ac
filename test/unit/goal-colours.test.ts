import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { textOn } from '../../src/http/routes/pages.js';

/** The 17 official SDG colours as the seed gives them. */
const colours = [
  ...readFileSync(new URL('../../seeds/sdg/goals.yaml', import.meta.url), 'utf8').matchAll(/colour: "(#[0-9A-Fa-f]{6})"/g),
].map((m) => m[1]!);

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const contrast = (a: string, b: string) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
};

describe('text on the goals’ official colours', () => {
  it('when each of the 17 goal tiles is drawn, then its text contrasts 4.5:1 or more with the colour', () => {
    expect(colours).toHaveLength(17);
    const weak = colours.map((c, i) => ({ goal: i + 1, contrast: contrast(c, textOn(c)) })).filter((g) => g.contrast < 4.5);
    expect(weak).toEqual([]);
  });

  it("when the colour is SDG 5's red, then the text is black, as neither white nor the site's near-black reaches 4.5:1", () => {
    expect(textOn('#FF3A21')).toBe('#000000');
    expect(contrast('#FF3A21', '#1f2328')).toBeLessThan(4.5);
  });
});
