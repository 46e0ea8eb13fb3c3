// Silences (POST/GET/DELETE /api/silences): the active ones, each with an "End now" button, and a form
// to silence a learner and/or a cohort, optionally one alert type, until a moment. Alerts that arrive
// while a silence matches them are kept in the history as "Silenced", not pushed live.

import { api, encode } from './api.js';
import { h } from './dom.js';
import { TYPES, formatTime, typeLabel } from './format.js';

const DEFAULT_DAYS = 7;

export class SilencesPanel {
    /** @param el the element the panel fills; hidden for principals that cannot see silences (learners) */
    constructor(el, { onChange = () => {} } = {}) {
        Object.assign(this, { el, onChange, cohorts: [] });
    }

    /** Reloads the list; `cohorts` are offered in the form. */
    async refresh(cohorts = this.cohorts) {
        this.cohorts = [...cohorts].sort();
        let page;
        try {
            page = await api('/api/silences');
        } catch (e) {
            this.el.hidden = true;
            return;
        }
        this.render(page.items ?? []);
    }

    render(silences, message) {
        const list = silences.length === 0
            ? h('p', { class: 'muted' }, 'No silence is active: every new alert is pushed.')
            : h('ul', { class: 'silence-list' }, silences.map((s) => h('li', { dataset: { silenceId: s.id } },
                h('span', { class: 'silence-what' }, [s.cohortId && `cohort ${s.cohortId}`, s.userId && `learner ${s.userId}`]
                    .filter(Boolean).join(', '), ' · ', s.type ? typeLabel(s.type) : 'every type'),
                h('span', { class: 'muted' }, ` until ${formatTime(s.until)} · by ${s.createdBy}`),
                s.reason ? h('q', { class: 'silence-reason' }, s.reason) : null,
                h('button', {
                    class: 'link-button', type: 'button', 'data-action': 'end-silence',
                    onclick: () => this.end(s.id),
                }, 'End now'))));
        // open while there are silences, and while the reader keeps it open
        const open = silences.length > 0 || this.el.querySelector('details')?.open;
        this.el.replaceChildren(h('details', { class: 'silences', open },
            h('summary', {}, h('strong', { class: 'panel-title' }, 'Silences'),
                h('span', { class: 'silences-count' }, `${silences.length} active`)),
            list, this.form(message)));
        this.el.hidden = false;
    }

    form(message) {
        const until = new Date(Date.now() + DEFAULT_DAYS * 86400000);
        const local = new Date(until.getTime() - until.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
        const form = h('form', { class: 'silence-form' },
            h('label', {}, 'Cohort', h('select', { name: 'cohortId' }, h('option', { value: '' }, 'any'),
                this.cohorts.map((c) => h('option', { value: c }, c)))),
            h('label', {}, 'Learner', h('input', { name: 'userId', placeholder: 'any', size: 10 })),
            h('label', {}, 'Alert type', h('select', { name: 'type' }, h('option', { value: '' }, 'every type'),
                Object.entries(TYPES).map(([value, label]) => h('option', { value }, label)))),
            h('label', {}, 'Until', h('input', { name: 'until', type: 'datetime-local', value: local, required: true })),
            h('label', { class: 'silence-reason-field' }, 'Reason',
                h('input', { name: 'reason', maxlength: 2000, placeholder: 'e.g. field trip this week' })),
            h('button', { class: 'button', type: 'submit', 'data-action': 'silence' }, 'Silence'),
            h('p', { class: 'error-text', hidden: !message }, message ?? ''));
        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            const data = new FormData(form);
            const value = (name) => data.get(name)?.trim() || null;
            const body = {
                cohortId: value('cohortId'), userId: value('userId'), type: value('type'), reason: value('reason'),
                until: new Date(data.get('until')).toISOString(),
            };
            try {
                await api('/api/silences', { method: 'POST', body });
                await this.refresh();
                this.onChange();
            } catch (e) {
                const page = await api('/api/silences').catch(() => ({ items: [] }));
                this.render(page.items ?? [], `Not silenced: ${e.message}`);
            }
        });
        return form;
    }

    async end(id) {
        try {
            await api(`/api/silences/${encode(id)}`, { method: 'DELETE' });
        } catch (e) {
            // the list below shows what is still active
        }
        await this.refresh();
        this.onChange();
    }
}
