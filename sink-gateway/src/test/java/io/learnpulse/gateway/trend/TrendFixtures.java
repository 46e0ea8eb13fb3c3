package io.learnpulse.gateway.trend;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.learnpulse.gateway.store.DailyFigures;

/** Daily figures of cohort k1 whose trends the tests work out by hand. */
public final class TrendFixtures {

    /** The last day of the tests' windows. */
    public static final LocalDate TO = LocalDate.parse("2026-11-14");

    private TrendFixtures() {
    }

    /**
     * 14 days ending 2026-11-14; active on 1-4 and 8-13 November (4 days in the first week, 6 in the
     * second); mean score 0.50 + 0.02 per day; progress 0.04 per active day, so 0.40 on the tenth.
     */
    public static List<DailyFigures> steadyLearner() {
        List<DailyFigures> days = new ArrayList<>();
        int activeDay = 0;
        for (int index = 0; index < 14; index++) {
            if (index >= 4 && index <= 6 || index == 13) {
                continue;
            }
            activeDay++;
            days.add(day("u1", "2026-11-" + String.format("%02d", 1 + index), 0.50 + 0.02 * index,
                    0.04 * activeDay));
        }
        days.add(day("u1", "2026-10-31", 0.0, 0.0)); // before the window: not counted
        return days;
    }

    public static DailyFigures day(String userId, String day, Double meanScore, Double progress) {
        return new DailyFigures(userId, "c1", "k1", day, 4, meanScore == null ? 0 : 1, meanScore, progress, 0.5);
    }
}
