// The learner view: the daily figures of one learner as uPlot charts, with their alerts marked on the
// same time axis, and the list of their alerts.

import uPlot from '/webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { api, encode, webSocketUrl } from './api.js';
import { h } from './dom.js';
import { learnerTrend } from './trend.js';
import {
    RISK_COLOUR, riskFactors, riskPoints, riskTile,
} from './risk.js';
import {
    SEVERITY_COLOURS, formatDay, formatTime, percent, severityLabel, typeLabel,
} from './format.js';

const DAY = 86400;
const COLOURS = { score: '#1f6fb2', progress: '#2e7d32', consistency: '#8e44ad', events: '#5c6bc0' };

export class LearnerView {
    /** @param panel the <aside> that holds the view (hidden while closed) */
    constructor({ panel }) {
        this.panel = panel;
        this.title = panel.querySelector('#learner-title');
        this.meta = panel.querySelector('#learner-meta');
        this.body = panel.querySelector('#learner-body');
        this.userId = null;
        this.figures = [];
        this.alerts = [];
        this.arrivedMeanwhile = null; // while a reload is on its way: the alerts pushed live meanwhile, by id
        this.trend = null;
        this.risk = null;
        this.charts = [];
        this.figuresSocket = null;
        this.loading = 0;
        this.loaded = false;
        panel.querySelector('#learner-close').addEventListener('click', () => this.close());
        // the view has its own history entry, so a phone's back button closes it
        window.addEventListener('popstate', () => {
            const linked = LearnerView.linked();
            if (linked === null) {
                this.hide();
            } else if (linked !== this.userId) {
                this.show(linked);
            }
        });
        new ResizeObserver(() => this.resize()).observe(this.body);
    }

    /** The learner named by the address (`#learner=ID`), so a learner view can be linked to. */
    static linked() {
        const match = /^#learner=(.+)$/.exec(window.location.hash);
        return match ? decodeURIComponent(match[1]) : null;
    }

    get isOpen() {
        return this.userId !== null;
    }

    /** Opens the view of a learner (replacing the one open, if any) with the address #learner=ID. */
    open(userId) {
        const address = `${window.location.pathname}${window.location.search}#learner=${encode(userId)}`;
        if (LearnerView.linked() === userId) {
            // already in the address (a link was opened): nothing to add to the history
        } else if (this.isOpen) {
            history.replaceState(history.state, '', address);
        } else {
            history.pushState({ learner: true }, '', address);
        }
        return this.show(userId);
    }

    /** Closes the view as the reader asks: back through its history entry, if it made one. */
    close() {
        if (!this.isOpen) {
            return;
        }
        if (history.state?.learner) {
            history.back(); // popstate hides the view
        } else {
            history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
            this.hide();
        }
    }

    async show(userId) {
        this.hide();
        this.userId = userId;
        this.panel.hidden = false;
        this.panel.dataset.userId = userId;
        document.body.classList.add('learner-open');
        this.title.textContent = userId;
        this.meta.textContent = '';
        this.body.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
        this.panel.dispatchEvent(new CustomEvent('learner:show', { detail: { userId } }));
        await this.reload();
    }

    /** Hides the view and stops listening, leaving the address alone. */
    hide() {
        this.figuresSocket?.close();
        this.figuresSocket = null;
        this.destroyCharts();
        this.loading += 1; // an answer still on its way is for nobody
        this.body.removeAttribute('aria-busy');
        this.loaded = false;
        this.figures = [];
        this.alerts = [];
        this.arrivedMeanwhile = null;
        this.trend = null;
        this.risk = null;
        this.userId = null;
        this.panel.hidden = true;
        delete this.panel.dataset.userId;
        document.body.classList.remove('learner-open');
    }

    /** Fetches the learner's figures and alerts again and redraws; listens to their new figures. */
    async reload() {
        const userId = this.userId;
        const ticket = ++this.loading;
        this.arrivedMeanwhile = new Map();
        this.body.setAttribute('aria-busy', 'true');
        try {
            const [figures, alerts, risk] = await Promise.all([
                api(`/api/users/${encode(userId)}/metrics`),
                api('/api/alerts', { params: { userId, limit: 500 } }),
                api(`/api/users/${encode(userId)}/risk`, { params: { limit: 500 } }).catch(() => null),
            ]);
            // the trend up to the learner's latest figures: a day's figures come once it has ended
            const trend = await api(`/api/users/${encode(userId)}/trend`,
                { params: { to: figures.items?.at(-1)?.day } });
            if (ticket !== this.loading || userId !== this.userId) {
                return;
            }
            this.figures = figures.items ?? [];
            // the answer may have been written before the gateway stored an alert the feed has pushed since:
            // it adds to those, never takes them away
            const byId = new Map((alerts.items ?? []).map((a) => [a.alertId, a]));
            this.arrivedMeanwhile.forEach((alert, alertId) => byId.set(alertId, alert));
            this.alerts = [...byId.values()];
            this.trend = trend;
            this.risk = risk;
            this.loaded = true;
            this.render();
            this.listenToFigures();
        } catch (e) {
            if (ticket === this.loading && userId === this.userId) {
                this.body.replaceChildren(h('p', { class: 'error-text' }, `Cannot load ${userId}: ${e.message}`));
            }
        } finally {
            if (ticket === this.loading) {
                this.arrivedMeanwhile = null;
                this.body.removeAttribute('aria-busy');
            }
        }
    }

