// Operator console: catalog generations, reindex, rollback, fairness over time and service health.
// Values from the service are always written with textContent, never parsed as HTML.

const TOKEN_KEY = 'recsys.console.adminToken';
const JOB_PATH = '/v1/admin/reindex/';
const FILE_FORMATS = new Set(['jsonl', 'instacart', 'movielens']);
const MAX_SAMPLES = 720; // one hour of fairness samples, one every 5 s
const CHART_HEIGHT = 220;
const COLORS = ['#2450b8', '#c2410c', '#15803d', '#be185d', '#6d28d9', '#0e7490', '#4d7c0f'];
const FIELDS = { format: 'reindex-format', source: 'reindex-source', count: 'reindex-count',
  embedder: 'reindex-embedder', maxErrorRatio: 'reindex-max-error-ratio', maxItemsPerSecond: 'reindex-max-rate' };

const byId = (id) => document.getElementById(id);
const isNumber = (value) => typeof value === 'number' && Number.isFinite(value);
const numbers = new Intl.NumberFormat('en');

// ---- token: in sessionStorage only, so that it ends with the tab

let tokenFallback = null; // in memory where sessionStorage is unavailable, never in localStorage

function readToken() {
  try { return sessionStorage.getItem(TOKEN_KEY); } catch { return tokenFallback; }
}

function storeToken(token) {
  try { sessionStorage.setItem(TOKEN_KEY, token); } catch { tokenFallback = token; }
}

function forgetToken() {
  tokenFallback = null;
  try { sessionStorage.removeItem(TOKEN_KEY); } catch { /* nothing was stored */ }
}

// ---- status area: one message; a poll that recovers clears only its own

let statusOwner = null;

function showStatus(text, kind = 'info', owner = null) {
  const area = byId('status');
  if (area.textContent !== text) area.textContent = text;
  area.dataset.kind = kind;
  statusOwner = owner;
}

function clearStatusOf(owner) {
  if (statusOwner === owner) showStatus('');
}

// ---- HTTP

class ApiError extends Error {
  constructor(status, message, field, admin) {
    super(message);
    Object.assign(this, { status, field, admin });
  }
}

/** An answer that arrived after the token changed: it belongs to an earlier sign-in. */
class StaleAnswer extends Error {}

async function request(path, { method = 'GET', body, admin = true, accept = 'application/json' } = {}) {
  const token = readToken();
  const headers = { Accept: accept, ...(admin && { Authorization: `Bearer ${token}` }),
    ...(body && { 'Content-Type': 'application/json' }) };
  let response;
  let text;
  try {
    response = await fetch(path, { method, headers, body: body && JSON.stringify(body), cache: 'no-store' });
    text = await response.text();
  } catch {
    if (admin && readToken() !== token) throw new StaleAnswer();
    throw new ApiError(0, 'the service did not answer (network error)', undefined, admin);
  }
  if (admin && readToken() !== token) throw new StaleAnswer();
  if (!response.ok) {
    const error = parseJson(text);
    const message = typeof error?.message === 'string' ? error.message : `HTTP ${response.status}`;
    throw new ApiError(response.status, message, error?.field, admin);
  }
  return text;
}

async function requestJson(path, options = {}) {
  const value = parseJson(await request(path, options));
  if (value === null || typeof value !== 'object') throw new ApiError(0, 'the answer is not a JSON object');
  return value;
}

function parseJson(text) {
  try { return JSON.parse(text); } catch { return null; }
}

/** Shows why a request failed; a refused token (401/403 from an admin endpoint) signs out. */
function reportFailure(error, what, owner) {
  if (error instanceof StaleAnswer) return;
  if (error.admin && (error.status === 401 || error.status === 403)) {
    signOut(`The admin token was refused (${error.status}: ${error.message}). Enter the token again.`, 'error');
  } else {
    showStatus(`${what}: ${error.message ?? error}`, 'error', owner);
  }
}

// ---- polling: the next run is scheduled only once the previous one ended

function poller(task, everyMs) {
  let timer = null;
  let running = false;
  let active = false;
  let again = false;

  async function run() {
    if (running) { again = true; return; }
    running = true;
    try {
      await task();
    } catch (error) {
      reportFailure(error, 'Unexpected error', null);
    } finally {
      running = false;
      if (active) timer = setTimeout(run, again ? 0 : everyMs);
      again = false;
    }
  }

  return {
    start() {
      if (!active && !running) run();
      active = true;
    },
    stop() {
      active = false;
      clearTimeout(timer);
    },
    /** Runs at once (or right after the run in flight), then on the usual interval. */
    now() {
      if (!active) return;
      clearTimeout(timer);
      run();
    },
  };
}

// ---- formatting and DOM utilities

