// The demo's live score badge and feedback control: what a site's own
// personalization code would do with the page API. It uses only
// `dwell.on('score', …)`, `dwell.on('reader', …)` and `dwell.feedback(…)`,
// through the snippet, so it works before dwell.js has loaded.
window.dwell =
  window.dwell ||
  function () {
    (window.dwell.q = window.dwell.q || []).push(arguments);
  };

const badge = document.createElement('aside');
badge.id = 'dwell-score';
badge.setAttribute('aria-live', 'polite');
badge.textContent = 'Engagement: waiting for the first event…';
document.body.append(badge);

/** The latest of each score, so that a change of one redraws both. */
const latest = { score: undefined, reader: undefined };

function line(label, result, extra = '') {
  const row = document.createElement('div');
  row.className = 'dwell-line';
  row.dataset.band = result.band;
  row.append(
    label,
    Object.assign(document.createElement('strong'), { textContent: String(result.score) }),
    ` / 100 (${result.band}${extra})`,
  );
  return row;
}

function draw() {
  const { score, reader } = latest;
  if (!score) return;
  badge.dataset.band = score.band;
  badge.replaceChildren(line('Your engagement with this page: ', score, `, raw ${score.raw}`));
  if (reader) badge.append(line('You as a reader of the Gazette: ', reader, `, raw ${reader.raw}`));
}

for (const type of ['score', 'reader']) {
  window.dwell('on', type, (result) => {
    latest[type] = result;
    draw();
  });
}

/**
 * "Was this worth your time?" under each article: five buttons (1 "not worth
 * my time" … 5 "very worth it") in a labelled group; the chosen one is
 * pressed, and a status line says what was recorded.
 */
function feedbackControl() {
  const form = document.createElement('section');
  form.className = 'feedback';
  form.setAttribute('aria-labelledby', 'feedback-question');
  const question = Object.assign(document.createElement('h2'), {
    id: 'feedback-question',
    textContent: 'Was this worth your time?',
  });
  const group = document.createElement('div');
  group.setAttribute('role', 'group');
  group.setAttribute('aria-labelledby', 'feedback-question');
  const status = Object.assign(document.createElement('p'), { className: 'meta' });
  status.setAttribute('role', 'status');
  const labels = ['not worth my time', 'hardly', 'somewhat', 'yes', 'very worth it'];
  const buttons = labels.map((label, index) => {
    const button = Object.assign(document.createElement('button'), {
      type: 'button',
      textContent: String(index + 1),
      title: label,
    });
    button.setAttribute('aria-label', `${index + 1} of 5: ${label}`);
    button.setAttribute('aria-pressed', 'false');
    button.addEventListener('click', () => {
      window.dwell('feedback', index + 1);
      for (const other of buttons) other.setAttribute('aria-pressed', String(other === button));
      status.textContent = `Thank you: you rated this ${index + 1} of 5 (${label}). You can change it.`;
    });
    return button;
  });
  group.append(
    Object.assign(document.createElement('span'), { className: 'meta', textContent: 'not worth it' }),
    ...buttons,
    Object.assign(document.createElement('span'), { className: 'meta', textContent: 'very worth it' }),
  );
  form.append(question, group, status);
  return form;
}

// Article pages only: the live blog and the front page have no single story to rate.
const article = location.pathname.startsWith('/demo/articles/') && document.querySelector('main > article');
if (article) article.after(feedbackControl());

// The share links carry the story's address, as a site's templates write them; the demo
// runs on whatever host serves it, so its links get the page's own address here. Dwell
// knows a share link by that address in it (packages/sdk/src/shares.ts).
const here = encodeURIComponent(location.origin + location.pathname);
for (const link of document.querySelectorAll('.share a[href]')) {
  link.href = link.href.replace(/https%3A%2F%2Fgazette\.example[^&]*/, here);
}

for (const button of document.querySelectorAll('[data-native-share]')) {
  button.addEventListener('click', () => {
    if (navigator.share) navigator.share({ title: document.title, url: location.href }).catch(() => {});
  });
}
