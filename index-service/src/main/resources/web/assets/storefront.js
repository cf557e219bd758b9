// The storefront preview: a shopper's feed and searches as the service ranks them, with the reasons,
// and buttons that send the shopper's interactions so the effect on the feed can be watched.

const DEFAULT_SHOPPER = 'shopper-1';
const FEED_SIZE = 20;
const SEARCH_SIZE = 20;
const SIMILAR_SIZE = 8;
const POLL_INTERVAL_MS = 100;
const POLL_TIMEOUT_MS = 5000;
const WEIGHT_DEBOUNCE_MS = 150;
const TOKEN_KEY = 'recsys.apiToken';

const SOURCE_LABELS = {
  cf: 'Collaborative filtering',
  content: 'Content similarity',
  text: 'Text match',
  popularity: 'Popularity',
  shoppers: 'Similar shoppers',
  recent: 'Neighbours of recent items',
  seq: 'Sequence model',
};

const ORIGIN_LABELS = {
  'knn-content': 'content profile',
  'knn-cf': 'collaborative filtering',
  'similar-shoppers': 'similar shoppers',
  'recent-neighbours': 'neighbours of recent items',
  'knn-seq': 'sequence model',
  trending: 'trending',
  new: 'new arrivals',
  diverse: 'diverse picks for a new shopper',
  bm25: 'text match',
  'knn-text': 'meaning of the query',
};

const EVENT_DESCRIPTIONS = {
  click: 'Opened',
  add_to_cart: 'Added to cart:',
  purchase: 'Purchased',
};

const priceFormat = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const scoreFormat = new Intl.NumberFormat('en', { minimumFractionDigits: 3, maximumFractionDigits: 3 });
const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });

const byId = (id) => document.getElementById(id);
const ui = {
  shopperForm: byId('shopper-form'),
  shopper: byId('shopper'),
  tokenForm: byId('api-token-form'),
  apiToken: byId('api-token'),
  forgetToken: byId('forget-api-token'),
  status: byId('status'),
  weights: byId('weights'),
  weightInputs: [...byId('weights').querySelectorAll('input[type="range"]')],
  resetWeights: byId('reset-weights'),
  searchForm: byId('search-form'),
  query: byId('q'),
  category: byId('category'),
  priceMin: byId('price-min'),
  priceMax: byId('price-max'),
  searchOutput: byId('search-output'),
  resultsMeta: byId('results-meta'),
  results: byId('results'),
  resultsFairness: byId('results-fairness'),
  clearSearch: byId('clear-search'),
  feedHeading: byId('feed-heading'),
  feedUser: byId('feed-user'),
  feedMeta: byId('feed-meta'),
  feed: byId('feed'),
  fairness: byId('fairness'),
  itemHeading: byId('item-heading'),
  itemPlaceholder: byId('item-placeholder'),
  itemDetails: byId('item-details'),
  itemDescription: byId('item-description'),
  itemFields: byId('item-fields'),
  similar: byId('similar'),
  similarEmpty: byId('similar-empty'),
  itemTemplate: byId('item-template'),
};

const state = {
  user: DEFAULT_SHOPPER,
  profileVersion: null,
  // itemId → index in the feed as last rendered, to mark what moved.
  feedPositions: new Map(),
  search: null,
  categories: new Set(),
  // Each kind of request counts up so that an answer overtaken by a newer request is dropped.
  feedRequests: 0,
  searchRequests: 0,
  itemRequests: 0,
  weightTimer: 0,
};

// ---------------------------------------------------------------------------------------------
// API token: kept in sessionStorage only, so that it ends with the tab and never shows in the URL

/** The stored token, or null; also null where the browser denies session storage. */
function readToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** Returns whether the token could be stored. */
function storeToken(token) {
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
    return true;
  } catch {
    return false;
  }
}

function forgetToken() {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // nothing was stored
  }
  ui.forgetToken.hidden = true;
}

/** A 401 (no token sent) or 403 (token refused), with the token the request was sent with. */
class TokenError extends Error {
  constructor(status, message, token) {
    super(message);
    this.status = status;
    this.token = token;
  }
}

