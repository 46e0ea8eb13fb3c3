// The reader's own notification preferences (GET/PUT /api/me/preferences): which alert types, from which
// severity up, are pushed live to their dashboards (the rest stays in the history), and the daily digest.

import { api } from './api.js';
import { h } from './dom.js';
import { SEVERITIES, TYPES } from './format.js';

export class PreferencesPanel {
    /** @param onSaved called after a save, so that the live feed reconnects under the new preferences */
    constructor(el, { onSaved = () => {} } = {}) {
        Object.assign(this, { el, onSaved });
    }

    /** Shows the preferences and answers them (null when they cannot be read). */
    async refresh() {
        let preferences;
        try {
            preferences = await api('/api/me/preferences');
        } catch (e) {
            this.el.hidden = true;
            return null;
        }
        this.render(preferences);
        return preferences;
    }

    render(preferences, message) {
        const types = preferences.types ?? Object.keys(TYPES);
        const summary = `${preferences.types ? `${types.length} of ${Object.keys(TYPES).length} types` : 'every type'}, `
            + `${SEVERITIES[preferences.minSeverity]?.toLowerCase() ?? preferences.minSeverity} severity and up`
            + `${preferences.dailyDigest ? ', daily digest' : ''}`;
        const form = h('form', { class: 'preferences-form' },
            h('fieldset', { class: 'preference-types' }, h('legend', {}, 'Pushed live'),
                Object.entries(TYPES).map(([value, label]) => h('label', {},
                    h('input', { type: 'checkbox', name: 'types', value, checked: types.includes(value) }), label))),
            h('label', {}, 'From severity', h('select', { name: 'minSeverity' },
                Object.entries(SEVERITIES).map(([value, label]) => h('option', {
                    value, selected: value === preferences.minSeverity,
                }, `${label} and up`)))),
            h('label', {}, h('input', { type: 'checkbox', name: 'dailyDigest', checked: preferences.dailyDigest }),
                'Daily digest'),
            h('button', { class: 'button', type: 'submit', 'data-action': 'save-preferences' }, 'Save'),
            h('p', { class: 'error-text', hidden: !message }, message ?? ''));
        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            const data = new FormData(form);
            const chosen = data.getAll('types');
            const body = {
                // all types chosen means every type, also those a later version adds
                types: chosen.length === Object.keys(TYPES).length ? null : chosen,
                minSeverity: data.get('minSeverity'),
                dailyDigest: data.get('dailyDigest') !== null,
            };
            try {
                this.render(await api('/api/me/preferences', { method: 'PUT', body }));
                this.onSaved();
            } catch (e) {
                this.render(preferences, `Not saved: ${e.message}`);
            }
        });
        const open = this.el.querySelector('details')?.open;
        this.el.replaceChildren(h('details', { class: 'preferences', open },
            h('summary', {}, h('strong', { class: 'panel-title' }, 'My notifications'),
                h('span', { class: 'preferences-summary' }, summary)),
            h('p', { class: 'muted' }, 'What is pushed to your dashboards as it happens; everything stays in the history.'),
            form));
        this.el.hidden = false;
    }
}
