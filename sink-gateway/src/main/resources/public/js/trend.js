// Trends of a learner and of a cohort (GET /api/users/{u}/trend, /api/cohorts/{k}/trend): arrows for
// the direction of each slope, the projected completion with its range, and a cohort's spread.

import { h } from './dom.js';
import { formatDay, percent } from './format.js';

const ARROWS = { up: '↑', down: '↓', flat: '→', unknown: '·' };
const WORDS = { up: 'rising', down: 'falling', flat: 'steady', unknown: 'not enough data' };

const signed = (value, digits = 2) => (value === null || value === undefined
    ? '–' : `${value > 0 ? '+' : ''}${value.toFixed(digits)}`);

function arrow(label, slope, value, note) {
    const direction = slope?.direction ?? 'unknown';
    return h('div', { class: 'trend-item', dataset: { trend: label.toLowerCase().replace(/\W+/g, '-'), direction } },
        h('span', { class: 'trend-arrow', 'aria-hidden': 'true' }, ARROWS[direction]),
        h('span', { class: 'trend-label' }, label),
        h('strong', {}, value),
        h('span', { class: 'trend-note' }, `${WORDS[direction]}${note ? ` · ${note}` : ''}`));
}

/** "projected Mon 7 Dec (between Wed 2 Dec and Fri 18 Dec)", or why there is none. */
export function completionText(completion) {
    if (completion.completedOn) {
        return `completed ${formatDay(completion.completedOn)}`;
    }
    if (!completion.projected) {
        return completion.reason ?? 'no projection';
    }
    const range = completion.earliest && completion.earliest !== completion.projected
        ? ` (between ${formatDay(completion.earliest)} and ${completion.latest ? formatDay(completion.latest) : 'no end in sight'})`
        : '';
    return `projected ${formatDay(completion.projected)}${range}`;
}

/** The learner view's trend row. */
export function learnerTrend(trend) {
    const score = trend.score.slope;
    const velocity = trend.velocity.progressPerActiveDay;
    const engagement = trend.engagement;
    return h('section', { class: 'trend', 'aria-label': `Trends over ${trend.days} days` },
        h('h3', {}, `Trends, ${trend.days} days to ${formatDay(trend.to)}`),
        h('div', { class: 'trend-items' },
            arrow('Score', score, `${signed(score.value === null ? null : score.value * 100, 1)} pts/day`,
                `${score.points} scored days`),
            arrow('Velocity', velocity, `${percent(velocity.value)} per active day`,
                `progress ${percent(trend.velocity.latestProgress)}`),
            arrow('Engagement', engagement.slope, `${engagement.activeDaysPerWeek.toFixed(1)} days/week`,
                engagement.weeks.map((w) => w.activeDays).join(' → '))),
        h('p', { class: 'trend-completion', dataset: { projected: trend.completion.projected ?? '' } },
            'Completion: ', completionText(trend.completion)));
}

/** The cohort's spread: how many learners go up, stay, go down, and the quartiles behind it. */
export function cohortTrend(trend) {
    const counts = (directions) => ['up', 'flat', 'down', 'unknown']
        .map((d) => h('span', { class: 'trend-count', dataset: { direction: d } }, `${ARROWS[d]} ${directions[d] ?? 0}`));
    const quartiles = (d, format) => (d.learners === 0 ? '–'
        : `${format(d.p25)} · ${format(d.median)} · ${format(d.p75)}`);
    const completion = trend.completion;
    return h('div', { class: 'cohort-trend-body', dataset: { learners: String(trend.learners) } },
        h('h3', {}, `Trends in ${trend.cohortId}, last ${trend.days} days (${trend.learners} learners)`),
        h('table', {},
            h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', {}, 'learners'), h('th', {}, 'quartiles (25 · 50 · 75%)'))),
            h('tbody', {},
                h('tr', { dataset: { row: 'score' } }, h('th', {}, 'Score per day'), h('td', {}, counts(trend.scoreDirections)),
                    h('td', {}, quartiles(trend.scoreSlope, (v) => `${signed(v * 100, 1)} pts`))),
                h('tr', { dataset: { row: 'velocity' } }, h('th', {}, 'Progress per active day'), h('td', {}, String(trend.progressPerActiveDay.learners)),
                    h('td', {}, quartiles(trend.progressPerActiveDay, percent))),
                h('tr', { dataset: { row: 'engagement' } }, h('th', {}, 'Active days per week'), h('td', {}, counts(trend.engagementDirections)),
                    h('td', {}, quartiles(trend.activeDaysPerWeek, (v) => v.toFixed(1)))))),
        h('p', { class: 'muted' }, completion.projected === 0
            ? `No projected completion${completion.completed ? `; ${completion.completed} completed` : ''}.`
            : `Projected completion of ${completion.projected}: earliest ${formatDay(completion.earliest)}, `
              + `median ${formatDay(completion.median)}, latest ${formatDay(completion.latest)}`
              + `${completion.completed ? `; ${completion.completed} completed` : ''}.`));
}
