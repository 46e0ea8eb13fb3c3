// Words a teacher reads instead of the contract's constants, and times in the reader's locale.

export const TYPES = {
    CONSECUTIVE_LOW_SCORES: 'Low scores in a row',
    PERFORMANCE_DECLINE: 'Performance decline',
    ENGAGEMENT_DROP: 'Stopped engaging',
    COMPLETION_STAGNATION: 'Progress stalled',
    LOW_CONSISTENCY: 'Irregular study',
    HIGH_PERFORMANCE: 'Excelling',
    MISSED_DEADLINE: 'Missed deadline',
    AT_RISK: 'At risk',
};

export const SEVERITIES = {
    HIGH: 'High',
    MEDIUM: 'Medium',
    LOW: 'Low',
};

/** Colours of the severities, shared by the stylesheet's badges and the charts' markers. */
export const SEVERITY_COLOURS = {
    HIGH: '#c62828',
    MEDIUM: '#e07b00',
    LOW: '#1f6fb2',
};

export const REASONS = {
    useful: 'Useful',
    not_useful: 'Not useful',
    fixed: 'Already handled',
    incorrectly_flagged: 'Wrongly flagged',
};

export const typeLabel = (type) => TYPES[type] ?? type;
export const severityLabel = (severity) => SEVERITIES[severity] ?? severity;
export const reasonLabel = (reason) => REASONS[reason] ?? reason;

const dateTime = new Intl.DateTimeFormat(undefined, {
    weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit',
});
const dayOnly = new Intl.DateTimeFormat(undefined, {
    weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC',
});

/** "Tue 24 Nov, 10:15" in the reader's time zone; the ISO text if it does not parse. */
export function formatTime(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso ?? '') : dateTime.format(date);
}

/** A calendar day of the figures ("2026-11-24", a UTC day) as "Tue 24 Nov". */
export function formatDay(day) {
    const date = new Date(`${day}T00:00:00Z`);
    return Number.isNaN(date.getTime()) ? String(day ?? '') : dayOnly.format(date);
}

/** 0.634 -> "63%"; null -> "–". */
export function percent(fraction) {
    return fraction === null || fraction === undefined ? '–' : `${Math.round(fraction * 100)}%`;
}
