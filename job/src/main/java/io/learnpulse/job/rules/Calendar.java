package io.learnpulse.job.rules;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/** Calendar days in the configured zone, as epoch-day numbers; a day starts at 00:00 inclusive. */
final class Calendar implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final long DAY_MILLIS = 86_400_000L;

    private final ZoneId zone;
    /** Offset of a fixed-offset zone (UTC above all) in ms, so the hot path avoids java.time; else null. */
    private final Long fixedOffsetMillis;

    Calendar(ZoneId zone) {
        this.zone = zone;
        this.fixedOffsetMillis = zone.getRules().isFixedOffset()
                ? Long.valueOf(zone.getRules().getOffset(Instant.EPOCH).getTotalSeconds() * 1000L)
                : null;
    }

    long dayOf(long millis) {
        if (fixedOffsetMillis != null) {
            return Math.floorDiv(millis + fixedOffsetMillis, DAY_MILLIS);
        }
        return LocalDate.ofInstant(Instant.ofEpochMilli(millis), zone).toEpochDay();
    }

    long startOf(long day) {
        if (fixedOffsetMillis != null) {
            return day * DAY_MILLIS - fixedOffsetMillis;
        }
        return LocalDate.ofEpochDay(day).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** The instant the day ends: 00:00 of the next day. */
    long endOf(long day) {
        return startOf(day + 1);
    }

    static String isoDate(long day) {
        return LocalDate.ofEpochDay(day).toString();
    }

    static String isoInstant(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