    /** A new alert from the live feed: shown here too when it is this learner's. */
    alertArrived(alert) {
        if (!this.isOpen || alert.userId !== this.userId) {
            return;
        }
        this.arrivedMeanwhile?.set(alert.alertId, alert);
        const index = this.alerts.findIndex((a) => a.alertId === alert.alertId);
        if (index >= 0) {
            this.alerts[index] = alert;
        } else {
            this.alerts.push(alert);
        }
        if (this.loaded) {
            this.render();
        }
    }

    async listenToFigures() {
        this.figuresSocket?.close();
        this.figuresSocket = null;
        const userId = this.userId;
        let url;
        try {
            url = await webSocketUrl('/ws/metrics', { userId });
        } catch (e) {
            return; // no live figures; the charts still show what REST answered
        }
        if (!this.isOpen || userId !== this.userId || this.figuresSocket) {
            return;
        }
        const socket = new WebSocket(url);
        socket.onmessage = (event) => {
            let frame;
            try {
                frame = JSON.parse(event.data);
            } catch (e) {
                return;
            }
            if (frame.kind !== 'metrics' || frame.metrics?.userId !== this.userId || socket !== this.figuresSocket) {
                return;
            }
            this.figures = this.figures.filter((f) => f.day !== frame.metrics.day).concat([frame.metrics]);
            this.figures.sort((a, b) => a.day.localeCompare(b.day));
            if (this.loaded) {
                this.render();
            }
        };
        this.figuresSocket = socket;
    }

    render() {
        this.destroyCharts();
        const latest = this.figures.at(-1);
        const lastScored = [...this.figures].reverse().find((f) => f.meanScore !== null && f.meanScore !== undefined);
        const lastProgress = [...this.figures].reverse().find((f) => f.progress !== null && f.progress !== undefined);
        const source = latest ?? this.alerts[0];
        this.meta.textContent = [
            source?.cohortId && `cohort ${source.cohortId}`,
            source?.courseId && `course ${source.courseId}`,
        ].filter(Boolean).join(' · ');

        const open = this.alerts.filter((a) => a.status === 'OPEN').length;
        const tiles = h('div', { class: 'learner-tiles' },
            tile('Mean score', percent(lastScored?.meanScore), lastScored && formatDay(lastScored.day)),
            tile('Course progress', percent(lastProgress?.progress), lastProgress && formatDay(lastProgress.day)),
            tile('Active days (7 d)', percent(latest?.consistency7d), latest && formatDay(latest.day)),
            tile('Open alerts', String(open), `${this.alerts.length} in all`),
            riskTile(this.risk?.latest));

        const charts = h('div', { class: 'learner-charts' });
        const sorted = [...this.alerts].sort((a, b) => Date.parse(b.eventTime) - Date.parse(a.eventTime));
        this.body.replaceChildren(...[tiles, this.trend && learnerTrend(this.trend), charts,
            riskFactors(this.risk?.latest), this.alertList(sorted)].filter(Boolean));

        const risk = riskPoints(this.risk?.items, this.risk?.latest?.courseId);
        if (this.figures.length === 0 && risk.length === 0) {
            charts.append(h('p', { class: 'muted' },
                'No daily figures yet: a day\'s figures arrive once that day has ended.'));
            return;
        }
        const markers = this.alerts
            .map((a) => ({ t: Date.parse(a.eventTime) / 1000, colour: SEVERITY_COLOURS[a.severity] ?? '#555' }))
            .filter((m) => Number.isFinite(m.t));
        const days = this.figures.map((f) => Date.parse(`${f.day}T00:00:00Z`) / 1000);
        const lo = Math.min(...days, ...risk.map(([t]) => t - DAY / 2), ...markers.map((m) => m.t - DAY / 2));
        const hi = Math.max(...days.map((d) => d + DAY), ...risk.map(([t]) => t + DAY / 2),
            ...markers.map((m) => m.t + DAY / 2));
        const x = days.map((d) => d + DAY / 2); // a day's figures sit in the middle of that day
        const width = Math.max(260, charts.clientWidth);
        const common = (title, height) => ({
            title,
            width,
            height,
            tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC'),
            cursor: { sync: { key: `learner-${this.userId}` }, drag: { x: false, y: false } },
            legend: { live: false },
            plugins: [alertMarkers(markers)],
        });

        const figuresChart = h('div', { class: 'chart', 'data-chart': 'figures' });
        const eventsChart = h('div', { class: 'chart', 'data-chart': 'events' });
        charts.append(figuresChart, eventsChart, markerLegend());
        const asPercent = (u, v) => (v === null || v === undefined ? '–' : `${Math.round(v * 100)}%`);
        this.charts.push(new uPlot({
            ...common('Scores, progress and regularity', 220),
            scales: { x: { time: true, range: [lo, hi] }, y: { range: [0, 1] } },
            axes: [dayAxis(), { values: (u, ticks) => ticks.map((v) => `${Math.round(v * 100)}%`), size: 48 }],
            series: [
                {},
                line('Mean score', COLOURS.score, asPercent),
                line('Progress', COLOURS.progress, asPercent),
                line('Active days (7 d)', COLOURS.consistency, asPercent, [6, 4]),
                { ...line('Risk', RISK_COLOUR, asPercent), paths: uPlot.paths.stepped({ align: 1 }) },
            ],
        }, uPlot.join([[
            x,
            this.figures.map((f) => f.meanScore ?? null),
            this.figures.map((f) => f.progress ?? null),
            this.figures.map((f) => f.consistency7d ?? null),
        ], [risk.map(([t]) => t), risk.map(([, r]) => r)]]), figuresChart));
        this.charts.push(new uPlot({
            ...common('Activity per day', 150),
            scales: { x: { time: true, range: [lo, hi] }, y: { range: (u, min, max) => [0, Math.max(4, max)] } },
            axes: [dayAxis(), { size: 48 }],
            series: [
                {},
                {
                    label: 'Events',
                    stroke: COLOURS.events,
                    fill: `${COLOURS.events}99`,
                    paths: uPlot.paths.bars({ size: [0.7, 40] }),
                    points: { show: false },
                },
            ],
        }, [x, this.figures.map((f) => f.events)], eventsChart));
    }