const formatCount = (value) => (isNumber(value) ? numbers.format(value) : '–');
const formatPercent = (fraction) => (isNumber(fraction) ? `${(fraction * 100).toFixed(1)}%` : '–');
// Swedish dates are ISO-like (2024-05-01 13:02:03): unambiguous whatever the reader's locale.
const formatTime = (time) => new Date(time).toLocaleString('sv-SE');

function formatDuration(seconds) {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
}

function formatLatency(estimate) {
  if (!estimate) return '–';
  const ms = estimate.seconds * 1000;
  const value = ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  return estimate.above ? `> ${value}` : value;
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text != null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

function row(header, ...cells) {
  const tr = element('tr');
  const th = element('th', header);
  th.scope = 'row';
  tr.append(th, ...cells);
  return tr;
}

const numberCell = (text, extra = '') => element('td', text, `num ${extra}`);

function setText(id, text) {
  const node = byId(id);
  if (node.textContent !== String(text)) node.textContent = String(text);
}

function fillTable(id, rows, empty) {
  const table = byId(id);
  if (rows.length > 0) return table.tBodies[0].replaceChildren(...rows);
  const cell = element('td', empty, 'console-empty');
  cell.colSpan = table.tHead.rows[0].cells.length;
  table.tBodies[0].replaceChildren(element('tr'));
  table.tBodies[0].rows[0].append(cell);
}

// ---- generations and rollback

let generationsShown = null; // the table is rebuilt only when this changes
let rollbackTarget = null;
let rollbackInFlight = false;
let embedderChosen = false;

const statusPoller = poller(refreshStatus, 2000);

async function refreshStatus() {
  try {
    const status = await requestJson('/v1/admin/status');
    renderGenerations(status);
    renderRollback(status);
    if (!embedderChosen) byId('reindex-embedder').value = embedderOption(status.live?.embedder);
    followJobOf(status);
    renderDeadLetters(status.deadLetters);
    renderStreamJob(status.streamJob);
    clearStatusOf('status');
    clearStatusOf('auth');
  } catch (error) {
    reportFailure(error, 'Reading the status failed', 'status');
    if (generationsShown === null && readToken()) fillTable('generations-table', [], 'The generations could not be read.');
  }
}

/** One row per generation on disk; the live and previous ones come with their details, the one being built too. */
function generationRows(status) {
  const rows = new Map();
  for (const [role, info] of [['live', status.live], ['previous', status.previous]]) {
    if (isNumber(info?.generation)) rows.set(info.generation, { ...info, role });
  }
  for (const entry of Array.isArray(status.generations) ? status.generations : []) {
    if (isNumber(entry?.generation)) rows.set(entry.generation, { ...rows.get(entry.generation), ...entry });
  }
  // The generation a running reindex builds, with what it has indexed so far; once live it is the live one.
  const job = status.job;
  const built = isNumber(job?.generation) ? rows.get(job.generation) : undefined;
  if (isNumber(job?.generation) && built?.role !== 'live' && built?.role !== 'previous') {
    rows.set(job.generation, { ...built, generation: job.generation, role: 'building', phase: job.phase,
      items: job.indexed, embedder: job.embedder });
  }
  return [...rows.values()].sort((a, b) => b.generation - a.generation);
}

function renderGenerations(status) {
  setText('live-generation', status.live?.generation ?? 'none yet');
  const rows = generationRows(status);
  if (JSON.stringify(rows) === generationsShown) return;
  generationsShown = JSON.stringify(rows);
  fillTable('generations-table', rows.map(generationRow), 'No generation on disk yet.');
}

function generationRow(info) {
  const megabytes = isNumber(info.bytesOnDisk) ? (info.bytesOnDisk / 1e6).toFixed(1) : '–';
  const tr = row(info.generation, numberCell(formatCount(info.items)), numberCell(megabytes),
    element('td', info.embedder ?? '–', 'console-embedder'), element('td', info.created ? formatTime(info.created) : '–'));
  tr.dataset.generation = String(info.generation);
  if (info.role === 'live' || info.role === 'previous' || info.role === 'building') {
    tr.className = `is-${info.role}`;
    const badge = info.role === 'building' && info.phase ? `building: ${info.phase}` : info.role;
    tr.cells[0].append(' ', element('span', badge, `badge console-badge console-badge-${info.role}`));
  }
  return tr;
}

/** What the stream job rejected: the count by field at fault, then the latest with their reasons. */
function renderDeadLetters(letters) {
  if (!letters) return;
  const byField = Object.entries(letters.byField ?? {}).map(([field, count]) => `${field} ${formatCount(count)}`);
  if (letters.unreadable > 0) byField.push(`unreadable ${formatCount(letters.unreadable)}`);
  setText('dead-letters-summary', `${formatCount(letters.total)} in all${byField.length ? ` (${byField.join(', ')})` : ''}`);
  const rows = (letters.latest ?? []).map((letter) => row(formatTime(letter.rejectedAt),
    element('td', letter.field), element('td', letter.reason), element('td', letter.record, 'console-embedder')));
  fillTable('dead-letters-table', rows, 'None: every event the stream job read was accepted.');
}

/** The stream job's own counters, which the service reads from the job's metrics (duplicates only the job sees). */
const STREAM_JOB_COUNTERS = {
  interactionsAccepted: 'Interactions accepted',
  interactionsRejected: 'Interactions rejected (dead-lettered)',
  interactionsUnknownItem: 'Unknown items (dead-lettered)',
  duplicates: 'Duplicates dropped',
  lateEvents: 'Late events (applied)',
  deadLetters: 'Dead letters written',
};

function renderStreamJob(job) {
  if (!job) return;
  if (!job.configured) {
    setText('stream-job-summary', 'not configured');
    return fillTable('stream-job-table', [],
      'The service was started without the job\'s metrics: give it --job-metrics URL to see them here.');
  }
  const sources = Array.isArray(job.sources) ? job.sources : [];
  const down = sources.filter((source) => !source.reachable);
  setText('stream-job-summary', job.readAt === null || job.readAt === undefined ? 'reading…'
    : `read at ${formatTime(job.readAt).slice(11)} from ${sources.length - down.length} of ${sources.length} endpoints`);
  const rows = job.counters ? Object.entries(STREAM_JOB_COUNTERS)
    .map(([name, label]) => row(label, numberCell(formatCount(job.counters[name]))))
    : [];
  if (job.counters) {
    const p99 = job.eventToVectorP99Ms;
    rows.push(row('Event → vector p99 (slowest subtask)',
      numberCell(isNumber(p99) ? formatLatency({ seconds: p99 / 1000, above: false }) : '–')));
  }
  for (const source of down) {
    rows.push(row('Not read', element('td', `${source.url}: ${source.error}`, 'console-bad')));
  }
  fillTable('stream-job-table', rows, 'No reading yet.');
}

function renderRollback(status) {
  const previous = status.previous?.generation ?? null;
  rollbackTarget = previous === null ? null : { previous, live: status.live?.generation ?? null };
  setText('rollback', previous === null ? 'Roll back to previous generation' : `Roll back to generation ${previous}`);
  byId('rollback').disabled = previous === null || Boolean(status.job) || rollbackInFlight; // refused during a reindex
  setText('rollback-hint', previous === null ? 'There is no previous generation to roll back to.'
    : status.job ? 'Rollback is possible once the running reindex ends.' : 'A second rollback rolls forward again.');
}

function openRollbackDialog() {
  if (!rollbackTarget) return;
  const { previous, live } = rollbackTarget;
  setText('confirm-rollback-text',
    `Make generation ${previous} live again?${live === null ? '' : ` Generation ${live} stops serving.`}`);
  const dialog = byId('confirm-rollback');
  dialog.returnValue = ''; // Escape leaves it empty: cancelled
  dialog.showModal();
}

function rollbackDialogClosed() {
  if (byId('confirm-rollback').returnValue === 'confirm') rollBack();
  else byId('rollback').focus();
}

async function rollBack() {
  rollbackInFlight = true;
  byId('rollback').disabled = true;
  showStatus('Rolling back…', 'info', 'rollback');
  try {
    const answer = await requestJson('/v1/admin/rollback', { method: 'POST' });
    showStatus(`Rolled back: generation ${answer.live} is live again, generation ${answer.previous} is previous `
      + `(${formatCount(answer.caughtUp)} catalog-topic records applied before the swap).`, 'success', 'rollback');
  } catch (error) {
    reportFailure(error, 'Rollback failed', 'rollback');
  } finally {
    rollbackInFlight = false;
    statusPoller.now();
  }
}

// ---- reindex form

let jobRunning = false;
let startInFlight = false;

function updateFormatFields() {
  const format = byId('reindex-format').value;
  const visible = { 'reindex-source-field': FILE_FORMATS.has(format), 'reindex-generated-fields': format === 'generated' };
  for (const [id, shown] of Object.entries(visible)) {
    byId(id).hidden = !shown;
    for (const input of byId(id).querySelectorAll('input')) input.disabled = !shown; // neither checked nor sent
  }
}

/** The option for a generation's embedder ("transformer:MODEL (384 dimensions)"); hashed without one. */
function embedderOption(description) {
  const id = String(description ?? '').trim().split(/\s+/)[0].toLowerCase();
  if ([...byId('reindex-embedder').options].some((option) => option.value === id)) return id;
  return id.startsWith('transformer') ? 'transformer' : 'hashed';
}

function reindexRequest() {
  const value = (id) => byId(id).value.trim();
  const body = { format: value('reindex-format'), embedder: value('reindex-embedder') };
  if (FILE_FORMATS.has(body.format)) body.source = value('reindex-source');
  if (body.format === 'generated') body.count = Number(value('reindex-count'));
  for (const name of ['maxErrorRatio', 'maxItemsPerSecond']) {
    if (value(FIELDS[name]) !== '') body[name] = Number(value(FIELDS[name]));
  }
  return body;
}

/** Points at the field the service named in a 400. */
function markInvalidField(field) {
  const control = byId(FIELDS[field] ?? '');
  if (!control) return;
  const limits = control.closest('details');
  if (limits) limits.open = true;
  control.setAttribute('aria-invalid', 'true');
  control.focus();
}

function setJobRunning(running) {
  jobRunning = running;
  byId('start-reindex').disabled = jobRunning || startInFlight;
}

async function startReindex(event) {
  event.preventDefault();
  for (const id of Object.values(FIELDS)) byId(id).removeAttribute('aria-invalid');
  startInFlight = true;
  setJobRunning(jobRunning);
  showStatus('Starting the reindex…', 'info', 'reindex');
  try {
    const started = await requestJson('/v1/admin/reindex', { method: 'POST', body: reindexRequest() });
    showStatus(`Reindex ${started.job} started.`, 'info', 'reindex');
    followJob(jobHref(started));
  } catch (error) {
    const conflict = error.status === 409;
    markInvalidField(error.field);
    reportFailure(error, conflict ? 'A reindex is already running' : 'The reindex did not start', 'reindex');
    if (conflict) statusPoller.now(); // shows the running job
  } finally {
    startInFlight = false;
    setJobRunning(jobRunning);
  }
}

// ---- reindex progress

let followed = null; // {href, poller} of the running job shown
const finishedJobs = new Set(); // so that a late status answer does not follow them again
let errorsShown = null;

/** The job's progress URL, only ever under this service's reindex path. */
function jobHref(job) {
  return String(job.href).startsWith(JOB_PATH) ? job.href : JOB_PATH + encodeURIComponent(job.job);
}

function followJob(href) {
  if (followed?.href === href || finishedJobs.has(href)) return;
  followed?.poller.stop();
  followed = { href, poller: poller(() => pollJob(href), 500) };
  setJobRunning(true);
  followed.poller.start();
}

function stopFollowing(href) {
  finishedJobs.add(href);
  followed?.poller.stop();
  followed = null;
  setJobRunning(false);
}

/** Follows a running job, maybe another operator's; otherwise shows how the last one ended. */
function followJobOf(status) {
  if (status.job?.state === 'running' && !finishedJobs.has(jobHref(status.job))) {
    if (!followed) renderJob(status.job);
    followJob(jobHref(status.job));
  } else if (!followed) {
    if (status.lastJob) renderJob(status.lastJob);
    if (jobRunning) setJobRunning(false);
  }
}

async function pollJob(href) {
  try {
    const job = await requestJson(href);
    if (followed?.href !== href) return;
    renderJob(job);
    if (job.state === 'running') clearStatusOf('job');
    else jobEnded(job, href);
  } catch (error) {
    if (error.status !== 404 || followed?.href !== href) return reportFailure(error, 'Reading the reindex progress failed', 'job');
    stopFollowing(href);
    showStatus('The service no longer knows this reindex job (it may have restarted).', 'error', 'job');
  }
}

function jobEnded(job, href) {
  stopFollowing(href);
  if (job.state === 'succeeded') {
    showStatus(`Reindex ${job.job} succeeded: generation ${job.generation} is live with ${formatCount(job.indexed)} items.`,
      'success', 'reindex');
  } else {
    showStatus(`Reindex ${job.job} failed: ${job.failure ?? 'no reason given'}`, 'error', 'reindex');
  }
  statusPoller.now(); // the live generation changed
}

/** Percent of the current phase, counted as the service counts it for its rate; null when it counts nothing. */
function jobPercent(job) {
  if (job.state === 'succeeded') return 100;
  const count = (...values) => values.reduce((sum, value) => sum + (isNumber(value) ? value : 0), 0);
  const done = { fitting: count(job.read, job.rejected), embedding: count(job.read, job.rejected),
    indexing: count(job.indexed), publishing: count(job.published) }[job.phase];
  if (done === undefined || !(job.total > 0)) return null;
  return Math.min(100, Math.floor((done * 100) / job.total));
}

function renderJob(job) {
  const running = job.state === 'running';
  byId('reindex-job').hidden = false;
  byId('reindex-job').dataset.state = job.state;
  setText('reindex-job-title', running ? 'Running reindex' : 'Last reindex');
  setText('reindex-source-text', [job.source, job.embedder, job.job && `job ${job.job}`].filter(Boolean).join(' · '));
  renderProgress(job);
  setText('reindex-phase', job.phase ?? '–');
  const eta = isNumber(job.etaSeconds) && job.etaSeconds >= 0 ? `about ${formatDuration(job.etaSeconds)} left` : 'unknown';
  setText('reindex-eta', running ? eta : '–');
  setText('reindex-rate', running && job.itemsPerSecond > 0 ? `${formatCount(Math.round(job.itemsPerSecond))} items/s` : '–');
  setText('reindex-generation', isNumber(job.generation) && job.generation >= 0 ? job.generation : '–');
  for (const key of ['read', 'indexed', 'rejected', 'duplicates']) setText(`reindex-${key}`, formatCount(job[key]));
  byId('reindex-failure').hidden = !job.failure;
  setText('reindex-failure', job.failure ? `Failed: ${job.failure}` : '');
  renderRejections(job);
}

function renderProgress(job) {
  const progress = byId('reindex-progress');
  const sameJob = progress.dataset.job === String(job.job);
  progress.dataset.job = String(job.job);
  let percent = jobPercent(job);
  if (job.state === 'failed') {
    // The bar stays where this job stopped; one left by another job, or indeterminate, goes to 0.
    percent = sameJob && progress.hasAttribute('value') ? progress.value : 0;
  }
  if (percent === null) progress.removeAttribute('value'); // indeterminate: this phase counts nothing
  else progress.value = percent;
  setText('reindex-percent', percent === null ? '…' : `${percent}%`);
}

function renderRejections(job) {
  const errors = Array.isArray(job.errors) ? job.errors.filter((error) => error && typeof error === 'object') : [];
  const signature = JSON.stringify([job.job, job.rejected, errors]);
  if (signature === errorsShown) return;
  errorsShown = signature;
  byId('reindex-errors-block').hidden = errors.length === 0;
  setText('reindex-errors-title', job.rejected > errors.length
    ? `Rejected records (first ${errors.length} of ${formatCount(job.rejected)})` : 'Rejected records');
  byId('reindex-errors').replaceChildren(...errors.map((error) => element('li',
    `line ${error.line ?? '?'}: ${error.field ? `${error.field} — ` : ''}${error.reason ?? ''}`)));
}

// ---- fairness over time: the endpoint reports its current window, the page keeps the timeline

const timeline = { times: [], exposure: [], items: [], target: [], sellers: new Map() };
const sellerColors = new Map();
const charts = {};
const fairnessPoller = poller(sampleFairness, 5000);

async function sampleFairness() {
  try {
    const report = await requestJson('/v1/admin/fairness');
    addSample(report);
    renderFairness(report);
    clearStatusOf('fairness');
  } catch (error) {
    reportFailure(error, 'Reading fairness failed', 'fairness');
  }
}

const percentOrNull = (fraction) => (isNumber(fraction) ? fraction * 100 : null);

function addSample(report) {
  const served = report.rankings > 0; // with nothing served the shares are unknown, not 0
  timeline.times.push(Date.now() / 1000);
  timeline.exposure.push(served ? percentOrNull(report.protectedExposureShare) : null);
  timeline.items.push(served ? percentOrNull(report.protectedItemShare) : null);
  timeline.target.push(percentOrNull(report.targetProportion));
  for (const series of timeline.sellers.values()) series.push(null);
  for (const seller of Array.isArray(report.topSellers) ? report.topSellers : []) {
    if (typeof seller?.sellerId !== 'string') continue;
    if (!timeline.sellers.has(seller.sellerId)) {
      timeline.sellers.set(seller.sellerId, new Array(timeline.times.length).fill(null)); // nulls before it appeared
    }
    timeline.sellers.get(seller.sellerId)[timeline.times.length - 1] = percentOrNull(seller.share);
  }
  byId('fairness').dataset.samples = String(timeline.times.length); // how many points the charts hold
  const excess = timeline.times.length - MAX_SAMPLES;
  if (excess <= 0) return;
  for (const series of [timeline.times, timeline.exposure, timeline.items, timeline.target]) series.splice(0, excess);
  for (const [id, series] of timeline.sellers) {
    series.splice(0, excess);
    if (series.every((value) => value === null)) timeline.sellers.delete(id);
  }
}

/** The five most exposed sellers of the latest sample. */
function largestSellers() {
  const last = timeline.times.length - 1;
  return [...timeline.sellers]
    .filter(([, series]) => series[last] !== null)
    .sort((a, b) => b[1][last] - a[1][last])
    .slice(0, 5)
    .map(([id]) => id);
}

/** A color that stays with a seller, unlike one by rank. */
function sellerColor(id) {
  if (!sellerColors.has(id)) sellerColors.set(id, COLORS[sellerColors.size % COLORS.length]);
  return sellerColors.get(id);
}

function renderFairness(report) {
  if (isNumber(report.windowSeconds)) setText('fairness-window-length', formatDuration(report.windowSeconds));
  const below = report.rankings > 0 && report.protectedExposureShare < report.targetProportion;
  const largest = typeof report.largestSeller === 'string'
    ? `${report.largestSeller} (${formatPercent(report.largestSellerShare)})` : 'none';
  byId('fairness-summary').replaceChildren(
    summaryEntry('Protected exposure share', formatPercent(report.protectedExposureShare), below && 'below target'),
    summaryEntry('Protected item share', formatPercent(report.protectedItemShare)),
    summaryEntry('Target proportion', formatPercent(report.targetProportion)),
    summaryEntry('Rankings in window', formatCount(report.rankings)),
    summaryEntry('Protected group', report.protectedGroup ?? '–'),
    summaryEntry('Largest seller', largest),
  );
  drawChart('fairness-chart', [timeline.times, timeline.exposure, timeline.items, timeline.target], [
    { label: 'Protected exposure share', stroke: '#5b3aa8' },
    { label: 'Protected item share', stroke: '#0e7490' },
    { label: 'Target', stroke: '#b3261e', dash: [6, 4] },
  ], 10);
  const sellers = largestSellers();
  renderSellersSummary(sellers);
  drawChart('sellers-chart', [timeline.times, ...sellers.map((id) => timeline.sellers.get(id))],
    sellers.map((id) => ({ label: id, stroke: sellerColor(id) })), 5);
}

function summaryEntry(term, value, warning) {
  const entry = element('div');
  entry.append(element('dt', term), element('dd', value));
  if (warning) entry.lastChild.append(' ', element('span', warning, 'badge console-badge console-badge-warn'));
  return entry;
}

function renderSellersSummary(sellers) {
  const last = timeline.times.length - 1;
  const items = sellers.map((id) => {
    const swatch = element('span', null, 'console-swatch');
    swatch.style.backgroundColor = sellerColor(id);
    const item = element('li');
    item.append(swatch, element('span', id, 'console-seller-id'), `${timeline.sellers.get(id)[last].toFixed(1)}%`);
    return item;
  });
  byId('sellers-summary').replaceChildren(...(items.length > 0 ? items
    : [element('li', 'No seller exposure in the window yet.', 'console-empty')]));
}

// ---- charts (uPlot); without it the text summaries still say everything

const percentValue = (u, value) => (isNumber(value) ? `${value.toFixed(1)}%` : '–');
const chartWidth = (target) => Math.max(240, Math.floor(target.parentElement.getBoundingClientRect().width));

/** Draws the series; a new set of series (other sellers) needs a new chart. */
function drawChart(id, data, series, floor) {
  const target = byId(id);
  if (typeof window.uPlot !== 'function') {
    setText(id, 'Chart unavailable: the chart library did not load. The latest values are listed beside it.');
    return;
  }
  const key = series.map((s) => s.label).join('\n');
  if (charts[id]?.key === key) return charts[id].plot.setData(data);
  charts[id]?.plot.destroy();
  const axis = { stroke: '#5a6375', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#d9dde4' } };
  // From 0 to a little above the largest value shown: at least `floor` percent, at most 100.
  const range = (u, min, max) => [0, Math.min(100, Math.max(floor, Math.ceil(((isNumber(max) ? max : 0) * 1.2) / 5) * 5))];
  const options = {
    width: chartWidth(target),
    height: CHART_HEIGHT,
    series: [{ value: (u, time) => (isNumber(time) ? formatTime(time * 1000).slice(11) : '–') },
      ...series.map((s) => ({ width: 2, value: percentValue, ...s }))],
    scales: { x: { time: true }, y: { range } },
    // Times as hh:mm:ss: the library's default shows milliseconds over windows of seconds.
    axes: [{ ...axis, space: 80, incrs: [1, 5, 10, 15, 30, 60, 120, 300, 600, 900],
      values: (u, ticks) => ticks.map((tick) => formatTime(tick * 1000).slice(11)) },
      { ...axis, size: 52, values: (u, ticks) => ticks.map((tick) => `${tick}%`) }],
    cursor: { drag: { x: false, y: false } },
  };
  charts[id] = { key, plot: new window.uPlot(options, data, target) };
}

function resetFairness() {
  for (const id of Object.keys(charts)) {
    charts[id].plot.destroy();
    delete charts[id];
  }
  Object.assign(timeline, { times: [], exposure: [], items: [], target: [], sellers: new Map() });
  delete byId('fairness').dataset.samples;
  sellerColors.clear();
  for (const id of ['fairness-chart', 'sellers-chart', 'fairness-summary', 'sellers-summary']) byId(id).replaceChildren();
}

// ---- service health from /metrics (Prometheus text format)

const SAMPLE_LINE = /^([A-Za-z_:][A-Za-z0-9_:]*)(?:\{(.*)\})?\s+(\S+)(?:\s+\S+)?$/;
const LABEL_PAIR = /([A-Za-z_]\w*)\s*=\s*"((?:[^"\\]|\\.)*)"/g;
const sampleValue = (text) => ({ '+Inf': Infinity, '-Inf': -Infinity })[text] ?? Number(text);

