// The instructor dashboard: live alert feed, filters, acknowledgements, stats and the learner view.

import {
    ApiError, adoptTokenFromUrl, api, clearToken, encode, getToken, setToken,
} from './api.js';
import { $, h } from './dom.js';
import {
    REASONS, SEVERITIES, TYPES, formatTime, percent, reasonLabel, severityLabel, typeLabel,
} from './format.js';
import { AlertStream } from './live.js';
import { LearnerView } from './learner.js';
import { cohortTrend } from './trend.js';
import { ActivityPanel } from './activity.js';
import { PreferencesPanel } from './preferences.js';
import { SettingsPanel } from './settings.js';
import { SilencesPanel } from './silences.js';
import { RiskBands, bandChip, bandCounts } from './risk.js';

const HISTORY_LIMIT = 200; // alerts fetched per filter change
const SHOWN_LIMIT = 300; // cards in the feed at most, unless the reader asks for older ones
const KEPT_LIMIT = 5000; // alerts kept in memory at most (the oldest by event time go first)

const state = {
    alerts: new Map(), // alertId -> alert
    trails: new Map(), // alertId -> acknowledgements, once known
    cohorts: new Set(),
    filters: { cohortId: '', type: '', severity: '', status: '' },
    historyLoaded: false,
    olderCursor: null, // where the next page of older alerts (for the current filters) starts
    shownLimit: SHOWN_LIMIT,
};
const cards = new Map(); // alertId -> {el, key}
const bands = new RiskBands(); // the learners' risk bands, from the cohorts' summaries
const fresh = new Set(); // alerts that arrived live, highlighted once
let stream = null;
let learner = null;
let renderQueued = false;
let statsTimer = null;
let countdown = null;
let refusals = 0; // handshakes refused in a row while the REST API answers
let unseen = 0; // alerts that arrived while the tab was in the background
let historyLoads = 0; // history queries on their way (the feed is aria-busy meanwhile)
const TITLE = document.title;

// ---- start -------------------------------------------------------------------------------------

adoptTokenFromUrl();
learner = new LearnerView({ panel: $('#learner') });
const activity = new ActivityPanel($('#activity-now'));
const cohortSettings = new SettingsPanel($('#cohort-settings'), 'cohort');
const learnerSettings = new SettingsPanel($('#learner-settings'), 'learner');
const silences = new SilencesPanel($('#silences'), { onChange: refreshStats });
// a live connection takes the preferences in force at its handshake: a new one after each save
const preferences = new PreferencesPanel($('#preferences'), { onSaved: () => stream?.connect() });
$('#learner').addEventListener('learner:show', (event) => learnerSettings.show(event.detail.userId));
setUpFilters();
$('#feed-older').addEventListener('click', async (event) => {
    const matching = [...state.alerts.values()].filter(matches).length;
    if (matching > state.shownLimit) {
        state.shownLimit += HISTORY_LIMIT; // already loaded, only not shown
        queueRender();
        return;
    }
    event.target.disabled = true;
    try {
        await loadOlder();
    } catch (e) {
        showBanner(`Could not load older alerts: ${e.message}`);
    } finally {
        event.target.disabled = false;
    }
});
$('#signin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = new FormData(event.target).get('token').trim();
    if (token) {
        setToken(token);
        event.target.reset();
        start();
    }
});
$('#sign-out').addEventListener('click', () => signOut(null));
document.addEventListener('visibilitychange', () => {
    if (!document.hidden) {
        unseen = 0;
        document.title = TITLE;
    }
});
document.addEventListener('keydown', (event) => {
    if (event.key === 'Escape' && learner.isOpen) {
        learner.close();
    }
});
start();

