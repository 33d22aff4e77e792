/**
 * A request that may take a while (a preview of a large site takes seconds):
 * while it runs its button says so and ignores further presses, its results
 * are `aria-busy`, and a polite live region says what is happening and then
 * how it went. The rest of the page stays usable: nothing else is disabled.
 */
import { ApiError } from './api.js';
import { h, replace, type Child } from './dom.js';

export interface Task {
  /** The live region: "Scoring…", then the outcome. */
  status: HTMLElement;
  /** Where an error shows (`role="alert"`). */
  error: HTMLElement;
  readonly running: boolean;
  run(busyText: string, work: () => Promise<Child>): Promise<void>;
  fail(message: Child): void;
}

export function task(button: HTMLButtonElement, results: HTMLElement): Task {
  const status = h('p', { class: 'task-status muted', role: 'status', 'aria-live': 'polite' });
  const error = h('p', { class: 'form-error task-error', role: 'alert' });
  const label = button.textContent ?? '';
  let running = false;
  return {
    status,
    error,
    get running() {
      return running;
    },
    fail(message) {
      replace(status);
      replace(error, message);
    },
    async run(busyText, work) {
      if (running) return;
      running = true;
      button.setAttribute('aria-disabled', 'true');
      button.classList.add('busy');
      button.textContent = `${label}…`;
      results.setAttribute('aria-busy', 'true');
      replace(error);
      replace(status, h('span', { class: 'spinner', 'aria-hidden': 'true' }), busyText);
      try {
        replace(status, await work());
      } catch (caught) {
        replace(status);
        replace(
          error,
          caught instanceof ApiError && caught.status !== 0
            ? caught.message
            : caught instanceof ApiError
              ? 'The collector cannot be reached. Check your connection and try again.'
              : 'Something went wrong. Try again.',
        );
      } finally {
        running = false;
        button.removeAttribute('aria-disabled');
        button.classList.remove('busy');
        button.textContent = label;
        results.setAttribute('aria-busy', 'false');
      }
    },
  };
}
