package io.learnpulse.analysis.oulad;

import io.learnpulse.model.ActivityEvent;
import io.learnpulse.model.CalendarItem;
import io.learnpulse.model.EventType;
import io.learnpulse.model.JsonCodec;
import io.learnpulse.model.Outcome;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * {@code import-oulad} (docs/cli.md): the Open University Learning Analytics Dataset's CSVs to the
 * three files a replay and {@code evaluate} read.
 *
 * <ul>
 *   <li>A learner is one (module, presentation, student): userId {@code AAA-2013J-11391}; the course
 *       is the module presentation, courseId {@code AAA-2013J}; OULAD has no tutor groups, so the
 *       cohort an instructor watches is the presentation too (cohortId = courseId).</li>
 *   <li>{@code events.jsonl}: registrations and unregistrations as {@code enrollment} and
 *       {@code withdrawal}, scored submissions as {@code assessment} (score/100, with
 *       {@code assessmentId} = id_assessment), each click row as {@code activity}; times of day as
 *       {@link OuladTimes} says; sorted by (timestamp, eventId), so a replay in file order has no
 *       late events.</li>
 *   <li>{@code calendar.jsonl}: the dated rows of assessments.csv (docs/events.md).</li>
 *   <li>{@code outcomes.jsonl}: final_result per learner, {@code withdrawnAt} from
 *       date_unregistration, sorted by userId.</li>
 * </ul>
 *
 * Only the small tables (courses, assessments, the withdrawal days) are held in memory; the
 * submission and click tables are streamed into {@link TimeOrderedLines}.
 */
public final class OuladImport {
    static final String EVENTS = "events.jsonl";
    static final String CALENDAR = "calendar.jsonl";
    static final String OUTCOMES = "outcomes.jsonl";
    /** The full click table, or the first rows of it that the dataset's copy here ships. */
    private static final List<String> CLICK_FILES = List.of("studentVle.csv", "studentVle_first20000rows.csv");
    /** A long read says how far it got this often. */
    private static final long PROGRESS_NANOS = Duration.ofSeconds(3).toNanos();

    private final Path data;
    private final Path out;
    private final PrintWriter console;
    private final int runSize;
    private final ImportSummary summary = new ImportSummary();
    private final Map<String, Presentation> courses = new HashMap<>();
    private final Map<String, Assessment> assessments = new HashMap<>();

    private OuladImport(Path data, Path out, PrintWriter console, int runSize) {
        this.data = data;
        this.out = out;
        this.console = console;
        this.runSize = runSize;
    }

    /** Runs the import, prints its progress and summary on {@code console}, and returns the summary. */
    public static ImportSummary run(Path data, Path out, PrintWriter console) {
        return run(data, out, console, TimeOrderedLines.DEFAULT_RUN_SIZE);
    }

    static ImportSummary run(Path data, Path out, PrintWriter console, int runSize) {
        long began = System.nanoTime();
        OuladImport oulad = new OuladImport(data, out, console, runSize);
        oulad.importAll();
        oulad.summary.took(Duration.ofNanos(System.nanoTime() - began));
        oulad.summary.print(console, out);
        console.flush();
        return oulad.summary;
    }