// ---------------------------------------------------------------------------------------------
// Talking to the service

/** Builds a same-origin URL; parameters that are null or empty are left out. */
function apiUrl(path, params = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') {
      query.set(name, String(value));
    }
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/**
 * Fetches JSON, with the API token when one is stored; any failure becomes an Error whose message can
 * be shown as it is, and a missing or refused token a TokenError.
 */
async function requestJson(url, init = {}) {
  const token = readToken();
  const auth = token ? { Authorization: `Bearer ${token}` } : {};
  let response;
  try {
    response = await fetch(url, { ...init, headers: { Accept: 'application/json', ...auth, ...init.headers } });
  } catch {
    throw new Error('the service could not be reached');
  }
  const body = await response.json().catch(() => null);
  if (response.status === 401 || response.status === 403) {
    throw new TokenError(response.status, errorMessage(body, response), token);
  }
  if (!response.ok) {
    throw new Error(errorMessage(body, response));
  }
  if (body === null) {
    throw new Error(`the service answered ${response.status} without JSON`);
  }
  return body;
}

/** The service's own words for an error, with the parameter at fault when it does not name it. */
function errorMessage(body, response) {
  const message = typeof body?.message === 'string' ? body.message : `${response.status} ${response.statusText}`.trim();
  const field = typeof body?.field === 'string' ? body.field : '';
  return field && !message.startsWith(field) ? `${field}: ${message}` : message;
}

/** The blend weights that differ from the defaults, as w.* request parameters. */
function weightParams() {
  const params = {};
  for (const input of ui.weightInputs) {
    if (Number(input.value) !== Number(input.defaultValue)) {
      params[input.name] = input.value;
    }
  }
  return params;
}

function fetchFeed() {
  return requestJson(apiUrl('/v1/feed', { user: state.user, k: FEED_SIZE, explain: true, ...weightParams() }));
}

/** Resolves to the feed, or to null when a newer feed request was made meanwhile. */
async function fetchLatestFeed() {
  const request = ++state.feedRequests;
  const feed = await fetchFeed();
  return request === state.feedRequests ? feed : null;
}

/** Random 128-bit id; getRandomValues works on plain http too, where randomUUID does not exist. */
function newEventId() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

function postEvent(type, itemId, query) {
  const event = { eventId: newEventId(), userId: state.user, itemId, type, ts: Date.now() };
  if (query) {
    event.query = query;
  }
  return requestJson('/v1/events', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify([event]),
  });
}

// ---------------------------------------------------------------------------------------------
// Status

function showStatus(text, isError = false) {
  ui.status.textContent = text;
  ui.status.classList.toggle('error', isError);
}

/** Runs an action started by the user and reports its failure in the status area. */
function reportFailure(promise, what) {
  promise.catch((error) => {
    if (error instanceof TokenError) {
      askForToken(error);
    } else {
      showStatus(`${what}: ${error.message}`, true);
    }
  });
}

/**
 * Shows the token form with the service's reason. An answer to a request sent with another token than
 * the one stored now is ignored: the token changed meanwhile, and the reload that followed will tell.
 */
function askForToken(error) {
  if (error.token !== readToken()) {
    return;
  }
  if (error.status === 403) {
    forgetToken(); // kept, it would only be refused again
  }
  const reason = error.status === 403 ? 'The API token was refused' : 'The service needs an API token';
  showStatus(`${reason}: ${error.message}`, true);
  ui.tokenForm.hidden = false;
  ui.apiToken.focus();
}

function setBusy(element, busy) {
  element.setAttribute('aria-busy', String(busy));
}

// ---------------------------------------------------------------------------------------------
// The feed

async function loadFeed() {
  setBusy(ui.feed, true);
  try {
    const feed = await fetchLatestFeed();
    if (feed) {
      const changes = renderFeed(feed);
      showStatus(`Feed for ${feed.user} loaded${describeChanges(changes)}.`);
    }
  } finally {
    setBusy(ui.feed, false);
  }
}

