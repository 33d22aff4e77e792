/**
 * Calibrate (`POST /models/calibrate`): which signals of a model predict an
 * outcome on the site's own data — a return within N days, or a custom
 * event (`subscribe`) within N days. The form and the request; the report
 * is modelCalibrationReport.ts. With too little data the collector's own
 * message shows, never a number of ours.
 */
import { ApiError, sendJson } from './api.js';
import { h, replace } from './dom.js';
import { formatDay } from './format.js';
import { calibrationReport, type CalibrateContext } from './modelCalibrationReport.js';
import { task } from './modelTask.js';
import type { Calibration, CalibrationRequest, Scope } from './modelTypes.js';

function radio(name: string, value: string, text: string, checked = false): HTMLElement {
  const id = `calibrate-${name}-${value}`;
  return h(
    'span',
    { class: 'choice' },
    h('input', { type: 'radio', name, id, value, checked }),
    h('label', { for: id }, text),
  );
}

export function calibratePanel(context: CalibrateContext): HTMLElement {
  const days = h('input', {
    id: 'outcome-days',
    type: 'number',
    min: 1,
    max: 90,
    step: 1,
    value: 7,
    class: 'number-input',
  });
  const event = h('input', {
    id: 'outcome-event',
    type: 'text',
    value: 'subscribe',
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const button = h('button', { type: 'submit', class: 'primary', id: 'calibrate-button' }, 'Calibrate');
  const output = h('div', { id: 'calibration-output', 'aria-busy': 'false' });
  const run = task(button, output);
  const form = h(
    'form',
    { class: 'calibrate-form', novalidate: true, 'aria-label': 'Calibrate a model' },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Model'),
      radio('scope', 'content', 'Content model (stories)', true),
      radio('scope', 'reader', 'Reader model (readers)'),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Outcome'),
      radio('outcome', 'return', 'The reader returns', true),
      radio('outcome', 'event', 'The reader sends the event'),
      h('span', { class: 'field' }, h('label', { for: 'outcome-event' }, 'Event name'), event),
      h('span', { class: 'field' }, h('label', { for: 'outcome-days' }, 'Within (days, 1–90)'), days),
    ),
    button,
  );
  const chosen = (name: string) =>
    (form.querySelector(`input[name="${name}"]:checked`) as HTMLInputElement).value;
  const syncEvent = () => (event.disabled = chosen('outcome') !== 'event');
  form.addEventListener('change', syncEvent);
  syncEvent();
  form.addEventListener('submit', (submitted) => {
    submitted.preventDefault();
    if (run.running) return;
    const within = days.valueAsNumber;
    if (!Number.isInteger(within) || within < 1 || within > 90) {
      days.setAttribute('aria-invalid', 'true');
      run.fail('Enter a whole number of days from 1 to 90.');
      return days.focus();
    }
    days.removeAttribute('aria-invalid');
    const name = event.value.trim();
    if (chosen('outcome') === 'event' && !name) {
      run.fail('Enter the name of the event, e.g. subscribe.');
      return event.focus();
    }
    const body: CalibrationRequest = {
      scope: chosen('scope') as Scope,
      outcome:
        chosen('outcome') === 'event' ? { event: name, within_days: within } : { return_within_days: within },
      ...context.range,
    };
    void run.run('Calibrating against the outcome… This can take a few seconds.', async () => {
      try {
        const result = await sendJson<Calibration>(context.credentials, '/models/calibrate', {
          method: 'POST',
          body,
        });
        replace(output, calibrationReport(result, context));
        return `Calibration ready: ${result.verdict === 'suggested' ? 'suggested weights' : 'no signal'}.`;
      } catch (error) {
        // Too little data is an answer, not a failure: the collector's message in place of a report.
        if (error instanceof ApiError && error.code === 'too_little_data') {
          replace(output, h('p', { class: 'too-little', id: 'calibration-too-little' }, error.message));
          return 'Calibration: too little data.';
        }
        replace(output);
        throw error;
      }
    });
  });
  return h(
    'section',
    { class: 'card', 'aria-labelledby': 'calibrate-title', id: 'calibrate' },
    h('h2', { id: 'calibrate-title' }, 'Calibrate'),
    h(
      'p',
      { class: 'muted' },
      `Which signals predict an outcome on this site's own data (${formatDay(context.range.from)} – ${formatDay(context.range.to)}), measured on the activity before the outcome's period, and the points a fit on the earlier part suggests.`,
    ),
    form,
    run.status,
    run.error,
    output,
  );
}
