package io.learnpulse.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Settings overrides in JSON and the rule settings' one definition (docs/events.md, docs/rules.md). */
class SettingsJsonTest {
    private static final long FROM = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();

    @Test
    void overridesRoundTripWithDurationsAsTheReadmeWritesThem() throws Exception {
        SettingsOverride o = JsonCodec.readSettingsOverride("{\"scope\":\"cohort\",\"id\":\"k1\","
                + "\"effectiveFrom\":\"2026-11-01T00:00:00Z\",\"rules\":{\"stagnation.after\":\"PT72H\","
                + "\"low-score.threshold\":0.5,\"low-score.count\":4,\"missed-deadline.grace\":\"90 min\"}}");
        assertThat(o.scope).isEqualTo(SettingsOverride.Scope.COHORT);
        assertThat(o.key()).isEqualTo("cohort:k1");
        assertThat(o.effectiveFrom).isEqualTo(FROM);
        assertThat(o.rules).containsExactly(Map.entry("low-score.threshold", 0.5), Map.entry("low-score.count", 4.0),
                Map.entry("stagnation.after", 72 * 3_600_000.0), Map.entry("missed-deadline.grace", 90 * 60_000.0));
        String json = JsonCodec.settingsOverride(o);
        assertThat(json).isEqualTo("{\"scope\":\"cohort\",\"id\":\"k1\",\"effectiveFrom\":\"2026-11-01T00:00:00Z\","
                + "\"rules\":{\"low-score.threshold\":0.5,\"low-score.count\":4,\"stagnation.after\":\"3 d\","
                + "\"missed-deadline.grace\":\"90 min\"}}");
        assertThat(JsonCodec.readSettingsOverride(json)).isEqualTo(o);
    }

    @Test
    void anEmptyRulesObjectRemovesTheOverride() throws Exception {
        SettingsOverride o = JsonCodec.readSettingsOverride(
                "{\"scope\":\"learner\",\"id\":\"u7\",\"effectiveFrom\":\"2026-11-01T00:00:00Z\",\"rules\":{}}");
        assertThat(o.removes()).isTrue();
        assertThat(o.key()).isEqualTo("learner:u7");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{'scope':'team','id':'k','effectiveFrom':'T','rules':{}}           | invalid_value   | unknown scope 'team'",
        "{'id':'k','effectiveFrom':'T','rules':{}}                          | missing_field   | 'scope'",
        "{'scope':'cohort','effectiveFrom':'T','rules':{}}                  | missing_field   | 'id'",
        "{'scope':'cohort','id':'k','rules':{}}                             | missing_field   | 'effectiveFrom'",
        "{'scope':'cohort','id':'k','effectiveFrom':'soon','rules':{}}      | bad_timestamp   | 'effectiveFrom'",
        "{'scope':'cohort','id':'k','effectiveFrom':'T'}                    | missing_field   | 'rules'",
        "{'scope':'cohort','id':'k','effectiveFrom':'T','rules':[]}         | invalid_value   | 'rules' must be an object",
        "{'scope':'cohort','id':'k','effectiveFrom':'T','rules':{'x.y':1}}  | unknown_setting | unknown setting 'x.y'",
        "{'scope':'cohort','id':'k','effectiveFrom':'T','rules':{'forget-after':'9 d'}} | unknown_setting | 'forget-after' is job-wide",
        "{'scope':'cohort','id':'k','effectiveFrom':'T','rules':{'rules.decline.days':3}} | unknown_setting | without 'rules.'",
        "{'scope':'cohort','id':'k','effectiveFrom':'T','rules':{'low-score.threshold':1.5}} | out_of_range | 'low-score.threshold' must be a number in [0, 1], was 1.5",
        "{'scope':'cohort','id':'k','effectiveFrom':'T','rules':{'low-score.threshold':'low'}} | invalid_value | 'low-score.threshold' must be a number in [0, 1], was \"low\"",
        "{'scope':'cohort','id':'k','effectiveFrom':'T','rules':{'low-score.count':2.5}} | out_of_range | 'low-score.count' must be a whole number from 1 to 100, was 2.5",
        "{'scope':'cohort','id':'k','effectiveFrom':'T','rules':{'consistency.window-days':64}} | out_of_range | from 1 to 63, was 64",
        "{'scope':'cohort','id':'k','effectiveFrom':'T','rules':{'stagnation.after':120}} | invalid_value | 'stagnation.after' must be a duration from 1 ms to 365 d",
        "{'scope':'cohort','id':'k','effectiveFrom':'T','rules':{'stagnation.after':'0 h'}} | out_of_range | was 0 ms",
        "{'scope':'cohort','id':'k','effectiveFrom':'T','rules':{'missed-deadline.grace':'a week'}} | invalid_value | 'missed-deadline.grace' must be a duration",
    })
    void invalidOverridesAreRefusedWithTheirReason(String json, String reason, String detail) {
        String record = json.replace('\'', '"').replace("\"T\"", "\"2026-11-01T00:00:00Z\"");
        assertThatThrownBy(() -> JsonCodec.readSettingsOverride(record))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).contains(detail);
                });
    }

    @Test
    void validationNamesEveryBadKeyAndValue() {
        Map<String, Object> rules = new LinkedHashMap<>();
        rules.put("low-score.threshold", 0.55);
        rules.put("low-score.cuont", 4);
        rules.put("decline.days", 0);
        rules.put("engagement.empty-days", "3");
        assertThat(RuleSettings.validate(rules)).extracting(RuleSettings.Problem::key, RuleSettings.Problem::reason)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("low-score.cuont", DeadLetter.UNKNOWN_SETTING),
                        org.assertj.core.groups.Tuple.tuple("decline.days", DeadLetter.OUT_OF_RANGE),
                        org.assertj.core.groups.Tuple.tuple("engagement.empty-days", DeadLetter.INVALID_VALUE));
        assertThatThrownBy(() -> RuleSettings.read(rules)).hasMessageContaining("low-score.cuont")
                .hasMessageContaining("'decline.days' must be a whole number from 1 to 60, was 0");
    }

    @Test
    void everySettingHasItsDefaultInItsRangeAndDurationsParseInBothForms() {
        for (RuleSettings.Setting s : RuleSettings.all()) {
            assertThat(s.problemWith(s.defaultValue())).as(s.key()).isNull();
            assertThat(s.read(s.json(s.defaultValue()))).as(s.key()).isEqualTo(s.defaultValue());
            assertThat(s.optionKey()).isEqualTo("rules." + s.key());
        }
        assertThat(RuleSettings.parseDuration("120 h")).isEqualTo(RuleSettings.parseDuration("PT120H"))
                .isEqualTo(RuleSettings.parseDuration("5d")).isEqualTo(432_000_000L);
        assertThat(RuleSettings.parseDuration("-PT1H")).isNull();
        assertThat(RuleSettings.formatDuration(86_400_000L)).isEqualTo("1 d");
        assertThat(RuleSettings.STAGNATION_AFTER.text(RuleSettings.STAGNATION_AFTER.defaultValue())).isEqualTo("5 d");
    }
}
