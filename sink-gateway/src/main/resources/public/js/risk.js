// The job's risk scores (GET /api/cohorts/{k}/summary, GET /api/users/{u}/risk): each learner's band
// beside their name, a cohort's learners per band and whom to look at first, and in the learner view the
// risk over time and the factors behind the latest score.

import { api, encode } from './api.js';
import { h } from './dom.js';
import { formatTime, percent } from './format.js';

export const BANDS = { high: 'High risk', medium: 'Medium risk', low: 'Low risk' };
export const RISK_COLOUR = '#b23a48';

const SEVERITIES = ['HIGH', 'MEDIUM', 'LOW'];
const OWN_SCORES_AT_MOST = 20; // learners looked up one by one when no cohort summary names them

/** The model's features in a teacher's words, with how their values read (docs/alerts.md, risk scores). */
const FACTORS = {
    itemsDue: ['Assignments due so far', (v) => String(v)],
    itemsMissed: ['Assignments missed', (v) => String(v)],
    shareMissed: ['Share of assignments missed', percent],
    meanScore: ['Mean score', percent],
    lowestScore: ['Lowest score', percent],
    gradeShare: ['Grade earned of the weight due', percent],
    daysSinceActivity: ['Days since any activity', (v) => v.toFixed(0)],
    daysSinceSubmission: ['Days since a submission', (v) => v.toFixed(0)],
    meanLatenessDays: ['Mean lateness (days)', (v) => v.toFixed(1)],
    scoreTrend: ['Score trend per item', (v) => `${v > 0 ? '+' : ''}${(v * 100).toFixed(1)} pts`],
    activeDays7: ['Active days of the last 7', (v) => String(v)],
    activeDays14: ['Active days of the last 14', (v) => String(v)],
};

export const bandLabel = (band) => BANDS[band] ?? 'Not scored';

/**
 * The learners' bands the page knows: from the summaries of the cohorts it shows, or, where the caller
 * may read no summary (a learner), from the learners' own scores.
 */
export class RiskBands {
    constructor() {
        this.summaries = new Map(); // cohortId -> summary
        this.own = new Map(); // userId -> latest score, for learners no summary names
    }

    /** Fetches the summaries of `cohorts`; then the scores of `userIds` that none of them names. */
    async refresh(cohorts, userIds) {
        const summaries = new Map();
        await Promise.all([...cohorts].map(async (cohortId) => {
            try {
                summaries.set(cohortId, await api(`/api/cohorts/${encode(cohortId)}/summary`));
            } catch (e) {
                // not one of the caller's cohorts, or a learner: their own scores below
            }
        }));
        this.summaries = summaries;
        const unnamed = [...userIds].filter((userId) => !this.of(userId) && !this.own.has(userId))
            .slice(0, OWN_SCORES_AT_MOST);
        await Promise.all(unnamed.map(async (userId) => {
            try {
                const risk = await api(`/api/users/${encode(userId)}/risk`, { params: { limit: 1 } });
                this.own.set(userId, risk.latest);
            } catch (e) {
                this.own.set(userId, null); // not the caller's to see: asked once
            }
        }));
    }

    /** A learner's {band, risk} (their course most at risk), or undefined while unknown or never scored. */
    of(userId) {
        for (const summary of this.summaries.values()) {
            const learner = summary.learners?.find((l) => l.userId === userId);
            if (learner?.band) {
                return learner;
            }
        }
        return this.own.get(userId) ?? undefined;
    }

    summary(cohortId) {
        return this.summaries.get(cohortId);
    }

    /**
     * Whom to look at first over the chosen cohort (or every cohort summarised): the summaries' own order
     * (by risk, then the severity of open concerns), merged. Null without any summary.
     */
    lookFirst(cohortId, top) {
        const chosen = cohortId ? [this.summaries.get(cohortId)].filter(Boolean) : [...this.summaries.values()];
        if (chosen.length === 0) {
            return null;
        }
        const concerns = (l) => SEVERITIES.map((s) => l.openConcerns?.[s] ?? 0);
        return chosen.flatMap((s) => s.lookFirst ?? []).sort((a, b) => {
            const byRisk = (b.risk ?? -1) - (a.risk ?? -1);
            if (byRisk !== 0) {
                return byRisk;
            }
            const [ca, cb] = [concerns(a), concerns(b)];
            const i = ca.findIndex((n, k) => n !== cb[k]);
            return i >= 0 ? cb[i] - ca[i] : a.userId.localeCompare(b.userId);
        }).slice(0, top);
    }

