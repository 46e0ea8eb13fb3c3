package io.learnpulse.gateway.store;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One override of rule settings published through the gateway: for which {@code scope}
 * ({@code cohort} or {@code learner}) and {@code id}, the whole {@code rules} object in its JSON form
 * (an empty one removed the override), in effect from {@code effectiveFrom}; who changed it and when.
 */
public record SettingsChange(String scope, String id, JsonNode rules, String effectiveFrom, String changedBy,
        String changedAt) {
}