/** Renders a feed answer and returns how its items moved since the previous render. */
function renderFeed(feed) {
  const items = feed.items ?? [];
  const version = feed.profileVersion ?? null;
  state.profileVersion = version;
  ui.feedUser.textContent = feed.user ?? state.user;
  ui.feed.dataset.profileVersion = version === null ? '' : String(version);
  ui.feed.dataset.generation = String(feed.generation ?? '');
  ui.feedMeta.textContent = describeFeed(feed, items.length);

  const changes = renderItems(ui.feed, items, state.feedPositions);
  state.feedPositions = new Map(items.map((item, index) => [item.itemId, index]));
  renderFairness(ui.fairness, feed.fairness);
  rememberCategories(items);
  replaceMark('feed-rendered');
  return changes;
}

function describeFeed(feed, count) {
  const version = feed.profileVersion ?? null;
  const sources = feed.sources?.length ? feed.sources.join(', ') : 'none';
  return [
    `${count} ${count === 1 ? 'item' : 'items'}`,
    version === null ? 'no profile yet' : `profile version ${version}`,
    `generation ${feed.generation ?? '?'}`,
    feed.coldStart ? 'cold start' : 'personalised',
    `sources: ${sources}`,
  ].join(' · ');
}

function describeChanges({ up, down, added }) {
  const parts = [];
  if (up) parts.push(`${up} moved up`);
  if (down) parts.push(`${down} moved down`);
  if (added) parts.push(`${added} new`);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** Keeps exactly one performance mark of this name, the latest. */
function replaceMark(name) {
  performance.clearMarks(name);
  performance.mark(name);
}

// ---------------------------------------------------------------------------------------------
// Item lists (feed and search results)

/**
 * Replaces the list's items. Keeps the keyboard focus and the open "Why this score" panels on the
 * same items, since a refresh must not throw the reader back to the top of the page.
 */
function renderItems(list, items, previousPositions) {
  const focus = focusedControl(list);
  const openDetails = new Set(
    [...list.querySelectorAll('details[open]')].map((details) => details.closest('li').dataset.itemId));
  const changes = { up: 0, down: 0, added: 0 };

  const fragment = document.createDocumentFragment();
  items.forEach((item, index) => {
    const li = createItem(item, openDetails.has(item.itemId));
    markChange(li, previousPositions, item.itemId, index, changes);
    fragment.append(li);
  });
  list.replaceChildren(fragment);
  restoreFocus(list, focus);
  return changes;
}

function focusedControl(list) {
  const active = document.activeElement;
  const li = list.contains(active) ? active.closest('li.item') : null;
  if (!li) {
    return null;
  }
  const control = ['open-item', 'add-to-cart', 'purchase'].find((name) => active.classList.contains(name));
  return { itemId: li.dataset.itemId, selector: control ? `.${control}` : 'summary' };
}

function restoreFocus(list, focus) {
  if (!focus) {
    return;
  }
  const li = list.querySelector(`li.item[data-item-id="${CSS.escape(focus.itemId)}"]`);
  // The item may have left the list; then the list's heading is the nearest sensible place.
  const target = li?.querySelector(focus.selector) ?? list.closest('section').querySelector('h2');
  target.focus();
}

function createItem(item, detailsOpen) {
  const li = ui.itemTemplate.content.firstElementChild.cloneNode(true);
  const title = item.title ?? item.itemId;
  li.dataset.itemId = item.itemId;
  li.querySelector('.open-item').textContent = title;
  li.querySelector('.price').textContent = formatPrice(item.price);
  li.querySelector('.add-to-cart').setAttribute('aria-label', `Add ${title} to cart`);
  li.querySelector('.purchase').setAttribute('aria-label', `Purchase ${title}`);
  fillItemMeta(li.querySelector('.item-meta'), item);
  fillBecause(li.querySelector('.because'), item.because ?? []);
  fillScoreParts(li.querySelector('.score-parts'), item);
  li.querySelector('.score-parts').open = detailsOpen;
  return li;
}

function fillItemMeta(meta, item) {
  const facts = [formatCategory(item.category), item.brand, item.sellerId && `Seller ${item.sellerId}`];
  for (const fact of facts.filter(Boolean)) {
    meta.append(createElement('span', '', fact));
  }
  if (item.protected) {
    meta.append(createElement('span', 'badge protected', 'Protected group'));
  }
}

function fillBecause(paragraph, because) {
  const titles = [...new Set(because.map((entry) => entry.title ?? entry.itemId))];
  if (titles.length === 0) {
    paragraph.remove();
    return;
  }
  paragraph.textContent = `Because you viewed ${titles.join(', ')}`;
}

function fillScoreParts(details, item) {
  const parts = Object.entries(item.scoreParts ?? {});
  const largest = Math.max(...parts.map(([, value]) => Math.abs(value)), Number.EPSILON);
  details.querySelector('.parts').append(...parts.map(([source, value]) => createPart(source, value, largest)));
  details.querySelector('.total').textContent = scoreFormat.format(item.score ?? 0);

  const origins = (item.origins ?? []).map((origin) => ORIGIN_LABELS[origin] ?? origin);
  details.querySelector('.origins').textContent =
    `Proposed by: ${origins.length ? origins.join(', ') : 'no generator named'}.` + describeShoppers(item.similarShoppers);
  details.querySelector('.rank-note').textContent = describeRank(item);
}

/** One source's share of the score: its name, a bar scaled to the item's largest part, the number. */
function createPart(source, value, largest) {
  const track = createElement('span', 'part-bar', '');
  track.setAttribute('aria-hidden', 'true');
  const fill = createElement('span', 'bar', '');
  fill.style.inlineSize = `${Math.round((Math.abs(value) / largest) * 100)}%`;
  track.append(fill);
  const part = createElement('li', '', '');
  part.append(
    createElement('span', 'part-label', SOURCE_LABELS[source] ?? source),
    track,
    createElement('span', 'part-value', scoreFormat.format(value)));
  return part;
}

function describeShoppers(similar) {
  if (!similar?.neighbours) {
    return '';
  }
  const who = similar.neighbours === 1 ? 'similar shopper' : 'similar shoppers';
  return ` ${similar.neighbours} ${who} engaged with it.`;
}

function describeRank(item) {
  if (item.blendedRank === undefined) {
    return '';
  }
  const fairness = item.movedByFairness ? 'the fairness pass moved it up' : 'not moved by the fairness pass';
  return `Blended rank ${item.blendedRank}; ${fairness}.`;
}

/** Adds the visible "▲ 3" / "▼ 2" / "new" marker and class, and counts the change. */
function markChange(li, previousPositions, itemId, index, changes) {
  if (previousPositions.size === 0) {
    return;
  }
  const before = previousPositions.get(itemId);
  let marker;
  if (before === undefined) {
    li.classList.add('new-in-feed');
    marker = createMarker('change new', 'new', 'new in the list');
    changes.added++;
  } else if (before > index) {
    li.classList.add('moved-up');
    marker = createMarker('change up', `▲ ${before - index}`, `moved up ${before - index}`);
    changes.up++;
  } else if (before < index) {
    li.classList.add('moved-down');
    marker = createMarker('change down', `▼ ${index - before}`, `moved down ${index - before}`);
    changes.down++;
  }
  if (marker) {
    li.querySelector('.item-title').after(marker);
  }
}

/** A marker whose symbol is shown, and whose words are read by screen readers instead. */
function createMarker(className, symbol, words) {
  const marker = createElement('span', className, '');
  marker.append(createElement('span', '', symbol), createElement('span', 'visually-hidden', words));
  marker.firstChild.setAttribute('aria-hidden', 'true');
  return marker;
}

function createElement(tag, className, text) {
  const element = document.createElement(tag);
  if (className) {
    element.className = className;
  }
  element.textContent = text;
  return element;
}

function formatPrice(price) {
  return typeof price === 'number' ? priceFormat.format(price) : '';
}

/** "electronics>audio" reads better as "electronics › audio". */
function formatCategory(category) {
  return category ? category.split('>').map((level) => level.trim()).join(' › ') : '';
}

// ---------------------------------------------------------------------------------------------
// Fairness report

function renderFairness(section, report) {
  section.hidden = !report;
  if (!report) {
    return;
  }
  const facts = [
    ['Protected group', report.protectedGroup ?? '—'],
    ['Protected share', `${formatShare(report.protectedShare)} (${report.protectedCount ?? 0} of ${report.k ?? 0})`],
    ['Quota', report.quotaMet ? 'met at every position' : 'not met', report.quotaMet ? 'ok' : 'warn'],
    ['Largest seller', report.largestSeller ? `${report.largestSeller} (${formatShare(report.largestSellerShare)})` : '—'],
  ];
  if (report.note) {
    facts.push(['Note', report.note]);
  }
  section.querySelector('dl').replaceChildren(...facts.flatMap(
    ([term, value, className = '']) => [createElement('dt', '', term), createElement('dd', className, value)]));
}

function formatShare(share) {
  return `${Math.round((share ?? 0) * 100)}%`;
}

// ---------------------------------------------------------------------------------------------
// Interactions: send the event, then wait for the shopper's new profile to reach the feed

async function recordInteraction(type, itemId, title, query) {
  const versionBefore = state.profileVersion ?? 0;
  replaceMark('event-sent');
  await postEvent(type, itemId, query);
  showStatus(`${EVENT_DESCRIPTIONS[type]} ${title}. Waiting for the updated feed…`);
  const { feed, changes } = await pollFeedUntilNewer(versionBefore);
  if (!feed) {
    showStatus(`${EVENT_DESCRIPTIONS[type]} ${title}. The profile did not update within ${POLL_TIMEOUT_MS / 1000} s; the feed is shown as it is.`, true);
    return;
  }
  replaceMark('feed-refreshed');
  performance.clearMeasures('event-to-feed');
  const measure = performance.measure('event-to-feed', 'event-sent', 'feed-refreshed');
  showStatus(`${EVENT_DESCRIPTIONS[type]} ${title}. Feed updated ${Math.round(measure.duration)} ms later${describeChanges(changes)}.`);
  rerunSearch(); // search is personalised too
}

/**
 * Polls the feed until its profile version is newer than before the event, and renders it. Resolves
 * to { feed: null } when the time is up, after rendering the feed as it is then. A failed request (a
 * missing or refused token too) rejects and so ends the polling: retrying would only repeat it.
 */
async function pollFeedUntilNewer(versionBefore) {
  const deadline = performance.now() + POLL_TIMEOUT_MS;
  setBusy(ui.feed, true);
  try {
    for (;;) {
      const feed = await fetchLatestFeed();
      // A null answer was overtaken by a newer request; keep polling so the newest one is rendered.
      if (feed && (feed.profileVersion ?? 0) > versionBefore) {
        return { feed, changes: renderFeed(feed) };
      }
      if (performance.now() >= deadline) {
        if (feed) {
          renderFeed(feed);
        }
        return { feed: null };
      }
      await sleep(POLL_INTERVAL_MS);
    }
  } finally {
    setBusy(ui.feed, false);
  }
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Clicks on the buttons of either list: open the item, add it to the cart or purchase it. */
function onListClick(event) {
  const button = event.target.closest('button');
  const li = button?.closest('li.item');
  if (!li) {
    return;
  }
  const itemId = li.dataset.itemId;
  const title = li.querySelector('.open-item').textContent;
  const query = event.currentTarget === ui.results ? state.search?.q : undefined;
  if (button.classList.contains('open-item')) {
    openItem(itemId, title, query);
  } else if (button.classList.contains('add-to-cart')) {
    reportFailure(recordInteraction('add_to_cart', itemId, title, query), `Adding ${title} to the cart failed`);
  } else if (button.classList.contains('purchase')) {
    reportFailure(recordInteraction('purchase', itemId, title, query), `Purchasing ${title} failed`);
  }
}

/** Opening an item is a click: it shows the item's panel and sends the click event. */
function openItem(itemId, title, query) {
  reportFailure(showItemPanel(itemId), `Loading ${title} failed`);
  reportFailure(recordInteraction('click', itemId, title, query), `Recording the click on ${title} failed`);
}

// ---------------------------------------------------------------------------------------------
// Item panel

async function showItemPanel(itemId) {
  const request = ++state.itemRequests;
  const id = encodeURIComponent(itemId);
  const [item, similar] = await Promise.all([
    requestJson(`/v1/items/${id}`),
    requestJson(apiUrl(`/v1/items/${id}/similar`, { k: SIMILAR_SIZE })),
  ]);
  if (request !== state.itemRequests) {
    return;
  }
  ui.itemHeading.textContent = item.title ?? item.itemId;
  ui.itemDescription.textContent = item.description ?? '';
  ui.itemDescription.hidden = !item.description;
  ui.itemFields.replaceChildren(...itemFacts(item).flatMap(([term, value]) =>
    [createElement('dt', '', term), createElement('dd', '', value)]));
  renderSimilar(similar.items ?? []);
  ui.itemPlaceholder.hidden = true;
  ui.itemDetails.hidden = false;
  ui.itemHeading.focus();
}

function itemFacts(item) {
  const facts = [
    ['Item', item.itemId],
    ['Price', formatPrice(item.price)],
    ['Category', formatCategory(item.category)],
    ['Brand', item.brand],
    ['Seller', item.sellerTier ? `${item.sellerId} (${item.sellerTier})` : item.sellerId],
    ['In stock', item.inStock ? 'yes' : 'no'],
    ['Added', formatDate(item.createdAt)],
    ['Tags', (item.tags ?? []).join(', ')],
    ...Object.entries(item.attributes ?? {}),
  ];
  return facts.filter(([, value]) => value);
}

function formatDate(text) {
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
}

function renderSimilar(items) {
  ui.similar.replaceChildren(...items.map(createSimilarItem));
  ui.similarEmpty.hidden = items.length > 0;
}

function createSimilarItem(item) {
  const li = createElement('li', 'similar-item', '');
  li.dataset.itemId = item.itemId;
  const button = createElement('button', 'open-similar link', item.title ?? item.itemId);
  button.type = 'button';
  const similarity = typeof item.score === 'number' ? `${Math.round(item.score * 100)}% similar` : '';
  const facts = [formatPrice(item.price), item.sellerId, similarity].filter(Boolean).join(' · ');
  li.append(button, createElement('span', 'meta', facts));
  return li;
}

function onSimilarClick(event) {
  const button = event.target.closest('button.open-similar');
  if (button) {
    openItem(button.closest('li').dataset.itemId, button.textContent);
  }
}

// ---------------------------------------------------------------------------------------------
// Search

function searchFromForm() {
  return {
    q: ui.query.value.trim(),
    category: ui.category.value,
    priceMin: ui.priceMin.value,
    priceMax: ui.priceMax.value,
  };
}

/**
 * Runs a search for the current shopper and weights. It becomes the search shown, and rerun when they
 * change, only once the service accepted it; resolves to null when a newer search overtook it.
 */
async function runSearch(search) {
  const request = ++state.searchRequests;
  setBusy(ui.results, true);
  try {
    const params = { ...search, user: state.user, k: SEARCH_SIZE, ...weightParams() };
    const result = await requestJson(apiUrl('/v1/search', params));
    if (request !== state.searchRequests) {
      return null;
    }
    state.search = search;
    renderSearch(result);
    return result;
  } finally {
    setBusy(ui.results, false);
  }
}

function renderSearch(result) {
  const items = result.items ?? [];
  renderItems(ui.results, items, new Map());
  renderFairness(ui.resultsFairness, result.fairness);
  rememberCategories(items);
  const personalised = result.personalised ? `personalised for ${result.user}` : 'not personalised';
  ui.resultsMeta.textContent = [
    `${items.length} ${items.length === 1 ? 'result' : 'results'} for “${result.query}”`,
    `${result.textHits ?? 0} text hits, ${result.vectorHits ?? 0} vector hits`,
    personalised,
  ].join(' · ');
  ui.searchOutput.hidden = false;
}

async function submitSearch() {
  const result = await runSearch(searchFromForm());
  if (result) {
    showStatus(`Search done: ${ui.resultsMeta.textContent}.`);
  }
}

function onSearchSubmit(event) {
  event.preventDefault();
  reportFailure(submitSearch(), 'Search failed');
}

function rerunSearch() {
  if (state.search) {
    reportFailure(runSearch(state.search), 'Search failed');
  }
}

function clearSearch() {
  state.search = null;
  state.searchRequests++; // drops an answer still on its way
  ui.searchOutput.hidden = true;
  ui.results.replaceChildren();
  ui.query.focus();
}

/** Offers every category and parent category seen in an answer, as the service filters by prefix. */
function rememberCategories(items) {
  const before = state.categories.size;
  for (const { category } of items) {
    const levels = category ? category.split('>').map((level) => level.trim()) : [];
    levels.forEach((_, depth) => state.categories.add(levels.slice(0, depth + 1).join('>')));
  }
  if (state.categories.size === before) {
    return;
  }
  const selected = ui.category.value;
  const options = [...state.categories].sort().map((category) => new Option(formatCategory(category), category));
  ui.category.replaceChildren(new Option('Any category', ''), ...options);
  ui.category.value = selected;
}

// ---------------------------------------------------------------------------------------------
// Shopper, API token and weights

function shopperFromUrl() {
  const user = new URLSearchParams(location.search).get('user')?.trim();
  return user || DEFAULT_SHOPPER;
}

/** Switches to a shopper: kept in the URL so a reload shows the same one. */
function selectShopper(user) {
  state.user = user;
  state.feedPositions = new Map();
  ui.shopper.value = user;
  ui.feedUser.textContent = user;
  const url = new URL(location.href);
  url.searchParams.set('user', user);
  history.replaceState(null, '', url);
  showStatus(`Loading the feed for ${user}…`);
  reloadLists();
}

function onShopperSubmit(event) {
  event.preventDefault();
  const user = ui.shopper.value.trim();
  if (user) {
    selectShopper(user);
  }
}

/** Keeps the token for this tab and reloads the current shopper's lists with it. */
function onTokenSubmit(event) {
  event.preventDefault();
  const token = ui.apiToken.value.trim();
  if (!token) {
    ui.apiToken.focus();
    return;
  }
  if (!storeToken(token)) {
    showStatus('The token could not be kept: this browser does not allow session storage here.', true);
    return;
  }
  ui.apiToken.value = '';
  ui.tokenForm.hidden = true;
  ui.forgetToken.hidden = false;
  // The focused form is hidden now; the feed about to reload is where the reader goes on.
  ui.feedHeading.focus();
  selectShopper(state.user);
}

function onForgetToken() {
  forgetToken();
  showStatus('The API token was removed from this tab.');
  ui.shopper.focus(); // the button just used is hidden now
}

function showWeight(input) {
  byId(`${input.id}-value`).value = Number(input.value).toFixed(2);
}

/** Reloads the feed, and the search when one is shown, for the current shopper and weights. */
function reloadLists() {
  reportFailure(loadFeed(), 'Loading the feed failed');
  rerunSearch();
}

/** Shows the new value at once, and reloads only once the slider rests, not on every step. */
function onWeightInput(event) {
  if (event.target.type !== 'range') {
    return;
  }
  showWeight(event.target);
  clearTimeout(state.weightTimer);
  state.weightTimer = setTimeout(reloadLists, WEIGHT_DEBOUNCE_MS);
}

function resetWeights() {
  clearTimeout(state.weightTimer);
  for (const input of ui.weightInputs) {
    input.value = input.defaultValue;
    showWeight(input);
  }
  reloadLists();
}

// ---------------------------------------------------------------------------------------------
// Start

ui.shopperForm.addEventListener('submit', onShopperSubmit);
ui.tokenForm.addEventListener('submit', onTokenSubmit);
ui.forgetToken.addEventListener('click', onForgetToken);
ui.weights.addEventListener('input', onWeightInput);
ui.resetWeights.addEventListener('click', resetWeights);
ui.searchForm.addEventListener('submit', onSearchSubmit);
ui.clearSearch.addEventListener('click', clearSearch);
ui.feed.addEventListener('click', onListClick);
ui.results.addEventListener('click', onListClick);
ui.similar.addEventListener('click', onSimilarClick);
ui.weightInputs.forEach(showWeight);
ui.forgetToken.hidden = !readToken();
selectShopper(shopperFromUrl());