/** Lines `name{label="value",...} value [timestamp]`; `#` lines are comments. */
function parsePrometheus(text) {
  const samples = [];
  for (const line of text.split('\n')) {
    const match = SAMPLE_LINE.exec(line.trim());
    if (!match || Number.isNaN(sampleValue(match[3]))) continue; // comments do not match
    const labels = {};
    for (const [, name, value] of (match[2] ?? '').matchAll(LABEL_PAIR)) {
      labels[name] = value.replace(/\\(.)/g, (all, c) => (c === 'n' ? '\n' : c));
    }
    samples.push({ name: match[1], labels, value: sampleValue(match[3]) });
  }
  return samples;
}

/** Per endpoint: requests by status class and the cumulative latency buckets. */
function endpointCounters(samples) {
  const endpoints = new Map();
  for (const { name, labels, value } of samples) {
    if (labels.endpoint === undefined) continue;
    if (!endpoints.has(labels.endpoint)) endpoints.set(labels.endpoint, { total: 0, byStatus: {}, buckets: new Map() });
    const endpoint = endpoints.get(labels.endpoint);
    if (name === 'recsys_http_requests_total') {
      endpoint.total += value;
      endpoint.byStatus[labels.status] = (endpoint.byStatus[labels.status] ?? 0) + value;
    } else if (name === 'recsys_http_request_duration_seconds_bucket') {
      endpoint.buckets.set(sampleValue(labels.le), value);
    }
  }
  return endpoints;
}

