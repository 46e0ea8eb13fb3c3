package io.learnpulse.gateway.trend;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.learnpulse.gateway.store.DailyFigures;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/** Computes trends from stored daily figures; regressions and intervals by Commons Math. */
public final class Trends {

    private static final int WEEK = 7;
    /** Beyond a thousand years a projection says nothing; it is null (no end in sight). */
    private static final double MAX_PROJECTION_DAYS = 365_000;

    private Trends() {
    }

    /** The first day of the window of {@code days} days ending at {@code to}. */
    public static LocalDate windowStart(LocalDate to, int days) {
        return to.minusDays(days - 1L);
    }

    /** One learner's trend over the window; {@code figures} are that learner's rows in it (any order). */
    public static LearnerTrend learner(String userId, List<DailyFigures> figures, LocalDate to, int days) {
        LocalDate from = windowStart(to, days);
        TreeMap<LocalDate, DailyFigures> byDay = new TreeMap<>();
        for (DailyFigures day : figures) {
            LocalDate date = LocalDate.parse(day.day());
            if (!date.isBefore(from) && !date.isAfter(to) && day.events() > 0) {
                byDay.put(date, day);
            }
        }
        LearnerTrend.Score score = score(byDay, from);
        LearnerTrend.Velocity velocity = velocity(byDay);
        LearnerTrend.Engagement engagement = engagement(byDay.keySet(), to, days);
        return new LearnerTrend(userId, from.toString(), to.toString(), days, score, velocity,
                completion(velocity, byDay, to, days), engagement);
    }

    private static LearnerTrend.Score score(Map<LocalDate, DailyFigures> byDay, LocalDate from) {
        SimpleRegression regression = new SimpleRegression();
        List<LearnerTrend.ScorePoint> points = new ArrayList<>();
        byDay.forEach((day, figures) -> {
            if (figures.meanScore() != null) {
                int index = (int) ChronoUnit.DAYS.between(from, day);
                regression.addData(index, figures.meanScore());
                points.add(new LearnerTrend.ScorePoint(day.toString(), index, figures.meanScore()));
            }
        });
        return new LearnerTrend.Score(Slope.of(regression, 1, "mean score per day"), points);
    }

    private static LearnerTrend.Velocity velocity(Map<LocalDate, DailyFigures> byDay) {
        SimpleRegression regression = new SimpleRegression();
        List<LearnerTrend.ProgressPoint> points = new ArrayList<>();
        int activeDay = 0;
        Double latest = null;
        for (Map.Entry<LocalDate, DailyFigures> entry : byDay.entrySet()) {
            activeDay++;
            Double progress = entry.getValue().progress();
            if (progress != null) {
                regression.addData(activeDay, progress);
                points.add(new LearnerTrend.ProgressPoint(entry.getKey().toString(), activeDay, progress));
                latest = progress;
            }
        }
        return new LearnerTrend.Velocity(Slope.of(regression, 1, "progress per active day"), latest, points);
    }

    private static LearnerTrend.Completion completion(LearnerTrend.Velocity velocity,
            Map<LocalDate, DailyFigures> byDay, LocalDate to, int days) {
        double activeRate = (double) byDay.size() / days;
        Double latest = velocity.latestProgress();
        if (latest == null) {
            return new LearnerTrend.Completion(null, null, null, null, null, null, activeRate,
                    "no progress in the window");
        }
        if (latest >= 1.0) {
            String completedOn = velocity.points().stream().filter(point -> point.progress() >= 1.0)
                    .findFirst().orElseThrow().day();
            return new LearnerTrend.Completion(null, null, null, completedOn, 0.0, 0.0, activeRate, "completed");
        }
        double remaining = 1.0 - latest;
        Slope perActiveDay = velocity.progressPerActiveDay();
        if (perActiveDay.value() == null || perActiveDay.value() <= 0) {
            return new LearnerTrend.Completion(null, null, null, null, remaining, null, activeRate,
                    perActiveDay.value() == null ? "fewer than two days with progress" : "no progress gained in the window");
        }
        double activeDaysNeeded = remaining / perActiveDay.value();
        return new LearnerTrend.Completion(dateAt(to, remaining, perActiveDay.value(), activeRate),
                dateAt(to, remaining, perActiveDay.high(), activeRate),
                dateAt(to, remaining, perActiveDay.low(), activeRate), null, remaining, activeDaysNeeded, activeRate,
                null);
    }

    /** The day the remaining progress is made at {@code perActiveDay}, active on that share of days; null: never. */
    private static String dateAt(LocalDate to, double remaining, Double perActiveDay, double activeRate) {
        if (perActiveDay == null || perActiveDay <= 0) {
            return null;
        }
        double calendarDays = remaining / perActiveDay / activeRate;
        // the tolerance keeps a whole number of days that division made a hair larger (21.000000000000004) whole
        return calendarDays > MAX_PROJECTION_DAYS ? null
                : to.plusDays((long) Math.ceil(calendarDays - 1e-9)).toString();
    }

