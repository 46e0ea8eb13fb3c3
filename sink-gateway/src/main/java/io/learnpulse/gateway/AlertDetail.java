package io.learnpulse.gateway;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** An alert with its acknowledgement trail, oldest first: the answer of {@code GET /api/alerts/{alertId}}. */
public record AlertDetail(@JsonUnwrapped Alert alert, List<Acknowledgement> acknowledgements) {
}
