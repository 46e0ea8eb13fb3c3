package io.learnpulse.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The score and its explanation from a hand-written model file whose every output is known. */
class RiskModelTest {
    private static final double EXACT = 1e-12;

    private static RiskModel handModel() throws URISyntaxException {
        return RiskModelFile.read(Path.of(RiskModelTest.class.getResource("hand-model.json").toURI()));
    }

    /** A learner who missed 2 of 4 items, scores 48% on average, was last active 3 days ago, on 4 of 7 days. */
    private static double[] learner() {
        double[] v = new double[Feature.values().length];
        Arrays.fill(v, Double.NaN);
        v[Feature.ITEMS_DUE.ordinal()] = 4;
        v[Feature.ITEMS_MISSED.ordinal()] = 2;
        v[Feature.SHARE_MISSED.ordinal()] = 0.5;
        v[Feature.MEAN_SCORE.ordinal()] = 0.48;
        v[Feature.DAYS_SINCE_ACTIVITY.ordinal()] = 3;
        v[Feature.ACTIVE_DAYS_7.ordinal()] = 4;
        return v;
    }

    @Test
    void theRiskIsTheLogisticOfTheInterceptPlusEveryContribution() throws Exception {
        RiskScore score = handModel().score(learner());

        // -1 + 2.0 × 0.5 + (-1.0) × (0.48 - 0.6) / 0.2 + 0.5 × 3 / 10 + (-0.2) × (4 - 3.5) / 1 = 0.65
        assertThat(score.logit()).isCloseTo(0.65, within(EXACT));
        assertThat(score.risk).isCloseTo(1.0 / (1.0 + Math.exp(-0.65)), within(EXACT));
        assertThat(score.risk).isCloseTo(0.657010, within(1e-6));
        assertThat(score.band).isEqualTo(RiskBand.MEDIUM);
        assertThat(score.modelVersion).isEqualTo("hand-1");
        assertThat(score.intercept).isEqualTo(-1.0);
    }

    /** The job decides from the unexplained risk whether to explain it: both must be the same number. */
    @Test
    void theRiskAloneIsTheExplainedScoresRiskToTheBit() throws Exception {
        RiskModel shipped = RiskModelFile.readDefault();
        double[] missing = new double[Feature.values().length];
        Arrays.fill(missing, Double.NaN);
        double[] negativeZeroWeighed = learner();
        negativeZeroWeighed[Feature.MEAN_LATENESS_DAYS.ordinal()] = -2.5;
        List<double[]> inputs = new ArrayList<>(List.of(learner(), missing, negativeZeroWeighed));
        // and many more, from a fixed seed: every value drawn from the edges and the usual ranges
        Random random = new Random(20261201L);
        double[] edges = {Double.NaN, 0.0, -0.0, 1.0, -1.0, 1e-300, 1e300, 0.1, 7.0 / 3};
        for (int n = 0; n < 20_000; n++) {
            double[] values = new double[Feature.values().length];
            for (int i = 0; i < values.length; i++) {
                values[i] = random.nextInt(4) == 0 ? edges[random.nextInt(edges.length)]
                        : random.nextDouble() * (random.nextBoolean() ? 1 : 100) - (random.nextInt(8) == 0 ? 10 : 0);
            }
            inputs.add(values);
        }
        for (RiskModel model : new RiskModel[] {handModel(), shipped}) {
            for (double[] values : inputs) {
                assertThat(Double.doubleToRawLongBits(model.risk(values)))
                        .isEqualTo(Double.doubleToRawLongBits(model.score(values).risk));
            }
        }
    }

    @Test
    void theFactorsComeLargestContributionFirstWithTheirValues() throws Exception {
        RiskScore score = handModel().score(learner());

        assertThat(score.factors).extracting(c -> c.feature).containsExactly(Feature.SHARE_MISSED,
                Feature.MEAN_SCORE, Feature.DAYS_SINCE_ACTIVITY, Feature.ACTIVE_DAYS_7);
        assertThat(score.factors).extracting(c -> c.value).containsExactly(0.5, 0.48, 3.0, 4.0);
        double[] contributions = score.factors.stream().mapToDouble(c -> c.contribution).toArray();
        assertThat(contributions[0]).isCloseTo(1.0, within(EXACT));
        assertThat(contributions[1]).isCloseTo(0.6, within(EXACT));
        assertThat(contributions[2]).isCloseTo(0.15, within(EXACT));
        assertThat(contributions[3]).isCloseTo(-0.1, within(EXACT));
    }

    @Test
    void theMessageNamesTheTopRiskRaisingFactors() throws Exception {
        assertThat(handModel().score(learner()).message())
                .isEqualTo("missed 2 of 4 assignments; mean score 48%; no activity for 3 days");
    }

    @Test
    void aValueNotDefinedYetCountsAsItsIfMissing() throws Exception {
        double[] v = learner();
        v[Feature.SHARE_MISSED.ordinal()] = Double.NaN;
        v[Feature.MEAN_SCORE.ordinal()] = Double.NaN;
        RiskScore score = handModel().score(v);

        // shareMissed counts as its ifMissing 0, meanScore as its mean: both contribute nothing.
        assertThat(score.logit()).isCloseTo(-1.0 + 0.15 - 0.1, within(EXACT));
        assertThat(score.band).isEqualTo(RiskBand.LOW);
        assertThat(score.message()).isEqualTo("no activity for 3 days");
    }

    @Test
    void theBandsAreLowBelowHalfMediumBelowThreeQuartersThenHigh() throws Exception {
        RiskModel model = handModel();
        assertThat(model.band(0.4999)).isEqualTo(RiskBand.LOW);
        assertThat(model.band(0.5)).isEqualTo(RiskBand.MEDIUM);
        assertThat(model.band(0.7499)).isEqualTo(RiskBand.MEDIUM);
        assertThat(model.band(0.75)).isEqualTo(RiskBand.HIGH);
    }

