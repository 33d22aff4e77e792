/** A proportion bar: its width is set through the CSSOM, which the CSP allows (no style attribute). */
import { h } from './dom.js';

export function bar(fraction: number, colour: string): HTMLElement {
  const fill = h('span', { class: 'bar-fill' });
  fill.style.width = `${Math.max(0, Math.min(1, fraction)) * 100}%`;
  fill.style.background = colour;
  return h('span', { class: 'bar', 'aria-hidden': 'true' }, fill);
}
