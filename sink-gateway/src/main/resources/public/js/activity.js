// The "what learners are doing now" panel of a chosen cohort: sessions open now and submissions in
// the last hour (GET /api/cohorts/{k}/activity), and the latest events live from WS /ws/activity.

import { api, encode, webSocketUrl } from './api.js';
import { h } from './dom.js';
import { formatTime } from './format.js';

const SHOWN = 8; // latest events listed
const REFRESH_MS = 15000;

export class ActivityPanel {
    constructor(panel) {
        this.panel = panel;
        this.cohortId = null;
        this.socket = null;
        this.timer = null;
        this.events = [];
        this.skipped = 0;
        this.now = null;
    }

    /** Shows the cohort's panel (none for null), replacing the one shown. */
    async show(cohortId) {
        if (cohortId === this.cohortId) {
            return;
        }
        this.hide();
        if (!cohortId) {
            return;
        }
        this.cohortId = cohortId;
        this.panel.hidden = false;
        this.render();
        this.timer = setInterval(() => this.refresh(), REFRESH_MS);
        await this.refresh();
        try {
            const socket = new WebSocket(await webSocketUrl('/ws/activity', { cohortId }));
            socket.onmessage = (message) => this.frame(socket, message);
            this.socket = socket;
        } catch (e) {
            // the figures stand without the live list
        }
    }

    hide() {
        this.socket?.close();
        this.socket = null;
        clearInterval(this.timer);
        this.timer = null;
        this.cohortId = null;
        this.events = [];
        this.skipped = 0;
        this.now = null;
        this.panel.hidden = true;
        this.panel.replaceChildren();
    }

    async refresh() {
        const cohortId = this.cohortId;
        try {
            const now = await api(`/api/cohorts/${encode(cohortId)}/activity`);
            if (cohortId === this.cohortId) {
                this.now = now;
                this.render();
            }
        } catch (e) {
            // shown as unknown until the next refresh
        }
    }

    frame(socket, message) {
        let frame;
        try {
            frame = JSON.parse(message.data);
        } catch (e) {
            return;
        }
        if (socket !== this.socket || frame.kind !== 'activity') {
            return;
        }
        this.skipped += frame.skipped ?? 0;
        this.events = [frame.event, ...this.events].slice(0, SHOWN);
        this.render();
        if (frame.event.type === 'assessment' || this.now?.sessionsOpen === 0) {
            this.refresh();
        }
    }

    render() {
        const figure = (name, value, label) => h('div', { class: 'mini-tile', dataset: { now: name } },
            h('span', { class: 'mini-tile-label' }, label), h('strong', {}, value ?? '–'));
        this.panel.replaceChildren(
            h('h3', {}, `What learners in ${this.cohortId} are doing now`),
            h('div', { class: 'learner-tiles' },
                figure('sessions', this.now?.sessionsOpen, 'Sessions open now'),
                figure('submissions', this.now?.submissionsLastHour, 'Submissions in the last hour')),
            this.events.length === 0
                ? h('p', { class: 'muted' }, 'No activity since the page opened.')
                : h('ol', { class: 'activity-list' }, this.events.map((e) => h('li', {},
                    h('strong', {}, e.userId), ` ${e.type}`,
                    e.score === undefined ? '' : ` ${Math.round(e.score * 100)}%`,
                    h('time', { datetime: e.timestamp }, formatTime(e.timestamp))))),
            this.skipped > 0 ? h('p', { class: 'muted' }, `${this.skipped} more not listed (rate limit).`) : null);
    }
}