async function start() {
    if (!getToken()) {
        signOut(null);
        return;
    }
    $('#signin').hidden = true;
    $('#app').hidden = false;
    $('#sign-out').hidden = false;
    showBanner(null);
    setConnection({ name: 'connecting' });
    let newest = null;
    try {
        await applyPreferences();
        newest = await loadHistory();
    } catch (e) {
        if (e instanceof ApiError && e.status === 401) {
            signOut('The access token was refused. Paste a valid one.');
            return;
        }
        showBanner(`Could not load the alert history: ${e.message}. Retrying through the live connection.`);
    }
    refreshStats();
    silences.refresh(state.cohorts);
    const linked = LearnerView.linked();
    if (linked && !learner.isOpen) {
        learner.show(linked);
    }
    stream = new AlertStream({
        since: newest,
        onAlert: alertArrived,
        onState: setConnection,
        onOpen: connected,
        onRefused: diagnose,
    });
    stream.start();
}

function signOut(message) {
    stream?.stop();
    stream = null;
    clearToken();
    learner.hide();
    state.alerts.clear();
    state.trails.clear();
    state.cohorts.clear();
    state.historyLoaded = false;
    updateCohortOptions();
    renderStats(null);
    cards.clear();
    $('#feed').replaceChildren();
    $('#app').hidden = true;
    $('#sign-out').hidden = true;
    $('#signin').hidden = false;
    $('#signin-error').hidden = !message;
    $('#signin-error').textContent = message ?? '';
    setConnection({ name: 'stopped' });
}

// ---- live connection -----------------------------------------------------------------------------

function setConnection(connection) {
    const el = $('#connection');
    clearInterval(countdown);
    el.dataset.state = connection.name;
    const text = el.querySelector('.connection-text');
    if (connection.name === 'live') {
        text.textContent = 'Live';
        el.title = 'New alerts appear as soon as they are raised';
    } else if (connection.name === 'connecting') {
        text.textContent = 'Connecting…';
        el.title = '';
    } else if (connection.name === 'reconnecting') {
        const tick = () => {
            const seconds = Math.max(0, Math.ceil((connection.retryAt - Date.now()) / 1000));
            text.textContent = seconds > 0 ? `Reconnecting in ${seconds} s` : 'Reconnecting…';
        };
        tick();
        countdown = setInterval(tick, 500);
        el.title = 'The connection to the gateway was lost; alerts raised meanwhile will appear once it is back';
    } else {
        text.textContent = 'Signed out';
        el.title = '';
    }
}

/** After each (re)connection: a resumed one got the missed alerts by `since`; otherwise reload. */
function connected({ resumed }) {
    refusals = 0;
    showBanner(null);
    if (!resumed) {
        // no resume point: the history query closes the gap between it and this connection
        loadHistory().catch((e) => showBanner(`Could not load the alert history: ${e.message}`));
    }
    refreshStats();
    if (learner.isOpen) {
        learner.reload();
    }
}

/** Why did a WebSocket handshake fail? The REST API tells (a browser's WebSocket does not). */
async function diagnose({ since }) {
    try {
        if (since) {
            await api(`/api/alerts/${encode(since)}`);
        } else {
            await api('/api/alerts', { params: { limit: 1 } });
        }
        refusals += 1;
        if (refusals >= 3) {
            // the REST API answers but WebSockets do not get through: a proxy or ws.allowed.origins
            showBanner('Live updates are refused although the gateway answers: a proxy may not pass WebSockets, '
                + 'or this address is not among the gateway\'s allowed origins. Retrying.');
        }
        return 'retry';
    } catch (e) {
        if (e.status === 401) {
            signOut('The access token was refused. Paste a valid one.');
            return 'stop';
        }
        if (e.status === 403) {
            showBanner(`The gateway refuses this dashboard: ${e.message}`);
            return 'retry';
        }
        if (e.status === 404 && since) {
            return 'forget-since';
        }
        return 'retry';
    }
}

function alertArrived(alert) {
    const isNew = !state.alerts.has(alert.alertId);
    remember(alert);
    if (isNew && state.historyLoaded) {
        fresh.add(alert.alertId);
        if (document.hidden && matches(alert)) {
            unseen += 1;
            document.title = `(${unseen}) ${TITLE}`; // the tab shows how many arrived meanwhile
        }
    }
    learner.alertArrived(alert);
    queueRender();
    refreshStatsSoon();
}

// ---- data ------------------------------------------------------------------------------------------

