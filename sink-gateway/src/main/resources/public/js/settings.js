// Rule settings of a cohort or a learner (GET/PUT /api/cohorts/{k}/settings, /api/users/{u}/settings):
// every overridable setting with its built-in default, what this cohort or learner overrides (marked as
// differing from the default), a form to change them, and who changed them when.

import { api, encode } from './api.js';
import { h } from './dom.js';
import { formatTime } from './format.js';

export class SettingsPanel {
    /**
     * @param el     the element the panel fills (hidden while it shows nothing)
     * @param scope  'cohort' or 'learner'
     */
    constructor(el, scope) {
        Object.assign(this, { el, scope, id: null, loading: 0 });
    }

    path(id) {
        return this.scope === 'cohort' ? `/api/cohorts/${encode(id)}/settings` : `/api/users/${encode(id)}/settings`;
    }

    /** Shows the settings of one cohort or learner; null hides the panel. */
    async show(id) {
        this.id = id;
        const ticket = ++this.loading;
        if (!id) {
            this.el.hidden = true;
            this.el.replaceChildren();
            return;
        }
        let answer;
        try {
            answer = await api(this.path(id));
        } catch (e) {
            if (ticket === this.loading) {
                // outside the caller's role (403) the panel is simply not there
                this.el.hidden = true;
                this.el.replaceChildren();
            }
            return;
        }
        if (ticket === this.loading) {
            this.render(answer);
        }
    }

    render(answer, message) {
        const current = answer.override?.rules ?? {};
        const differing = answer.defaults.filter((d) => current[d.key] !== undefined && current[d.key] !== d.default);
        const error = h('p', { class: 'error-text', hidden: !message }, message ?? '');
        const rows = answer.defaults.map((d) => {
            const value = current[d.key];
            const differs = value !== undefined && value !== d.default;
            return h('tr', { dataset: { key: d.key, differs: String(differs) }, class: differs ? 'differs' : null },
                h('th', { scope: 'row' }, h('code', {}, d.key), h('span', { class: 'muted setting-meaning' }, d.description)),
                h('td', { class: 'setting-default' }, String(d.default)),
                h('td', {}, h('input', {
                    name: d.key, value: value === undefined ? '' : String(value), placeholder: String(d.default),
                    'aria-label': `${d.key} (default ${d.default}, ${d.range})`, title: d.range, size: 8,
                })));
        });
        const form = h('form', { class: 'settings-form' },
            h('table', { class: 'settings-table' },
                h('thead', {}, h('tr', {}, h('th', {}, 'Setting'), h('th', {}, 'Default'),
                    h('th', {}, this.scope === 'cohort' ? 'This cohort' : 'This learner'))),
                h('tbody', {}, rows)),
            error,
            h('div', { class: 'form-buttons' },
                h('button', { class: 'button primary', type: 'submit', 'data-action': 'save-settings' }, 'Save settings'),
                h('button', {
                    class: 'link-button', type: 'button', 'data-action': 'reset-settings',
                    onclick: () => this.save({}),
                }, 'Back to the defaults')));
        form.addEventListener('submit', (event) => {
            event.preventDefault();
            this.save(rulesOf(form, answer.defaults));
        });
        const last = answer.history?.[0];
        // open while something differs from the defaults, and while the reader keeps it open on the same id
        const open = differing.length > 0 || (this.el.dataset.id === answer.id && this.el.querySelector('details')?.open);
        this.el.dataset.id = answer.id;
        this.el.replaceChildren(
            h('details', { class: 'settings', open },
                h('summary', {}, h('strong', { class: 'panel-title' }, `Rule settings of ${answer.id}`),
                    h('span', { class: 'settings-summary', dataset: { differing: String(differing.length) } },
                        differing.length === 0 ? 'the defaults'
                            : `${differing.length} differ${differing.length === 1 ? 's' : ''} from the defaults: `
                                + differing.map((d) => `${d.key} ${current[d.key]}`).join(', '))),
                form,
                last ? h('p', { class: 'muted settings-changed' },
                    `Last changed by ${last.changedBy}, ${formatTime(last.changedAt)}; in effect from then on.`) : null));
        this.el.hidden = false;
    }

    async save(rules) {
        const id = this.id;
        this.el.querySelectorAll('button, input').forEach((el) => { el.disabled = true; });
        try {
            const answer = await api(this.path(id), { method: 'PUT', body: rules });
            if (id === this.id) {
                this.render(answer);
            }
        } catch (e) {
            const answer = await api(this.path(id)).catch(() => null);
            if (answer && id === this.id) {
                this.render(answer, e.status === 403 ? 'You cannot change these settings.' : `Not saved: ${e.message}`);
            }
        }
    }
}

/** The form's filled-in values: numbers as numbers, durations ("72 h") as text. */
function rulesOf(form, defaults) {
    const rules = {};
    for (const d of defaults) {
        const text = form.elements[d.key].value.trim();
        if (text !== '') {
            rules[d.key] = d.kind === 'DURATION' || Number.isNaN(Number(text)) ? text : Number(text);
        }
    }
    return rules;
}