    @Test
    void aWrittenModelReadsBackTheSame() throws Exception {
        RiskModel model = handModel();
        RiskModel back = RiskModelFile.parse(RiskModelFile.write(model, null), "written");

        RiskScore a = model.score(learner());
        RiskScore b = back.score(learner());
        assertThat(b.risk).isEqualTo(a.risk);
        assertThat(b.message()).isEqualTo(a.message());
        assertThat(back.medium).isEqualTo(0.5);
        assertThat(back.high).isEqualTo(0.75);
    }

    @Test
    void theModelTravelsWithTheOperator() throws Exception {
        try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
            out.writeObject(handModel());
            out.writeObject(new FeatureExtractor(java.time.ZoneOffset.UTC));
        }
    }

    @Test
    void theShippedModelRanksALearnerWhoMissesEverythingHighAndAGoodOneLow() {
        RiskModel model = RiskModelFile.readDefault();
        assertThat(model.version).isEqualTo("oulad-2013-1");
        assertThat(model.factors).hasSize(Feature.values().length);

        double[] struggling = new double[Feature.values().length];
        Arrays.fill(struggling, Double.NaN);
        struggling[Feature.ITEMS_DUE.ordinal()] = 3;
        struggling[Feature.ITEMS_MISSED.ordinal()] = 3;
        struggling[Feature.SHARE_MISSED.ordinal()] = 1.0;
        struggling[Feature.GRADE_SHARE.ordinal()] = 0.0;
        struggling[Feature.DAYS_SINCE_ACTIVITY.ordinal()] = 60;
        struggling[Feature.DAYS_SINCE_SUBMISSION.ordinal()] = 60;
        struggling[Feature.ACTIVE_DAYS_7.ordinal()] = 0;
        struggling[Feature.ACTIVE_DAYS_14.ordinal()] = 0;
        RiskScore high = model.score(struggling);
        assertThat(high.band).isEqualTo(RiskBand.HIGH);
        assertThat(high.message()).contains("earned 0% of the grade due so far");

        double[] doingWell = struggling.clone();
        doingWell[Feature.ITEMS_MISSED.ordinal()] = 0;
        doingWell[Feature.SHARE_MISSED.ordinal()] = 0;
        doingWell[Feature.MEAN_SCORE.ordinal()] = 0.85;
        doingWell[Feature.LOWEST_SCORE.ordinal()] = 0.8;
        doingWell[Feature.GRADE_SHARE.ordinal()] = 0.85;
        doingWell[Feature.DAYS_SINCE_ACTIVITY.ordinal()] = 2;
        doingWell[Feature.DAYS_SINCE_SUBMISSION.ordinal()] = 10;
        assertThat(model.score(doingWell).band).isEqualTo(RiskBand.LOW);
    }

    @Test
    void aBadFileIsRefusedWithWhatIsWrong() {
        assertBad("{", "risk model m: not JSON");
        assertBad("[]", "risk model m: expected a JSON object");
        assertBad("{\"intercept\": 0, \"factors\": [{}]}", "'version' must be a non-empty string");
        assertBad("{\"version\": \"v\", \"factors\": []}", "'intercept' must be a finite number (missing)");
        assertBad("{\"version\": \"v\", \"intercept\": 0, \"factors\": []}", "'factors' must be a non-empty array");
        assertBad(model("{\"feature\": \"shoeSize\", \"mean\": 0, \"std\": 1, \"weight\": 1}"),
                "factor 1: unknown feature \"shoeSize\" (expected one of itemsDue, itemsMissed");
        assertBad(model("{\"feature\": \"meanScore\", \"weight\": 1}"),
                "factor 1 (meanScore): give its scaling as either \"mean\" and \"std\" or \"min\" and \"max\"");
        assertBad(model("{\"feature\": \"meanScore\", \"mean\": 0, \"std\": 1, \"min\": 0, \"max\": 1, \"weight\": 1}"),
                "give its scaling as either");
        assertBad(model("{\"feature\": \"meanScore\", \"mean\": 0, \"std\": 0, \"weight\": 1}"),
                "factor 1 (meanScore): 'std' must be positive, was 0.0");
        assertBad(model("{\"feature\": \"meanScore\", \"min\": 1, \"max\": 1, \"weight\": 1}"),
                "'max' must be above 'min'");
        assertBad(model("{\"feature\": \"meanScore\", \"mean\": 0, \"std\": 1, \"weight\": \"big\"}"),
                "factor 1 (meanScore): 'weight' must be a finite number, was \"big\"");
        assertBad(model("{\"feature\": \"meanScore\", \"mean\": 0, \"std\": 1, \"weight\": 1},"
                + "{\"feature\": \"meanScore\", \"mean\": 0, \"std\": 1, \"weight\": 2}"),
                "factor 2: feature 'meanScore' appears twice");
        assertBad("{\"version\": \"v\", \"intercept\": 0, \"bands\": {\"medium\": 0.8, \"high\": 0.7}, \"factors\": ["
                + "{\"feature\": \"meanScore\", \"mean\": 0, \"std\": 1, \"weight\": 1}]}",
                "bands must satisfy 0 < medium <= high < 1, were medium 0.8, high 0.7");
        assertThatThrownBy(() -> RiskModelFile.read(Path.of("no-such-model.json")))
                .hasMessage("risk model no-such-model.json: no such file");
    }

    private static String model(String factors) {
        return "{\"version\": \"v\", \"intercept\": 0, \"factors\": [" + factors + "]}";
    }

    private static void assertBad(String text, String message) {
        assertThatThrownBy(() -> RiskModelFile.parse(text, "m"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
