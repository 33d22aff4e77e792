// A small single-page app: links change the route with history.pushState and
// the page renders the route without a reload, as routers do. Dwell counts one
// view per route from the history calls alone.
const routes = {
  '/demo/live/': ['Election live blog', 'Polls have opened across the country. Follow the day here.'],
  '/demo/live/morning': ['Morning: turnout is high', 'Queues formed before the polling stations opened.'],
  '/demo/live/results': [
    'Results: a close race',
    'With most districts counted, the two leading parties are level.',
  ],
};

function render() {
  const [title, text] = routes[location.pathname] ?? ['Not found', 'There is no such page of the live blog.'];
  document.title = `${title} — The Dwell Gazette`;
  const view = document.getElementById('view');
  view.replaceChildren(
    Object.assign(document.createElement('h1'), { textContent: title }),
    Object.assign(document.createElement('p'), { textContent: text }),
  );
}

document.querySelector('nav').addEventListener('click', (event) => {
  const link = event.target.closest('a');
  if (!link) return;
  event.preventDefault();
  if (link.pathname !== location.pathname) history.pushState(null, '', link.pathname);
  render();
});
window.addEventListener('popstate', render);
render();