function remember(alert) {
    const known = state.alerts.get(alert.alertId);
    if (known && known.status === 'ACKNOWLEDGED' && alert.status !== 'ACKNOWLEDGED') {
        alert = { ...alert, status: known.status }; // an acknowledgement is never undone
    }
    state.alerts.set(alert.alertId, alert);
    if (alert.cohortId && !state.cohorts.has(alert.cohortId)) {
        state.cohorts.add(alert.cohortId);
        updateCohortOptions();
    }
    if (state.alerts.size > KEPT_LIMIT + 500) {
        const oldest = [...state.alerts.values()].sort(byNewest).slice(KEPT_LIMIT);
        oldest.forEach((a) => {
            state.alerts.delete(a.alertId);
            state.trails.delete(a.alertId);
        });
    }
}

/**
 * Loads the newest alerts matching the filters and answers the id of the newest one overall, from
 * which the live connection resumes (or null when there is none).
 */
async function loadHistory() {
    const filters = { ...state.filters };
    const feed = $('#feed');
    historyLoads += 1;
    feed.setAttribute('aria-busy', 'true');
    try {
        const page = await api('/api/alerts', { params: { ...filters, limit: HISTORY_LIMIT } });
        // by alertId into what is known: the answer may be older than alerts pushed live meanwhile, and it adds
        // to them, never takes them away
        (page.items ?? []).forEach(remember);
        state.historyLoaded = true;
        if (sameFilters(filters)) {
            state.olderCursor = page.nextCursor ?? null;
        }
        queueRender();
        return page.items?.[0]?.alertId ?? null;
    } finally {
        historyLoads -= 1;
        if (historyLoads === 0) {
            feed.removeAttribute('aria-busy');
        }
    }
}

/** The next page of older alerts matching the filters, added below the ones shown. */
async function loadOlder() {
    const filters = { ...state.filters };
    const page = await api('/api/alerts', {
        params: { ...filters, limit: HISTORY_LIMIT, cursor: state.olderCursor },
    });
    if (!sameFilters(filters)) {
        return;
    }
    (page.items ?? []).forEach(remember);
    state.olderCursor = page.nextCursor ?? null;
    state.shownLimit += page.items?.length ?? 0;
    queueRender();
}

const sameFilters = (filters) => Object.entries(filters).every(([name, value]) => state.filters[name] === value);

async function refreshStats() {
    clearTimeout(statsTimer);
    statsTimer = null;
    const cohortId = state.filters.cohortId;
    activity.show(cohortId || null);
    cohortSettings.show(cohortId || null);
    refreshRisk(cohortId);
    try {
        const stats = await api('/api/alerts/stats', { params: { cohortId } });
        if (cohortId === state.filters.cohortId) {
            renderStats(stats);
        }
        await refreshCohortTrend(cohortId);
    } catch (e) {
        if (e.status === 403) {
            renderStats(null, 'Choose one of your cohorts above to see its overview.');
        } else {
            renderStats(null, `Overview unavailable: ${e.message}`);
        }
    }
}

/** The learners' bands (on cards and in the list of whom to look at first) and the learners per band. */
async function refreshRisk(cohortId) {
    const shown = new Set([...state.alerts.values()].filter(matches).map((a) => a.userId));
    await bands.refresh(cohortId ? [cohortId] : state.cohorts, shown);
    if (cohortId === state.filters.cohortId) {
        const counts = bands.bands(cohortId);
        $('#cohort-risk').replaceChildren(...(counts ? [bandCounts(counts, cohortId)] : []));
        $('#cohort-risk').hidden = !counts;
        queueRender();
    }
}

/** The chosen cohort's trends (their spread over its learners); none without a cohort. */
async function refreshCohortTrend(cohortId) {
    const panel = $('#cohort-trend');
    let trend = null;
    try {
        trend = cohortId ? await api(`/api/cohorts/${encode(cohortId)}/trend`) : null;
    } catch (e) {
        // the overview stands without it
    }
    if (cohortId === state.filters.cohortId) {
        panel.replaceChildren(...(trend ? [cohortTrend(trend)] : []));
        panel.hidden = trend === null;
    }
}

