// The webhooks of the operations page (GET/POST/DELETE /api/webhooks; an admin sees every one): the list,
// each with a Delete button, a form to add one, and where one alert's notifications stand
// (GET /api/alerts/{alertId}'s `notifications`).

import { api, encode } from './api.js';
import { h } from './dom.js';
import {
    SEVERITIES, TYPES, formatTime, severityLabel, typeLabel,
} from './format.js';

const STATES = { pending: 'pending', delivered: 'delivered', given_up: 'given up' };

export class WebhooksPanel {
    /** @param el the element the panel fills */
    constructor(el) {
        this.el = el;
        this.webhooks = [];
        this.list = h('div', { class: 'webhook-list' });
        this.deliveries = h('div', { id: 'webhook-deliveries' });
        el.replaceChildren(h('h3', {}, 'Webhooks'), this.list, this.form(), this.deliveryForm(), this.deliveries);
    }

    async refresh(message) {
        try {
            this.webhooks = (await api('/api/webhooks')).items ?? [];
            this.renderList(message);
        } catch (e) {
            this.list.replaceChildren(h('p', { class: 'error-text' }, `Webhooks unavailable: ${e.message}`));
        }
    }

    renderList(message) {
        // replaceChildren would show a null as the text "null"
        const error = message ? [h('p', { class: 'error-text' }, message)] : [];
        if (this.webhooks.length === 0) {
            this.list.replaceChildren(h('p', { class: 'muted' }, 'No webhook: alerts are not sent anywhere.'), ...error);
            return;
        }
        this.list.replaceChildren(h('table', {},
            h('thead', {}, h('tr', {}, ['owner', 'cohort', 'url', 'alerts', 'format', 'sends', 'created', '']
                .map((name) => h('th', {}, name)))),
            h('tbody', {}, this.webhooks.map((w) => h('tr', { dataset: { webhookId: w.webhookId } },
                h('td', {}, w.owner),
                h('td', {}, w.cohortId ?? h('span', { class: 'muted' }, 'within the owner\'s role')),
                h('td', {}, h('code', {}, w.url)),
                h('td', {}, `${w.types?.length ? w.types.map(typeLabel).join(', ') : 'every type'}, `
                    + `${severityLabel(w.minSeverity).toLowerCase()} severity and up`),
                h('td', {}, w.format.toLowerCase()),
                h('td', {}, w.digest ? 'a daily digest' : 'each alert'),
                h('td', {}, formatTime(w.createdAt)),
                h('td', {}, h('button', {
                    class: 'link-button', type: 'button', 'data-action': 'delete-webhook',
                    onclick: () => this.remove(w.webhookId),
                }, 'Delete')))))), ...error);
    }

    form() {
        const error = h('p', { class: 'error-text', hidden: true });
        const form = h('form', { class: 'webhook-form' },
            h('label', {}, 'URL', h('input', { name: 'url', type: 'url', required: true, size: 36 })),
            h('label', {}, 'Secret (16 characters or more)',
                h('input', { name: 'secret', type: 'password', autocomplete: 'off', minlength: 16, required: true })),
            h('label', {}, 'Cohort', h('input', { name: 'cohortId', placeholder: 'every alert', size: 10 })),
            h('label', {}, 'Alert types', h('select', { name: 'types', multiple: true, size: 3 },
                Object.entries(TYPES).map(([value, label]) => h('option', { value }, label)))),
            h('label', {}, 'From severity', h('select', { name: 'minSeverity' },
                Object.keys(SEVERITIES).reverse().map((value) => h('option', { value }, severityLabel(value))))),
            h('label', {}, 'Format', h('select', { name: 'format' },
                h('option', { value: 'learnpulse' }, 'learnpulse JSON'), h('option', { value: 'slack' }, 'Slack'))),
            h('label', { class: 'webhook-digest' }, h('input', { name: 'digest', type: 'checkbox' }), 'a daily digest'),
            h('button', { class: 'button', type: 'submit', 'data-action': 'create-webhook' }, 'Add webhook'),
            error);
        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            const data = new FormData(form);
            const types = data.getAll('types');
            const body = {
                url: data.get('url').trim(),
                secret: data.get('secret'),
                cohortId: data.get('cohortId').trim() || null,
                types: types.length ? types : null,
                minSeverity: data.get('minSeverity'),
                format: data.get('format'),
                digest: data.get('digest') === 'on',
            };
            try {
                await api('/api/webhooks', { method: 'POST', body });
                error.hidden = true;
                form.reset();
                await this.refresh();
            } catch (e) {
                error.hidden = false;
                error.textContent = `Not added: ${e.message}`;
            }
        });
        return form;
    }

    async remove(webhookId) {
        try {
            await api(`/api/webhooks/${encode(webhookId)}`, { method: 'DELETE' });
            await this.refresh();
        } catch (e) {
            await this.refresh(`Not deleted: ${e.message}`);
        }
    }

    /** Where one alert's notifications stand: to the webhooks, each pending, delivered or given up. */
    deliveryForm() {
        const form = h('form', { class: 'webhook-form' },
            h('label', {}, 'Deliveries of alert', h('input', { name: 'alertId', required: true, size: 36 })),
            h('button', { class: 'button', type: 'submit', 'data-action': 'show-deliveries' }, 'Show'));
        form.addEventListener('submit', async (event) => {
            event.preventDefault();
            const alertId = new FormData(form).get('alertId').trim();
            try {
                this.renderDeliveries(alertId, (await api(`/api/alerts/${encode(alertId)}`)).notifications ?? []);
            } catch (e) {
                this.deliveries.replaceChildren(h('p', { class: 'error-text' }, `Alert ${alertId}: ${e.message}`));
            }
        });
        return form;
    }

    renderDeliveries(alertId, notifications) {
        if (notifications.length === 0) {
            this.deliveries.replaceChildren(h('p', { class: 'muted' }, `Alert ${alertId} was sent to no webhook.`));
            return;
        }
        const url = (webhookId) => this.webhooks.find((w) => w.webhookId === webhookId)?.url ?? webhookId;
        this.deliveries.replaceChildren(h('table', {},
            h('thead', {}, h('tr', {}, ['webhook', 'kind', 'state', 'attempts', 'last answer', 'next attempt', 'delivered']
                .map((name) => h('th', {}, name)))),
            h('tbody', {}, notifications.map((n) => h('tr', { dataset: { webhookId: n.webhookId, state: n.state } },
                h('td', {}, h('code', {}, url(n.webhookId))),
                h('td', {}, n.kind),
                h('td', {}, STATES[n.state] ?? n.state),
                h('td', {}, String(n.attempts)),
                h('td', {}, n.lastStatus ? `HTTP ${n.lastStatus}` : (n.lastError ?? '–')),
                h('td', {}, n.nextAttemptAt ? formatTime(n.nextAttemptAt) : '–'),
                h('td', {}, n.deliveredAt ? formatTime(n.deliveredAt) : '–'))))));
    }
}
