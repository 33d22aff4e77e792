/**
 * Band colours: white text on each has a WCAG contrast of at least 6:1 (AA asks
 * 4.5:1), and the three differ in lightness too, not only in hue. A site's own
 * model may name other bands: they get the neutral colour.
 */
import { h } from './dom.js';
import type { ModelInfo } from '@dwell/contract';

export const BAND_COLOURS: Record<string, string> = {
  high: '#116329',
  medium: '#8a5300',
  low: '#b42318',
};
export const NEUTRAL = '#5b6472';

export const bandColour = (band: string) => BAND_COLOURS[band] ?? NEUTRAL;

/** The model's bands, highest first. */
export function bandsOf(model: ModelInfo): { name: string; label: string }[] {
  return Object.entries(model.model.bands)
    .sort(([, a], [, b]) => b.min - a.min)
    .map(([name, band]) => ({ name, label: band.label }));
}

/** A badge naming the band in words, coloured by `data-band` in the CSS. */
export function bandBadge(band: string, model: ModelInfo): HTMLElement {
  const known = band in BAND_COLOURS ? band : 'other';
  return h('span', { class: 'band', 'data-band': known }, model.model.bands[band]?.label ?? band);
}
