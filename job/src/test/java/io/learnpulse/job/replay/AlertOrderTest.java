package io.learnpulse.job.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.learnpulse.model.Alert;
import io.learnpulse.model.AlertType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The replay's alert file order (docs/cli.md): eventTime, then userId, then the type's name. */
class AlertOrderTest {

    @Test
    void typesAtTheSameTimeAndLearnerSortByTheirNames() {
        List<Alert> alerts = new ArrayList<>();
        // declaration order, the order the comparator must not follow
        for (AlertType type : AlertType.values()) {
            alerts.add(alert(1_000L, "u1", type, "a-" + type));
        }
        alerts.sort(Replay.ALERT_ORDER);
        assertThat(alerts).extracting(a -> a.type.name()).containsExactly(
                "AT_RISK", "COMPLETION_STAGNATION", "CONSECUTIVE_LOW_SCORES", "ENGAGEMENT_DROP",
                "HIGH_PERFORMANCE", "LOW_CONSISTENCY", "MISSED_DEADLINE", "PERFORMANCE_DECLINE");
    }

    @Test
    void eventTimeComesFirstThenTheLearnerThenTheTypeThenTheAlertId() {
        Alert late = alert(2_000L, "a", AlertType.COMPLETION_STAGNATION, "x");
        Alert otherLearner = alert(1_000L, "b", AlertType.COMPLETION_STAGNATION, "x");
        Alert declineFirstId = alert(1_000L, "a", AlertType.PERFORMANCE_DECLINE, "1");
        Alert declineSecondId = alert(1_000L, "a", AlertType.PERFORMANCE_DECLINE, "2");
        Alert consistency = alert(1_000L, "a", AlertType.LOW_CONSISTENCY, "9");
        List<Alert> alerts = new ArrayList<>(List.of(late, otherLearner, declineSecondId, declineFirstId, consistency));
        alerts.sort(Replay.ALERT_ORDER);
        assertThat(alerts).containsExactly(consistency, declineFirstId, declineSecondId, otherLearner, late);
    }

    private static Alert alert(long eventTime, String userId, AlertType type, String alertId) {
        Alert alert = new Alert();
        alert.eventTime = eventTime;
        alert.userId = userId;
        alert.type = type;
        alert.severity = type.severity();
        alert.alertId = alertId;
        return alert;
    }
}