    alertList(alerts) {
        if (alerts.length === 0) {
            return h('p', { class: 'muted' }, 'No alerts for this learner.');
        }
        return h('div', { class: 'learner-alerts' },
            h('h3', {}, 'Their alerts'),
            h('ol', {}, alerts.map((a) => h('li',
                { dataset: { alertId: a.alertId, severity: a.severity, status: a.status } },
                h('span', { class: 'sev-dot', title: severityLabel(a.severity) }),
                h('span', { class: 'learner-alert-type' }, typeLabel(a.type)),
                h('time', { datetime: a.eventTime }, formatTime(a.eventTime)),
                a.status === 'ACKNOWLEDGED' ? h('span', { class: 'ack-chip' }, 'acknowledged') : null))));
    }

    resize() {
        const width = Math.max(260, this.body.querySelector('.learner-charts')?.clientWidth ?? 0);
        for (const chart of this.charts) {
            if (Math.abs(chart.width - width) > 2) {
                chart.setSize({ width, height: chart.height });
            }
        }
    }

    destroyCharts() {
        this.charts.forEach((chart) => chart.destroy());
        this.charts = [];
    }
}

const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** The time axis: one tick in the middle of each day (where its figures sit), fewer when space is short. */
function dayAxis() {
    return {
        splits: (u, axis, min, max) => {
            const first = Math.ceil((min - DAY / 2) / DAY) * DAY + DAY / 2;
            const days = Math.floor((max - first) / DAY) + 1;
            const room = Math.max(1, Math.floor(u.bbox.width / uPlot.pxRatio / 60));
            const step = Math.max(1, Math.ceil(days / room));
            const ticks = [];
            for (let t = first; t <= max; t += step * DAY) {
                ticks.push(t);
            }
            return ticks;
        },
        values: (u, ticks) => ticks.map((t) => shortDay.format(new Date(t * 1000))),
    };
}

function tile(label, value, note) {
    return h('div', { class: 'mini-tile' },
        h('span', { class: 'mini-tile-label' }, label),
        h('strong', {}, value),
        note ? h('span', { class: 'mini-tile-note' }, note) : null);
}

function line(label, stroke, value, dash) {
    return { label, stroke, width: 2, value, dash, spanGaps: true, points: { show: true, size: 6 } };
}

function markerLegend() {
    return h('p', { class: 'marker-legend' },
        'Dashed lines mark this learner\'s alerts: ',
        ['HIGH', 'MEDIUM', 'LOW'].map((s) => h('span', { class: 'marker-key', dataset: { severity: s } },
            severityLabel(s))));
}

/** uPlot plugin: a dashed vertical line and a small flag at the time of each alert. */
function alertMarkers(markers) {
    return {
        hooks: {
            draw: [(u) => {
                const { ctx } = u;
                const { left, top, width, height } = u.bbox;
                const px = uPlot.pxRatio;
                ctx.save();
                for (const marker of markers) {
                    const x = Math.round(u.valToPos(marker.t, 'x', true));
                    if (x < left || x > left + width) {
                        continue;
                    }
                    ctx.strokeStyle = marker.colour;
                    ctx.fillStyle = marker.colour;
                    ctx.lineWidth = 1.5 * px;
                    ctx.setLineDash([4 * px, 3 * px]);
                    ctx.beginPath();
                    ctx.moveTo(x, top);
                    ctx.lineTo(x, top + height);
                    ctx.stroke();
                    ctx.setLineDash([]);
                    ctx.beginPath();
                    ctx.moveTo(x - 5 * px, top);
                    ctx.lineTo(x + 5 * px, top);
                    ctx.lineTo(x, top + 8 * px);
                    ctx.closePath();
                    ctx.fill();
                }
                ctx.restore();
            }],
        },
    };
}
