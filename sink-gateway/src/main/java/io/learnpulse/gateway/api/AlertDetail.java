package io.learnpulse.gateway.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.learnpulse.gateway.store.Acknowledgement;
import io.learnpulse.gateway.store.Alert;

/** An alert with its acknowledgement trail, oldest first: the answer of {@code GET /api/alerts/{alertId}}. */
record AlertDetail(@JsonUnwrapped Alert alert, List<Acknowledgement> acknowledgements) {
}