/** Counts since the previous scrape; since the start at the first one or after a restart. */
function sincePrevious(current, previous) {
  const base = previous && previous.total <= current.total ? previous : { total: 0, byStatus: {}, buckets: new Map() };
  const byStatus = {};
  for (const [status, count] of Object.entries(current.byStatus)) byStatus[status] = count - (base.byStatus[status] ?? 0);
  const buckets = [...current.buckets]
    .map(([le, count]) => ({ le, count: count - (base.buckets.get(le) ?? 0) }))
    .sort((a, b) => a.le - b.le);
  return { requests: current.total - base.total, byStatus, buckets };
}

/** As PromQL's histogram_quantile: linear within the bucket the rank falls in. */
function estimateQuantile(q, buckets) {
  const rank = q * (buckets.at(-1)?.count ?? 0);
  let lower = 0;
  let below = 0;
  for (const { le, count } of buckets) {
    if (rank > 0 && count >= rank) {
      if (le === Infinity) return { seconds: lower, above: true }; // beyond the largest bound
      return { seconds: lower + ((le - lower) * (rank - below)) / (count - below), above: false };
    }
    lower = le;
    below = count;
  }
  return null;
}

let previousScrape = null;
const metricsPoller = poller(sampleMetrics, 5000);

async function sampleMetrics() {
  try {
    const samples = parsePrometheus(await request('/metrics', { admin: false, accept: 'text/plain; version=0.0.4' }));
    const scrape = { at: Date.now() / 1000, samples, endpoints: endpointCounters(samples) };
    const seconds = previousScrape ? scrape.at - previousScrape.at : 0;
    renderEndpoints(scrape, seconds);
    renderIngest(scrape);
    previousScrape = scrape;
    clearStatusOf('metrics');
  } catch (error) {
    reportFailure(error, 'Reading /metrics failed', 'metrics');
    if (!previousScrape) for (const id of ['endpoint-table', 'ingest-table']) fillTable(id, [], 'The metrics could not be read.');
  }
}

