package io.learnpulse.gateway.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.learnpulse.gateway.store.Acknowledgement;
import io.learnpulse.gateway.notify.Notification;
import io.learnpulse.gateway.store.Alert;

/**
 * An alert with its acknowledgement trail, oldest first, and its notifications by webhook (those of the
 * webhooks the caller may see): the answer of {@code GET /api/alerts/{alertId}}.
 */
record AlertDetail(@JsonUnwrapped Alert alert, List<Acknowledgement> acknowledgements,
        List<Notification> notifications) {
}
