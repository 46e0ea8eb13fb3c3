package io.learnpulse.gateway.store;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.learnpulse.model.AlertStatus;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.Severity;

/** Alerts and figures to store in tests, valid unless a test changes them. */
public final class TestAlerts {

    private TestAlerts() {
    }

    public static Alert alert(String alertId, String userId, String cohortId, String eventTime) {
        return new Alert(alertId, userId, "c1", cohortId, AlertType.HIGH_PERFORMANCE, Severity.LOW, eventTime,
                "2026-11-24T10:15:01Z", AlertStatus.OPEN, JsonNodeFactory.instance.objectNode().put("n", 1), "m", "r");
    }

    public static DailyFigures figures(String userId, String day, int events) {
        return new DailyFigures(userId, "c1", "k1", day, events, 1, 0.5, null, 0.4);
    }
}