function renderEndpoints(scrape, seconds) {
  const rows = [...scrape.endpoints].map(([endpoint, counters]) => (
    { endpoint, total: counters.total, recent: sincePrevious(counters, previousScrape?.endpoints.get(endpoint)) }));
  rows.sort((a, b) => b.recent.requests - a.recent.requests || a.endpoint.localeCompare(b.endpoint));
  fillTable('endpoint-table', rows.map(({ endpoint, total, recent }) => {
    const share = (status) => (recent.requests > 0 ? formatPercent((recent.byStatus[status] ?? 0) / recent.requests) : '–');
    const tr = row(null,
      numberCell(seconds > 0 ? (recent.requests / seconds).toFixed(2) : '–'),
      numberCell(share('4xx')),
      numberCell(share('5xx'), recent.byStatus['5xx'] > 0 ? 'console-bad' : ''),
      numberCell(formatLatency(estimateQuantile(0.5, recent.buckets))),
      numberCell(formatLatency(estimateQuantile(0.99, recent.buckets))),
      numberCell(formatCount(total)));
    tr.cells[0].append(element('code', endpoint));
    return tr;
  }), 'No request recorded yet.');
}

/** What /metrics tells about ingestion and state: event requests by status class, then the service's own. */
const INGEST_METRICS = {
  recsys_user_vectors_applied_total: 'User vectors applied',
  recsys_user_vectors_ignored_total: 'User vectors ignored (older)',
  recsys_user_vectors_erased_total: 'User vectors refused (erased)',
  recsys_erasures_total: 'Erasures applied',
  recsys_shoppers: 'Shoppers held',
  recsys_catalog_items: 'Catalog items (live)',
  recsys_catalog_generation: 'Live generation',
  recsys_exposure_rankings: 'Rankings in exposure window',
};