function refreshStatsSoon() {
    if (statsTimer === null) {
        statsTimer = setTimeout(refreshStats, 1000);
    }
}

// ---- filters ---------------------------------------------------------------------------------------

function setUpFilters() {
    const form = $('#filters');
    const options = (select, labels) => Object.entries(labels)
        .forEach(([value, label]) => select.append(h('option', { value }, label)));
    options(form.elements.type, TYPES);
    options(form.elements.severity, SEVERITIES);
    form.addEventListener('change', () => {
        const cohortChanged = form.elements.cohortId.value !== state.filters.cohortId;
        for (const name of Object.keys(state.filters)) {
            state.filters[name] = form.elements[name].value;
        }
        state.olderCursor = null;
        state.shownLimit = SHOWN_LIMIT;
        queueRender();
        loadHistory().catch((e) => showBanner(`Could not load the alert history: ${e.message}`));
        if (cohortChanged) {
            refreshStats();
        }
    });
}

/**
 * The filters start from the caller's preferences (GET /api/me/preferences), as far as one type and one
 * severity can say them: a single preferred type, and HIGH when only HIGH alerts are pushed.
 */
async function applyPreferences() {
    const mine = await preferences.refresh();
    const form = $('#filters');
    if (mine?.types?.length === 1) {
        state.filters.type = form.elements.type.value = mine.types[0];
    }
    if (mine?.minSeverity === 'HIGH') {
        state.filters.severity = form.elements.severity.value = 'HIGH';
    }
}

function setFilter(name, value) {
    const form = $('#filters');
    form.elements[name].value = value;
    form.dispatchEvent(new Event('change'));
}

function updateCohortOptions() {
    const select = $('#filters').elements.cohortId;
    const chosen = select.value;
    select.replaceChildren(h('option', { value: '' }, 'All cohorts'),
        ...[...state.cohorts].sort().map((c) => h('option', { value: c }, c)));
    select.value = chosen;
}

function matches(alert) {
    const f = state.filters;
    return (!f.cohortId || alert.cohortId === f.cohortId)
        && (!f.type || alert.type === f.type)
        && (!f.severity || alert.severity === f.severity)
        && (!f.status || alert.status === f.status);
}

// ---- feed ------------------------------------------------------------------------------------------

/** Newest event time first (as instants: "…:25Z" and "…:25.448Z" are not in text order), then alertId. */
function byNewest(a, b) {
    return (Date.parse(b.eventTime) - Date.parse(a.eventTime)) || b.alertId.localeCompare(a.alertId);
}

function queueRender() {
    if (!renderQueued) {
        renderQueued = true;
        requestAnimationFrame(() => {
            renderQueued = false;
            renderFeed();
        });
    }
}

function renderFeed() {
    const matching = [...state.alerts.values()].filter(matches).sort(byNewest);
    const shown = matching.slice(0, state.shownLimit);
    const list = $('#feed');
    const wanted = new Set();
    shown.forEach((alert, index) => {
        const el = card(alert);
        wanted.add(el);
        const current = list.children[index];
        if (current !== el) {
            list.insertBefore(el, current ?? null);
        }
    });
    [...list.children].filter((el) => !wanted.has(el)).forEach((el) => el.remove());
    for (const id of cards.keys()) {
        if (!state.alerts.has(id)) {
            cards.delete(id);
        }
    }
    fresh.clear();
    renderAttention();
    $('#feed-empty').hidden = shown.length > 0 || !state.historyLoaded;
    $('#feed-older').hidden = !state.olderCursor && matching.length <= shown.length;
    $('#feed-count').textContent = matching.length > shown.length
        ? `newest ${shown.length} of ${matching.length}`
        : `${matching.length} shown · newest first`;
}

