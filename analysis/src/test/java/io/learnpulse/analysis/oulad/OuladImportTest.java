package io.learnpulse.analysis.oulad;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import-oulad} on the shipped OULAD CSVs. The expected counts were computed with awk on the
 * CSVs, independently of the import (the commands are beside each figure).
 */
class OuladImportTest {
    /** The dataset lives beside the repository: {@code ../shared/data/oulad} from its root. */
    static final Path DATA = Path.of("..", "..", "shared", "data", "oulad");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path out;
    static ImportSummary summary;
    static String console;

    @BeforeAll
    static void importShippedData() {
        StringWriter printed = new StringWriter();
        // A small sort run forces the external merge on the real data as well.
        summary = OuladImport.run(DATA, out, new PrintWriter(printed, true), 50_000);
        console = printed.toString();
    }

    @Test
    void writesOneEventPerRegistrationUnregistrationScoredSubmissionAndClickRow() throws IOException {
        // awk -F, 'NR>1 && $4!=""' studentRegistration.csv | wc -l   -> 32548 (45 without a date)
        assertThat(summary.events("enrollment")).isEqualTo(32_548);
        // awk -F, 'NR>1 && $5!=""' studentRegistration.csv | wc -l   -> 10072
        assertThat(summary.events("withdrawal")).isEqualTo(10_072);
        // awk -F, 'NR>1 && $5!=""' studentAssessment.csv | wc -l     -> 173739 (173 without a score)
        assertThat(summary.events("assessment")).isEqualTo(173_739);
        // awk 'NR>1' studentVle_first20000rows.csv | wc -l             -> 20000
        assertThat(summary.events("activity")).isEqualTo(20_000);
        assertThat(lines(OuladImport.EVENTS)).hasSize(32_548 + 10_072 + 173_739 + 20_000);
        assertThat(summary.omitted(Omission.SUBMISSION_WITHOUT_SCORE)).isEqualTo(173);
        assertThat(summary.omitted(Omission.REGISTRATION_WITHOUT_DATE)).isEqualTo(45);
        // awk -F, 'NR>1 && $4==1 && $5!=""' studentAssessment.csv | wc -l -> 1908
        assertThat(summary.bankedSubmissions()).isEqualTo(1_908);
    }