/** The cumulative buckets of a histogram without labels other than `le`, as `sincePrevious` takes them. */
function histogram(samples, name) {
  const buckets = new Map();
  let total = 0;
  for (const sample of samples) {
    if (sample.name !== `${name}_bucket`) continue;
    const le = sampleValue(sample.labels.le);
    buckets.set(le, sample.value);
    if (le === Infinity) total = sample.value;
  }
  return { total, byStatus: {}, buckets };
}

function renderIngest(scrape) {
  const events = scrape.endpoints.get('/v1/events')?.byStatus ?? {};
  const rows = [['2xx', 'accepted'], ['4xx', 'rejected'], ['5xx', 'failed']]
    .map(([status, what]) => row(`Event requests ${what} (${status})`, numberCell(formatCount(events[status] ?? 0))));
  // Event to profile: from each shopper's event to the profile built on it applied here, since the last read.
  scrape.freshness = histogram(scrape.samples, 'recsys_event_to_profile_seconds');
  const fresh = sincePrevious(scrape.freshness, previousScrape?.freshness);
  for (const [q, label] of [[0.5, 'p50'], [0.99, 'p99']]) {
    rows.push(row(`Event → profile ${label}`, numberCell(fresh.requests > 0 ? formatLatency(estimateQuantile(q, fresh.buckets)) : '–')));
  }
  for (const [name, label] of Object.entries(INGEST_METRICS)) {
    rows.push(row(label, numberCell(formatCount(scrape.samples.find((sample) => sample.name === name)?.value))));
  }
  fillTable('ingest-table', rows);
}