/** The card of an alert: kept while the alert is unchanged (so an open form survives re-renders). */
function card(alert) {
    const trail = state.trails.get(alert.alertId);
    const band = bands.of(alert.userId);
    const key = `${alert.status}|${trail?.length ?? -1}|${band?.band}:${band?.risk}`;
    const known = cards.get(alert.alertId);
    if (known && known.key === key) {
        return known.el;
    }
    const el = known?.el ?? h('li', { class: 'card' });
    el.dataset.alertId = alert.alertId;
    el.dataset.severity = alert.severity;
    el.dataset.status = alert.status;
    // an alert without a deadline has a null part, which replaceChildren would show as the text "null"
    el.replaceChildren(...cardContent(alert, trail).filter(Boolean));
    if (fresh.has(alert.alertId)) {
        el.classList.remove('is-new');
        void el.offsetWidth; // restart the highlight animation
        el.classList.add('is-new');
    }
    cards.set(alert.alertId, { el, key });
    return el;
}

function cardContent(alert, trail) {
    const acknowledged = alert.status === 'ACKNOWLEDGED';
    return [
        h('div', { class: 'card-top' },
            h('span', { class: 'severity', dataset: { severity: alert.severity } }, severityLabel(alert.severity)),
            h('span', { class: 'card-type' }, typeLabel(alert.type)),
            h('time', { class: 'card-time', datetime: alert.eventTime, title: `event time ${alert.eventTime}` },
                formatTime(alert.eventTime))),
        h('div', { class: 'card-who' },
            h('button', {
                class: 'learner-link', type: 'button', dataset: { userId: alert.userId },
                title: `Open ${alert.userId}'s figures`, onclick: () => learner.open(alert.userId),
            }, alert.userId),
            bandChip(bands.of(alert.userId)),
            alert.cohortId ? h('span', { class: 'chip' }, alert.cohortId) : null,
            alert.courseId ? h('span', { class: 'chip chip-quiet' }, alert.courseId) : null),
        h('p', { class: 'card-message' }, alert.message),
        deadline(alert),
        h('div', { class: 'card-bottom' },
            alert.recommendation
                ? h('p', { class: 'card-recommendation' }, h('span', { class: 'label' }, 'Suggested: '),
                    alert.recommendation)
                : null,
            acknowledged ? ackSummary(alert, trail) : ackButton(alert)),
    ];
}

/** The calendar item a missed deadline is about: its title and due time, from the alert's metrics. */
function deadline(alert) {
    const item = alert.metrics ?? {};
    if (alert.type !== 'MISSED_DEADLINE' || !item.dueAt) {
        return null;
    }
    return h('p', { class: 'card-deadline' },
        h('span', { class: 'deadline-title' }, item.title ?? item.assessmentId ?? 'Item'),
        ' · due ',
        h('time', { class: 'deadline-due', datetime: item.dueAt, title: `due ${item.dueAt}` }, formatTime(item.dueAt)),
        item.missedInCourse > 1 ? h('span', { class: 'chip chip-warn' }, `${item.missedInCourse} missed in this course`) : null);
}

function ackSummary(alert, trail) {
    const box = h('div', { class: 'ack-summary' });
    if (!trail) {
        box.append(h('span', { class: 'ack-chip' }, 'Acknowledged'),
            h('button', { class: 'link-button', type: 'button', onclick: () => loadTrail(alert.alertId) },
                'who and why?'));
        return box;
    }
    box.append(h('span', { class: 'ack-chip' }, 'Acknowledged'));
    const list = h('ul', { class: 'ack-trail' }, trail.map((ack) => h('li', {},
        h('strong', {}, ack.by), ` · ${formatTime(ack.at)}`,
        ack.reason ? h('span', { class: 'reason', dataset: { reason: ack.reason } }, reasonLabel(ack.reason)) : null,
        ack.note ? h('q', { class: 'ack-note' }, ack.note) : null)));
    box.append(list);
    return box;
}

async function loadTrail(alertId) {
    try {
        const detail = await api(`/api/alerts/${encode(alertId)}`);
        state.trails.set(alertId, detail.acknowledgements ?? []);
        queueRender();
    } catch (e) {
        showBanner(`Could not load the acknowledgements: ${e.message}`);
    }
}

function ackButton(alert) {
    const actions = h('div', { class: 'card-actions' });
    showAckButton(alert, actions);
    return actions;
}