    /** Learners per band over the chosen cohort (or every cohort summarised); null without a summary. */
    bands(cohortId) {
        const chosen = cohortId ? [this.summaries.get(cohortId)].filter(Boolean) : [...this.summaries.values()];
        if (chosen.length === 0) {
            return null;
        }
        const counts = { high: 0, medium: 0, low: 0, unscored: 0 };
        chosen.forEach((s) => Object.entries(s.learnersByBand ?? {})
            .forEach(([band, n]) => { counts[band] = (counts[band] ?? 0) + n; }));
        return counts;
    }
}

/** "High risk 77%" beside a learner's name; nothing for a learner never scored. */
export function bandChip(score) {
    if (!score?.band) {
        return null;
    }
    return h('span', {
        class: 'band-chip', dataset: { band: score.band },
        title: `Risk of failing or withdrawing: ${percent(score.risk)}${score.courseId ? ` in ${score.courseId}` : ''}`,
    }, `${bandLabel(score.band)} ${percent(score.risk)}`);
}

/** The overview's row of learners per band, as a bar. */
export function bandCounts(counts, cohortId) {
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    return h('div', { class: 'risk-bands-body', dataset: { learners: String(total) } },
        h('h3', {}, `Risk ${cohortId ? `in ${cohortId}` : 'in your cohorts'} (${total} learner${total === 1 ? '' : 's'})`),
        h('div', { class: 'risk-bar', 'aria-hidden': 'true' }, ['high', 'medium', 'low', 'unscored']
            .filter((band) => counts[band] > 0)
            .map((band) => h('span', { dataset: { band }, style: { flexGrow: String(counts[band]) } }))),
        h('p', { class: 'risk-band-counts' }, ['high', 'medium', 'low', 'unscored'].map((band) => h('span', {
            class: 'risk-band-count', dataset: { band },
        }, `${band === 'unscored' ? 'Not scored' : bandLabel(band)}: ${counts[band] ?? 0}`))));
}

/** The learner view's tile: the latest score, its band and when. */
export function riskTile(latest) {
    return h('div', { class: 'mini-tile', 'data-tile': 'risk', dataset: { band: latest?.band ?? '' } },
        h('span', { class: 'mini-tile-label' }, 'Risk'),
        h('strong', {}, latest ? percent(latest.risk) : '–'),
        h('span', { class: 'mini-tile-note' }, latest ? `${bandLabel(latest.band)} · ${formatTime(latest.at)}` : 'not scored yet'));
}

/** The factors behind the latest score: each feature's value and its contribution to the score. */
export function riskFactors(latest) {
    if (!latest) {
        return null;
    }
    const factors = latest.factors ?? [];
    const widest = Math.max(1e-9, ...factors.map((f) => Math.abs(f.contribution)));
    return h('section', { class: 'risk-factors', 'aria-label': 'Why this risk' },
        h('h3', {}, `Why ${percent(latest.risk)} (${bandLabel(latest.band).toLowerCase()})`),
        h('p', { class: 'muted' }, `Scored ${formatTime(latest.at)}${latest.courseId ? ` in ${latest.courseId}` : ''} `
            + `by model ${latest.modelVersion}. A positive contribution raises the risk (log-odds).`),
        h('table', {},
            h('thead', {}, h('tr', {}, h('th', {}, 'Factor'), h('th', {}, 'Value'), h('th', {}, 'Contribution'))),
            h('tbody', {}, factors.map((f) => {
                const [label, format] = FACTORS[f.name] ?? [f.name, (v) => String(v)];
                const raises = f.contribution > 0;
                return h('tr', { dataset: { factor: f.name } },
                    h('th', { scope: 'row' }, label),
                    h('td', {}, f.value === null || f.value === undefined ? 'none yet' : format(f.value)),
                    h('td', { class: 'contribution', dataset: { sign: raises ? 'up' : 'down' } },
                        h('span', {
                            class: 'contribution-bar',
                            style: { width: `${(Math.abs(f.contribution) / widest) * 60}%` },
                        }),
                        h('span', {}, `${raises ? '+' : ''}${f.contribution.toFixed(2)}`)));
            }))));
}

/**
 * The risk history of one course as points of the figures chart, oldest first: [seconds, risk]. A score
 * stands until the next one (the job writes one when it changed by 0.05 or its band changed), so the chart
 * steps.
 */
export function riskPoints(history, courseId) {
    return (history ?? []).filter((score) => score.courseId === courseId)
        .map((score) => [Date.parse(score.at) / 1000, score.risk])
        .filter(([t]) => Number.isFinite(t))
        .sort((a, b) => a[0] - b[0]);
}