// ---- signing in and out

function showSignedIn(signedIn) {
  byId('sign-in').hidden = signedIn;
  byId('admin').hidden = !signedIn;
  byId('account').hidden = !signedIn;
}

function signIn(event) {
  event.preventDefault();
  const token = byId('token').value.trim();
  if (token === '') return byId('token').focus();
  storeToken(token);
  byId('token').value = '';
  showStatus('Signed in; reading the service status…', 'info', 'auth');
  showSignedIn(true);
  statusPoller.start();
  fairnessPoller.start();
  byId('generations-title').focus();
}

function signOut(message, kind = 'info') {
  forgetToken();
  statusPoller.stop();
  fairnessPoller.stop();
  followed?.poller.stop();
  followed = null;
  if (byId('confirm-rollback').open) byId('confirm-rollback').close('cancel');
  rollbackTarget = generationsShown = errorsShown = null;
  embedderChosen = startInFlight = false;
  finishedJobs.clear();
  setJobRunning(false);
  byId('generations-table').tBodies[0].replaceChildren();
  byId('reindex-job').hidden = true;
  resetFairness();
  showSignedIn(false);
  showStatus(message, kind, 'auth');
  byId('token').focus();
}

// ---- start

function watchChartWidths() {
  let pending = false;
  const resize = () => {
    pending = false;
    for (const [id, chart] of Object.entries(charts)) chart.plot.setSize({ width: chartWidth(byId(id)), height: CHART_HEIGHT });
  };
  const observer = new ResizeObserver(() => {
    if (!pending) requestAnimationFrame(resize);
    pending = true;
  });
  for (const id of ['fairness-chart', 'sellers-chart']) observer.observe(byId(id).parentElement);
}

function wireEvents() {
  const dialog = byId('confirm-rollback');
  byId('token-form').addEventListener('submit', signIn);
  byId('sign-out').addEventListener('click', () => signOut('Signed out. The token was removed from this tab.'));
  byId('reindex-form').addEventListener('submit', startReindex);
  byId('reindex-form').addEventListener('input', (event) => event.target.removeAttribute('aria-invalid'));
  byId('reindex-format').addEventListener('change', updateFormatFields);
  byId('reindex-embedder').addEventListener('change', () => { embedderChosen = true; });
  byId('rollback').addEventListener('click', openRollbackDialog);
  byId('confirm-rollback-yes').addEventListener('click', () => dialog.close('confirm'));
  byId('confirm-rollback-no').addEventListener('click', () => dialog.close('cancel'));
  dialog.addEventListener('close', rollbackDialogClosed);
}

wireEvents();
updateFormatFields();
watchChartWidths();
metricsPoller.start();
if (readToken()) {
  showSignedIn(true);
  statusPoller.start();
  fairnessPoller.start();
}