function showAckButton(alert, actions) {
    actions.replaceChildren(h('button', {
        class: 'button', type: 'button', 'data-action': 'ack',
        onclick: () => actions.replaceChildren(ackForm(alert, actions)),
    }, 'Acknowledge…'));
}

function ackForm(alert, actions) {
    const name = `reason-${alert.alertId}`;
    const error = h('p', { class: 'error-text', hidden: true });
    const form = h('form', { class: 'ack-form' },
        h('fieldset', { class: 'reasons' },
            h('legend', {}, 'Was this alert useful?'),
            Object.entries(REASONS).map(([value, label]) => h('label', { class: 'reason-choice' },
                h('input', { type: 'radio', name, value }), label))),
        h('label', { class: 'note' }, 'Note (what you did, for your colleagues)',
            h('textarea', { name: 'note', rows: 2, maxlength: 2000, placeholder: 'e.g. Talked to her after class' })),
        error,
        h('div', { class: 'form-buttons' },
            h('button', { class: 'button primary', type: 'submit' }, 'Acknowledge'),
            h('button', {
                class: 'link-button', type: 'button',
                onclick: () => showAckButton(alert, actions),
            }, 'Cancel')));
    form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const data = new FormData(form);
        const body = { note: data.get('note').trim() || null, reason: data.get(name) || null };
        form.querySelectorAll('button, input, textarea').forEach((el) => { el.disabled = true; });
        try {
            const detail = await api(`/api/alerts/${encode(alert.alertId)}/ack`, { method: 'POST', body });
            const { acknowledgements, ...updated } = detail;
            state.trails.set(alert.alertId, acknowledgements ?? []);
            remember(updated);
            learner.alertArrived(updated);
            queueRender();
            refreshStats();
        } catch (e) {
            form.querySelectorAll('button, input, textarea').forEach((el) => { el.disabled = false; });
            error.hidden = false;
            error.textContent = e.status === 403
                ? 'You cannot acknowledge this alert.'
                : `Not acknowledged: ${e.message}`;
        }
    });
    queueMicrotask(() => form.querySelector('input')?.focus());
    return form;
}

// ---- who needs attention first ---------------------------------------------------------------------

const WEIGHTS = { HIGH: 100, MEDIUM: 10, LOW: 1 };

/**
 * The learners most at risk, then with the most serious open concerns, from the cohorts' summaries; without
 * one (a learner's page), those with the most serious open alerts (good news, HIGH_PERFORMANCE, left out).
 */
function renderAttention() {
    const ranked = bands.lookFirst(state.filters.cohortId, 6)?.map((l) => ({ userId: l.userId, ...l.openConcerns }));
    const learners = new Map();
    for (const alert of ranked ? [] : state.alerts.values()) {
        if (alert.status !== 'OPEN' || alert.type === 'HIGH_PERFORMANCE'
                || (state.filters.cohortId && alert.cohortId !== state.filters.cohortId)) {
            continue;
        }
        const entry = learners.get(alert.userId) ?? { userId: alert.userId, weight: 0, HIGH: 0, MEDIUM: 0, LOW: 0 };
        entry.weight += WEIGHTS[alert.severity] ?? 0;
        entry[alert.severity] = (entry[alert.severity] ?? 0) + 1;
        learners.set(alert.userId, entry);
    }
    const top = ranked ?? [...learners.values()]
        .sort((a, b) => b.weight - a.weight || a.userId.localeCompare(b.userId))
        .slice(0, 6);
    const box = $('#attention');
    if (top.length === 0) {
        box.replaceChildren(h('p', { class: 'muted attention-none' }, 'No learner has an open concern. '));
        return;
    }
    box.replaceChildren(
        h('h3', {}, 'Learners to look at first'),
        h('ol', { class: 'attention-list' }, top.map((entry) => h('li', {},
            h('button', {
                type: 'button', class: 'attention-learner', dataset: { userId: entry.userId },
                title: `Open ${entry.userId}'s figures`, onclick: () => learner.open(entry.userId),
            },
            h('span', { class: 'attention-name' }, entry.userId),
            bandChip(bands.of(entry.userId)),
            ['HIGH', 'MEDIUM', 'LOW'].filter((s) => entry[s] > 0).map((s) => h('span', {
                class: 'attention-count', dataset: { severity: s },
            }, `${entry[s]} ${severityLabel(s).toLowerCase()}`)))))));
}

