// The operations page (/admin): GET /api/ops every 10 s, unhealthy checks first, then the figures, the
// consumer lag, their charts over the last hours and the latest dead letters; below, the webhooks.

import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { adoptTokenFromUrl, api, getToken, setToken } from './api.js';
import { $, h } from './dom.js';
import { formatTime } from './format.js';
import { WebhooksPanel } from './webhooks.js';

const REFRESH_MS = 10000;
let charts = [];
let webhooks = null; // once the token is an admin's (its form keeps what is typed across refreshes)

adoptTokenFromUrl();
$('#signin-form').addEventListener('submit', (event) => {
    event.preventDefault();
    setToken(new FormData(event.target).get('token').trim());
    refresh();
});
// a link with another #token= opened on this page changes only the fragment, not the page
window.addEventListener('hashchange', () => {
    adoptTokenFromUrl();
    refresh();
});
refresh();
setInterval(() => getToken() && refresh(), REFRESH_MS);

async function refresh() {
    if (!getToken()) {
        $('#signin').hidden = false;
        return;
    }
    try {
        const ops = await api('/api/ops');
        $('#signin').hidden = true;
        $('#banner').hidden = true;
        $('#ops').hidden = false;
        render(ops);
        if (!webhooks) {
            webhooks = new WebhooksPanel($('#webhooks'));
            webhooks.refresh();
        }
    } catch (e) {
        if (e.status === 401 || e.status === 403) {
            $('#ops').hidden = true;
            $('#signin').hidden = false;
            $('#signin-error').hidden = false;
            $('#signin-error').textContent = e.status === 403 ? 'The operations view is for admins.' : 'The token was refused.';
        } else {
            $('#banner').hidden = false;
            $('#banner').textContent = `Operations view unavailable: ${e.message}`;
        }
    }
}

const bytes = (n) => (n === null || n === undefined || n < 0 ? '–'
    : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`);
const number = (n) => (n === null || n === undefined ? '–' : String(n));
const duration = (ms) => (ms === null || ms === undefined ? '–'
    : ms < 120000 ? `${Math.round(ms / 1000)} s` : `${Math.round(ms / 60000)} min`);

function render(ops) {
    $('#ops-health').replaceChildren(
        h('h2', { dataset: { healthy: String(ops.healthy) } }, ops.healthy ? 'Healthy' : 'Unhealthy'),
        h('ul', { class: 'ops-checks' }, ops.checks.map((c) => h('li', { dataset: { check: c.check, unhealthy: String(c.unhealthy) } },
            h('strong', {}, c.unhealthy ? '✗ ' : '✓ '), c.check.replaceAll('_', ' '), h('span', { class: 'muted' }, ` ${c.detail}`)))),
        h('p', { class: 'muted' }, `as of ${formatTime(ops.at)}`));
    const flink = ops.flink;
    const checkpoint = flink.lastCheckpoint;
    const tile = (name, label, value) => h('div', { class: 'mini-tile', dataset: { figure: name } },
        h('span', { class: 'mini-tile-label' }, label), h('strong', {}, value));
    $('#ops-figures').replaceChildren(h('div', { class: 'learner-tiles' },
        tile('flink-state', 'Flink job', flink.state),
        tile('uptime', 'Uptime', duration(flink.uptimeMs)),
        tile('restarts', 'Restarts', number(flink.restarts)),
        tile('checkpoint', 'Last checkpoint', checkpoint ? `${checkpoint.durationMs} ms, ${bytes(checkpoint.sizeBytes)}` : '–'),
        tile('events-in', 'Events in / s', ops.eventsInPerSecond === null ? '–' : ops.eventsInPerSecond.toFixed(1)),
        tile('alerts-out', 'Alerts out (1 h)', Object.entries(ops.alertsOutLastHour).map(([t, n]) => `${t} ${n}`).join(', ') || '0'),
        tile('ws-clients', 'WebSocket clients', Object.entries(ops.websocketClients).map(([e, n]) => `${e} ${n}`).join(', ')),
        tile('database', 'Database', bytes(ops.databaseBytes))));
    renderLag(ops.consumerLag);
    renderCharts(ops.history);
    const reasons = [...new Set([...Object.keys(ops.deadLetters.lastDay), ...Object.keys(ops.deadLetters.lastHour)])];
    $('#ops-dead-letters').replaceChildren(
        h('h3', {}, 'Dead letters'),
        h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'reason'), h('th', {}, 'last hour'), h('th', {}, 'last day'))),
            h('tbody', {}, reasons.map((r) => h('tr', { dataset: { reason: r } }, h('td', {}, r),
                h('td', {}, number(ops.deadLetters.lastHour[r] ?? 0)), h('td', {}, number(ops.deadLetters.lastDay[r] ?? 0)))))),
        h('ol', { class: 'ops-latest' }, ops.deadLetters.latest.map((d) => h('li', {},
            h('strong', {}, d.reason), ` ${formatTime(d.at)} `, h('code', {}, (d.raw ?? '').slice(0, 200))))));
}

/** Every topic each consumer group reads, and how many records it is behind (– while unknown). */
function renderLag(lags) {
    $('#ops-lag').replaceChildren(
        h('h3', {}, 'Consumer lag'),
        h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'consumer'), h('th', {}, 'group'), h('th', {}, 'topic'),
            h('th', {}, 'records behind'))),
        h('tbody', {}, lags.map((l) => h('tr', { dataset: { consumer: l.consumer, topic: l.topic } },
            h('td', {}, l.consumer), h('td', {}, h('code', {}, l.group)), h('td', {}, h('code', {}, l.topic)),
            h('td', {
                class: 'lag',
                title: l.lag === null ? 'not known: the topic is missing, or no offset is committed where it has records' : '',
            }, number(l.lag)))))));
}

function renderCharts(history) {
    charts.forEach((c) => c.destroy());
    charts = [];
    const root = $('#ops-charts');
    root.replaceChildren();
    if (history.length < 2) {
        return;
    }
    const x = history.map((s) => Date.parse(s.at) / 1000);
    const width = Math.max(280, root.clientWidth);
    const chart = (title, series) => {
        const el = h('div', { class: 'chart' });
        root.append(el);
        charts.push(new uPlot({
            title, width, height: 160,
            series: [{}, ...series.map(([label, stroke]) => ({ label, stroke, width: 2, spanGaps: true }))],
        }, [x, ...series.map(([, , values]) => values)], el));
    };
    chart('Events in per second', [['events/s', '#1f6fb2', history.map((s) => s.eventsInPerSecond)]]);
    chart('Consumer lag', [['gateway', '#2e7d32', history.map((s) => s.gatewayLag)],
        ['job', '#8e44ad', history.map((s) => s.jobLag)]]);
    chart('Dead letters (last hour) and restarts', [['dead letters', '#c62828', history.map((s) => s.deadLettersLastHour)],
        ['restarts', '#e07b00', history.map((s) => s.restarts)]]);
    chart('Alerts out (last hour) and WebSocket clients', [['alerts', '#5c6bc0', history.map((s) => s.alertsOutLastHour)],
        ['clients', '#555', history.map((s) => s.websocketClients)]]);
}
