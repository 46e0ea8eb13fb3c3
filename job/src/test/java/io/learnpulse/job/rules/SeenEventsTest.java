package io.learnpulse.job.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The dedup window's ids: forgetting drops exactly the prefix accepted before a moment. */
class SeenEventsTest {
    @Test
    void forgettingDropsTheIdsAcceptedBeforeTheMomentAndKeepsThoseAtOrAfterIt() {
        SeenEvents seen = seen(10, 20, 20, 30, 40);
        seen.forgetBefore(20);
        assertThat(seen.ids).containsExactly("e20a", "e20b", "e30", "e40");
        assertThat(seen.times).containsExactly(20L, 20L, 30L, 40L);
        seen.forgetBefore(21);
        assertThat(seen.ids).containsExactly("e30", "e40");
        assertThat(seen.acceptedAt("e40")).isEqualTo(40L);
        assertThat(seen.acceptedAt("e20a")).isNull();
    }

    @Test
    void forgettingBeforeTheFirstKeepsAllAndAfterTheLastDropsAll() {
        SeenEvents seen = seen(10, 20);
        seen.forgetBefore(10);
        assertThat(seen.ids).hasSize(2);
        seen.forgetBefore(21);
        assertThat(seen.ids).isEmpty();
        assertThat(seen.times).isEmpty();
        seen.forgetBefore(100);
        assertThat(seen.ids).isEmpty();
    }

    private static SeenEvents seen(long... times) {
        SeenEvents seen = new SeenEvents();
        char suffix = 'a';
        for (int i = 0; i < times.length; i++) {
            boolean tie = (i > 0 && times[i - 1] == times[i]) || (i + 1 < times.length && times[i + 1] == times[i]);
            seen.accept("e" + times[i] + (tie ? String.valueOf(suffix++) : ""), times[i]);
        }
        return seen;
    }
}