    private static LearnerTrend.Engagement engagement(Set<LocalDate> active, LocalDate to, int days) {
        SimpleRegression regression = new SimpleRegression();
        List<LearnerTrend.Week> weeks = new ArrayList<>();
        int wholeWeeks = days / WEEK;
        for (int week = 0; week < wholeWeeks; week++) {
            LocalDate weekTo = to.minusDays((long) (wholeWeeks - 1 - week) * WEEK);
            LocalDate weekFrom = weekTo.minusDays(WEEK - 1);
            int count = (int) active.stream().filter(day -> !day.isBefore(weekFrom) && !day.isAfter(weekTo)).count();
            weeks.add(new LearnerTrend.Week(weekFrom.toString(), weekTo.toString(), count));
            regression.addData(week, count);
        }
        return new LearnerTrend.Engagement(active.size(), (double) active.size() * WEEK / days, weeks,
                Slope.of(regression, 1, "active days per week, change per week"));
    }

    /** A cohort's trend: each learner's, over {@code figures} (the cohort's rows in the window), and their spread. */
    public static CohortTrend cohort(String cohortId, List<DailyFigures> figures, LocalDate to, int days) {
        Map<String, List<DailyFigures>> byLearner = new TreeMap<>();
        for (DailyFigures day : figures) {
            byLearner.computeIfAbsent(day.userId(), user -> new ArrayList<>()).add(day);
        }
        List<LearnerTrend> trends = new ArrayList<>();
        byLearner.forEach((userId, rows) -> trends.add(learner(userId, rows, to, days)));
        List<CohortTrend.Learner> items = trends.stream().map(trend -> new CohortTrend.Learner(trend.userId(),
                trend.score().slope().value(), trend.score().slope().direction(),
                trend.velocity().progressPerActiveDay().value(), trend.velocity().latestProgress(),
                trend.completion().projected(), trend.completion().completedOn(),
                trend.engagement().activeDaysPerWeek(), trend.engagement().slope().direction())).toList();
        return new CohortTrend(cohortId, windowStart(to, days).toString(), to.toString(), days, trends.size(),
                distribution(trends.stream().map(trend -> trend.score().slope().value()).toList()),
                directions(trends.stream().map(trend -> trend.score().slope().direction()).toList()),
                distribution(trends.stream().map(trend -> trend.velocity().progressPerActiveDay().value()).toList()),
                distribution(trends.stream().map(trend -> trend.engagement().activeDaysPerWeek()).toList()),
                distribution(trends.stream().map(trend -> trend.engagement().slope().value()).toList()),
                directions(trends.stream().map(trend -> trend.engagement().slope().direction()).toList()),
                projections(trends), items);
    }

    private static CohortTrend.Distribution distribution(List<Double> values) {
        DescriptiveStatistics statistics = new DescriptiveStatistics();
        values.stream().filter(value -> value != null).forEach(statistics::addValue);
        if (statistics.getN() == 0) {
            return new CohortTrend.Distribution(0, null, null, null, null, null, null);
        }
        return new CohortTrend.Distribution((int) statistics.getN(), statistics.getMin(), statistics.getPercentile(25),
                statistics.getPercentile(50), statistics.getPercentile(75), statistics.getMax(), statistics.getMean());
    }

    private static Map<String, Integer> directions(List<String> directions) {
        Map<String, Integer> counts = new TreeMap<>();
        for (String direction : List.of("up", "flat", "down", "unknown")) {
            counts.put(direction, 0);
        }
        directions.forEach(direction -> counts.merge(direction, 1, Integer::sum));
        return counts;
    }

    private static CohortTrend.Projections projections(List<LearnerTrend> trends) {
        DescriptiveStatistics epochDays = new DescriptiveStatistics();
        int completed = 0;
        Map<String, Integer> notProjected = new TreeMap<>();
        for (LearnerTrend trend : trends) {
            LearnerTrend.Completion completion = trend.completion();
            if (completion.projected() != null) {
                epochDays.addValue(LocalDate.parse(completion.projected()).toEpochDay());
            } else if (completion.completedOn() != null) {
                completed++;
            } else {
                notProjected.merge(completion.reason(), 1, Integer::sum);
            }
        }
        if (epochDays.getN() == 0) {
            return new CohortTrend.Projections(0, null, null, null, completed, notProjected);
        }
        return new CohortTrend.Projections((int) epochDays.getN(), day(epochDays.getMin()),
                day(epochDays.getPercentile(50)), day(epochDays.getMax()), completed, notProjected);
    }

    private static String day(double epochDay) {
        return LocalDate.ofEpochDay(Math.round(epochDay)).toString();
    }
}