// ---- stats -----------------------------------------------------------------------------------------

function renderStats(stats, note) {
    const tiles = $('#stats-tiles');
    const types = $('#stats-types');
    $('#stats-note').textContent = note ?? '';
    if (!stats) {
        tiles.replaceChildren();
        types.replaceChildren();
        return;
    }
    const count = (group, key) => stats[group]?.[key] ?? 0;
    const feedback = Object.values(stats.feedbackByType ?? {});
    const acks = feedback.reduce((sum, f) => sum + f.acknowledgements, 0);
    const useful = feedback.reduce((sum, f) => sum + f.useful, 0);
    const severityTile = (severity) => h('button', {
        type: 'button', class: 'tile tile-severity', dataset: { severity },
        'aria-pressed': state.filters.severity === severity ? 'true' : 'false',
        title: `Show only ${severityLabel(severity).toLowerCase()} severity alerts`,
        onclick: () => setFilter('severity', state.filters.severity === severity ? '' : severity),
    }, tileLabel(`${severityLabel(severity)} severity`, severityLabel(severity)),
    h('strong', { class: 'tile-value' }, String(count('bySeverity', severity))));
    tiles.replaceChildren(
        h('div', { class: 'tile tile-open', 'data-stat': 'open' },
            tileLabel('Open alerts', 'Open'),
            h('strong', { class: 'tile-value' }, String(count('byStatus', 'OPEN'))),
            h('span', { class: 'tile-note' }, `of ${stats.total} ${stats.cohortId ? `in ${stats.cohortId}` : 'in all'}`)),
        severityTile('HIGH'),
        severityTile('MEDIUM'),
        severityTile('LOW'),
        h('div', { class: 'tile', 'data-stat': 'acknowledged' },
            tileLabel('Acknowledged', 'Done'),
            h('strong', { class: 'tile-value' }, String(count('byStatus', 'ACKNOWLEDGED'))),
            h('span', { class: 'tile-note' }, acks ? `${percent(useful / acks)} found useful` : 'no feedback yet')));

    const rows = Object.keys(TYPES)
        .map((type) => ({ type, n: count('byType', type), fb: stats.feedbackByType?.[type] }))
        .filter((row) => row.n > 0);
    const max = Math.max(1, ...rows.map((row) => row.n));
    types.replaceChildren(rows.length === 0 ? h('p', { class: 'muted' }, 'No alerts yet.') : h('table', {},
        h('thead', {}, h('tr', {}, h('th', {}, 'Alert type'), h('th', {}, 'Alerts'), h('th', {}, 'Found useful'))),
        h('tbody', {}, rows.map(({ type, n, fb }) => h('tr', { dataset: { type } },
            h('th', { scope: 'row' }, h('button', {
                type: 'button', class: 'link-button', onclick: () => setFilter('type', type),
                title: `Show only "${typeLabel(type)}" alerts`,
            }, typeLabel(type))),
            h('td', {}, h('span', { class: 'bar', style: { width: `${(n / max) * 100}%` } }),
                h('span', { class: 'bar-value' }, String(n))),
            h('td', {}, fb?.usefulShare === null || fb?.usefulShare === undefined
                ? h('span', { class: 'muted' }, '–')
                : `${percent(fb.usefulShare)} of ${fb.acknowledgements}`))))));
}

/** A tile's label, with a shorter one for a phone's narrow tiles. */
function tileLabel(long, short) {
    return h('span', { class: 'tile-label' }, h('span', { class: 'long' }, long), h('span', { class: 'short' }, short));
}

// ---- banner ----------------------------------------------------------------------------------------

function showBanner(message) {
    const banner = $('#banner');
    banner.hidden = !message;
    banner.textContent = message ?? '';
}