    private void importAll() {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out, e);
        }
        read("courses.csv", row -> {
            Presentation p = Presentation.of(row.get("code_module"), row.get("code_presentation"),
                    row.integer("module_presentation_length"));
            courses.put(p.courseId(), p);
        });
        summary.courses(courses.size());
        read("assessments.csv", row -> {
            Presentation course = course(row);
            if (course != null) {
                assessments.put(row.get("id_assessment"), new Assessment(row.get("id_assessment"), course,
                        row.get("assessment_type"), row.integer("date"), row.number("weight")));
            }
        });
        writeCalendar();

        TimeOrderedLines events = new TimeOrderedLines(out.resolve(EVENTS), runSize);
        Map<String, Long> withdrawnAt = new HashMap<>();
        read("studentRegistration.csv", row -> registration(row, events, withdrawnAt));
        read("studentAssessment.csv", row -> submission(row, events));
        CLICK_FILES.stream().filter(name -> Files.exists(data.resolve(name))).findFirst().ifPresent(name -> {
            summary.clickFile(name);
            read(name, row -> clicks(row, events));
        });
        console.printf(Locale.ROOT, "import-oulad: sorting %,d events by time%n", summary.events());
        events.finish();
        writeOutcomes(withdrawnAt);
    }

    private void registration(CsvFile.Row row, TimeOrderedLines events, Map<String, Long> withdrawnAt) {
        Presentation course = course(row);
        if (course == null) {
            return;
        }
        String userId = userId(course, row.get("id_student"));
        Integer registered = row.integer("date_registration");
        if (registered == null) {
            summary.omit(Omission.REGISTRATION_WITHOUT_DATE);
        } else {
            add(events, event(userId + "/enrollment", userId, course, EventType.ENROLLMENT,
                    course.at(registered, OuladTimes.ENROLLMENT)));
        }
        Integer unregistered = row.integer("date_unregistration");
        if (unregistered != null) {
            Instant at = course.at(unregistered, OuladTimes.WITHDRAWAL);
            withdrawnAt.put(userId, at.toEpochMilli());
            add(events, event(userId + "/withdrawal", userId, course, EventType.WITHDRAWAL, at));
        }
    }

    private void submission(CsvFile.Row row, TimeOrderedLines events) {
        Assessment assessment = assessments.get(row.get("id_assessment"));
        Integer submitted = row.integer("date_submitted");
        Double score = row.number("score");
        if (assessment == null) {
            summary.omit(Omission.SUBMISSION_OF_UNKNOWN_ASSESSMENT);
        } else if (score == null) {
            summary.omit(Omission.SUBMISSION_WITHOUT_SCORE);
        } else if (score < 0 || score > 100) {
            summary.omit(Omission.SUBMISSION_SCORE_OUT_OF_RANGE);
        } else if (submitted == null) {
            summary.omit(Omission.SUBMISSION_WITHOUT_DATE);
        } else {
            if ("1".equals(row.get("is_banked"))) {
                summary.bankedSubmission();
            }
            String userId = userId(assessment.course(), row.get("id_student"));
            ActivityEvent event = event(userId + "/assessment/" + assessment.id(), userId, assessment.course(),
                    EventType.ASSESSMENT, assessment.course().at(submitted, OuladTimes.SUBMISSION));
            event.score = score / 100.0;
            event.assessmentId = assessment.id();
            add(events, event);
        }
    }

    private void clicks(CsvFile.Row row, TimeOrderedLines events) {
        Presentation course = course(row);
        if (course == null) {
            return;
        }
        Integer day = row.integer("date");
        if (day == null) {
            summary.omit(Omission.CLICK_WITHOUT_DATE);
            return;
        }
        String userId = userId(course, row.get("id_student"));
        // A click row has no id of its own: its row number in the click table is stable.
        add(events, event(userId + "/click/" + row.number, userId, course, EventType.ACTIVITY,
                course.at(day, OuladTimes.CLICKS)));
    }

    private static ActivityEvent event(String eventId, String userId, Presentation course, EventType type,
            Instant at) {
        ActivityEvent event = new ActivityEvent(eventId, userId, type, at.toEpochMilli());
        event.courseId = course.courseId();
        event.cohortId = course.courseId();
        return event;
    }

    private void add(TimeOrderedLines events, ActivityEvent event) {
        events.add(event.timestamp, event.eventId, JsonCodec.event(event));
        summary.event(event.type.wireName());
    }

    private void writeCalendar() {
        Map<String, List<Assessment>> byCourseAndType = new TreeMap<>();
        for (Assessment a : assessments.values()) {
            if (a.day() == null) {
                summary.omit(Omission.ASSESSMENT_WITHOUT_DATE);
            } else {
                byCourseAndType.computeIfAbsent(a.course().courseId() + "/" + a.type(), k -> new ArrayList<>()).add(a);
            }
        }
        List<CalendarItem> items = new ArrayList<>();
        for (List<Assessment> ofType : byCourseAndType.values()) {
            ofType.sort(Comparator.comparing(Assessment::day).thenComparing(a -> Long.parseLong(a.id())));
            for (int i = 0; i < ofType.size(); i++) {
                Assessment a = ofType.get(i);
                String title = "Exam".equals(a.type()) && ofType.size() == 1 ? "Exam" : a.type() + " " + (i + 1);
                CalendarItem item = new CalendarItem(a.course().courseId(), a.id(),
                        a.course().at(a.day(), OuladTimes.DEADLINE).toEpochMilli());
                item.title = title;
                item.weight = a.weight();
                items.add(item);
            }
        }
        items.sort(Comparator.comparing((CalendarItem item) -> item.courseId).thenComparing(item -> item.dueAt)
                .thenComparing(item -> item.assessmentId));
        writeLines(CALENDAR, items.stream().map(JsonCodec::calendarItem).toList());
        summary.calendarItems(items.size());
    }

    private void writeOutcomes(Map<String, Long> withdrawnAt) {
        List<Outcome> outcomes = new ArrayList<>();
        read("studentInfo.csv", row -> {
            Presentation course = course(row);
            if (course == null) {
                return;
            }
            // OULAD's Pass, Distinction, Fail, Withdrawn
            Outcome.Result result = Outcome.Result.fromWireName(row.get("final_result").toLowerCase(Locale.ROOT));
            if (result == null) {
                summary.omit(Omission.RESULT_UNKNOWN);
                return;
            }
            Outcome outcome = new Outcome(userId(course, row.get("id_student")), course.start().toEpochMilli(), result);
            outcome.courseId = course.courseId();
            outcome.cohortId = course.courseId();
            outcome.end = course.end().toEpochMilli();
            outcome.withdrawnAt = withdrawnAt.get(outcome.userId);
            outcomes.add(outcome);
            summary.outcome(result.wireName());
        });
        outcomes.sort(Comparator.comparing(outcome -> outcome.userId));
        writeLines(OUTCOMES, outcomes.stream().map(JsonCodec::outcome).toList());
    }

    private Presentation course(CsvFile.Row row) {
        Presentation course = courses.get(row.get("code_module") + "-" + row.get("code_presentation"));
        if (course == null) {
            summary.omit(Omission.ROW_OF_UNKNOWN_PRESENTATION);
        }
        return course;
    }

    private static String userId(Presentation course, String student) {
        return course.courseId() + "-" + student;
    }

    private void read(String file, Consumer<CsvFile.Row> rows) {
        Path path = data.resolve(file);
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("no " + file + " in " + data + " (is it the OULAD directory?)");
        }
        long began = System.nanoTime();
        long[] lastReport = {began};
        long count = new CsvFile(path).forEachRow(row -> {
            if ((row.number & 0x3FFF) == 0 && System.nanoTime() - lastReport[0] > PROGRESS_NANOS) {
                lastReport[0] = System.nanoTime();
                console.printf(Locale.ROOT, "import-oulad: reading %s: %,d rows so far%n", file, row.number);
            }
            rows.accept(row);
        });
        console.printf(Locale.ROOT, "import-oulad: read %-30s %,9d rows (%.1f s)%n", file, count,
                (System.nanoTime() - began) / 1e9);
    }

    private void writeLines(String file, List<String> lines) {
        try (BufferedWriter writer = Files.newBufferedWriter(out.resolve(file), StandardCharsets.UTF_8)) {
            for (String line : lines) {
                writer.write(line);
                writer.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out.resolve(file), e);
        }
    }

    /** One row of assessments.csv; {@code day} is null for the exams OULAD gives no date. */
    private record Assessment(String id, Presentation course, String type, Integer day, Double weight) {}
}