    @Test
    void eventsAreSortedByTimeThenEventIdSoAReplayInFileOrderHasNoLateEvents() throws IOException {
        List<String> lines = lines(OuladImport.EVENTS);
        // Every timestamp is written as yyyy-MM-ddTHH:mm:ssZ, so text order is time order.
        for (int i = 1; i < lines.size(); i++) {
            int byTime = field(lines.get(i - 1), "timestamp").compareTo(field(lines.get(i), "timestamp"));
            if (byTime > 0 || byTime == 0
                    && field(lines.get(i - 1), "eventId").compareTo(field(lines.get(i), "eventId")) >= 0) {
                throw new AssertionError("line " + (i + 1) + " is not after line " + i);
            }
        }
        assertThat(field(lines.get(0), "timestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }

    /** A string field of a line, without a JSON parser: a quarter of a million lines are read. */
    private static String field(String line, String name) {
        int start = line.indexOf("\"" + name + "\":\"") + name.length() + 4;
        return line.substring(start, line.indexOf('"', start));
    }

    @Test
    void mapsEachKindOfRowOntoTheEventContract() throws IOException {
        List<String> lines = lines(OuladImport.EVENTS);
        // AAA,2013J,11391: registered day -159, submitted 1752 on day 18 with 78; 2013J starts 2013-10-01.
        assertThat(find(lines, "AAA-2013J-11391/enrollment")).isEqualTo(JSON.readTree("""
                {"eventId":"AAA-2013J-11391/enrollment","userId":"AAA-2013J-11391","courseId":"AAA-2013J",
                 "cohortId":"AAA-2013J","type":"enrollment","timestamp":"2013-04-25T00:00:00Z"}"""));
        assertThat(find(lines, "AAA-2013J-11391/assessment/1752")).isEqualTo(JSON.readTree("""
                {"eventId":"AAA-2013J-11391/assessment/1752","userId":"AAA-2013J-11391","courseId":"AAA-2013J",
                 "cohortId":"AAA-2013J","type":"assessment","timestamp":"2013-10-19T12:00:00Z",
                 "score":0.78,"assessmentId":"1752"}"""));
        // The first click row: AAA,2013J,28400,546652,-10,4.
        assertThat(find(lines, "AAA-2013J-28400/click/1")).isEqualTo(JSON.readTree("""
                {"eventId":"AAA-2013J-28400/click/1","userId":"AAA-2013J-28400","courseId":"AAA-2013J",
                 "cohortId":"AAA-2013J","type":"activity","timestamp":"2013-09-21T12:00:00Z"}"""));
    }

    @Test
    void calendarHoldsTheDatedAssessments() throws IOException {
        // awk -F, 'NR>1 && $5!=""' assessments.csv | wc -l -> 195 (11 exams without a date)
        assertThat(summary.calendarItems()).isEqualTo(195);
        assertThat(lines(OuladImport.CALENDAR)).hasSize(195);
        assertThat(summary.omitted(Omission.ASSESSMENT_WITHOUT_DATE)).isEqualTo(11);
        List<JsonNode> aaa = json(OuladImport.CALENDAR).stream()
                .filter(item -> item.get("courseId").asText().equals("AAA-2013J")).toList();
        // AAA,2013J: TMAs 1752..1756 due on days 19, 54, 117, 166, 215; the exam 1757 has no date.
        assertThat(aaa).extracting(item -> item.get("title").asText())
                .containsExactly("TMA 1", "TMA 2", "TMA 3", "TMA 4", "TMA 5");
        assertThat(aaa.get(0)).isEqualTo(JSON.readTree("""
                {"courseId":"AAA-2013J","assessmentId":"1752","dueAt":"2013-10-20T23:59:59Z",
                 "title":"TMA 1","weight":10.0}"""));
    }

    @Test
    void outcomesHaveOneLinePerLearnerWithTheWithdrawalDay() throws IOException {
        // awk -F, 'NR>1{print $NF}' studentInfo.csv | sort | uniq -c
        assertThat(summary.outcomes()).isEqualTo(32_593);
        assertThat(summary.outcomes("pass")).isEqualTo(12_361);
        assertThat(summary.outcomes("distinction")).isEqualTo(3_024);
        assertThat(summary.outcomes("fail")).isEqualTo(7_052);
        assertThat(summary.outcomes("withdrawn")).isEqualTo(10_156);
        List<JsonNode> outcomes = json(OuladImport.OUTCOMES);
        assertThat(outcomes).hasSize(32_593);
        // awk -F, 'NR>1 && $5!=""' studentRegistration.csv | wc -l -> 10072 with a withdrawal day
        assertThat(outcomes.stream().filter(o -> !o.get("withdrawnAt").isNull())).hasSize(10_072);
        assertThat(outcomes.get(0)).isEqualTo(JSON.readTree("""
                {"userId":"AAA-2013J-100893","courseId":"AAA-2013J","cohortId":"AAA-2013J",
                 "start":"2013-10-01T00:00:00Z","end":"2014-06-26T00:00:00Z","outcome":"pass",
                 "withdrawnAt":null}"""));
    }

    @Test
    void summarySaysWhatWasLeftOutAndWhy() {
        assertThat(console)
                .contains("236,359 events")
                .containsPattern("173 +studentAssessment.csv +submissions without a score")
                .containsPattern("11 +assessments.csv +assessments without a date")
                .containsPattern("45 +studentRegistration.csv +registrations without a date_registration");
    }

    private static JsonNode find(List<String> lines, String eventId) throws IOException {
        for (String line : lines) {
            if (line.contains("\"" + eventId + "\"")) {
                return JSON.readTree(line);
            }
        }
        throw new AssertionError("no event " + eventId);
    }

    private static List<String> lines(String file) throws IOException {
        try (Stream<String> lines = Files.lines(out.resolve(file))) {
            return lines.toList();
        }
    }

    private static List<JsonNode> json(String file) throws IOException {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : lines(file)) {
            nodes.add(JSON.readTree(line));
        }
        return nodes;
    }
}
