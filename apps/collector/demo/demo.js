// The demo's live score badge: what a site's own personalization code would
// do with the page API. It uses only `dwell.on('score', …)`.
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

window.dwell('on', 'score', (score) => {
  badge.dataset.band = score.band;
  badge.replaceChildren(
    'Your engagement with this page: ',
    Object.assign(document.createElement('strong'), { textContent: String(score.score) }),
    ` / 100 (${score.band}, raw ${score.raw})`,
  );
});

for (const button of document.querySelectorAll('[data-native-share]')) {
  button.addEventListener('click', () => {
    if (navigator.share) navigator.share({ title: document.title, url: location.href }).catch(() => {});
  });
}
