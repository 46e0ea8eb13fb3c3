package io.learnpulse.gateway.notify;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.learnpulse.gateway.api.ApiException;
import io.learnpulse.gateway.store.Alert;
import io.learnpulse.model.AlertType;
import io.learnpulse.model.Severity;

/**
 * The body of {@code POST /api/webhooks}: {@code url} and {@code secret} required, the rest optional
 * ({@code cohortId}, {@code types}, {@code minSeverity} LOW, {@code format} learnpulse, {@code digest} false).
 * A field that is unknown or of a bad value is a 400 naming it.
 */
record WebhookRequest(String url, String secret, String cohortId, Set<AlertType> types, Severity minSeverity,
        BodyFormat format, boolean digest) {

    static final int MAX_URL_LENGTH = 2000;
    /** As long as the shortest bearer token: a short key makes the signature guessable. */
    static final int MIN_SECRET_LENGTH = 16;
    private static final int MAX_SECRET_LENGTH = 512;
    private static final Set<String> FIELDS = Set.of("url", "secret", "cohortId", "types", "minSeverity", "format",
            "digest");

    static WebhookRequest parse(byte[] body, ObjectMapper mapper) {
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, "invalid body: not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new ApiException(400, "invalid body: not a JSON object");
        }
        node.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw new ApiException(400, "unknown field " + name + ": the fields are " + FIELDS);
            }
        });
        String url = text(node, "url", true);
        checkUrl(url);
        String secret = text(node, "secret", true);
        if (secret.length() < MIN_SECRET_LENGTH || secret.length() > MAX_SECRET_LENGTH) {
            throw new ApiException(400, "invalid field secret: from " + MIN_SECRET_LENGTH + " to " + MAX_SECRET_LENGTH
                    + " characters");
        }
        String cohortId = text(node, "cohortId", false);
        if (cohortId != null && (cohortId.isEmpty() || cohortId.length() > Alert.MAX_ID_LENGTH)) {
            throw new ApiException(400, "invalid field cohortId: from 1 to " + Alert.MAX_ID_LENGTH + " characters");
        }
        Set<AlertType> types = EnumSet.noneOf(AlertType.class);
        JsonNode typesNode = node.get("types");
        if (typesNode != null && !typesNode.isNull()) {
            if (!typesNode.isArray()) {
                throw new ApiException(400, "invalid field types: not an array of alert types");
            }
            for (JsonNode type : typesNode) {
                types.add(constant("types", type.isTextual() ? type.asText() : type.toString(), AlertType.class));
            }
        }
        String severity = text(node, "minSeverity", false);
        String format = text(node, "format", false);
        JsonNode digest = node.get("digest");
        if (digest != null && !digest.isNull() && !digest.isBoolean()) {
            throw new ApiException(400, "invalid field digest: not true or false");
        }
        return new WebhookRequest(url, secret, cohortId, types,
                severity == null ? Severity.LOW : constant("minSeverity", severity, Severity.class),
                format == null ? BodyFormat.LEARNPULSE : constant("format", format, BodyFormat.class),
                digest != null && digest.asBoolean());
    }

    private static void checkUrl(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            throw new ApiException(400, "invalid field url: longer than " + MAX_URL_LENGTH + " characters");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getUserInfo() != null) {
                throw new ApiException(400, "invalid field url: an absolute http or https URL without user information");
            }
        } catch (URISyntaxException e) {
            throw new ApiException(400, "invalid field url: " + e.getReason());
        }
    }

    private static <E extends Enum<E>> E constant(String field, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "invalid field " + field + ": '" + value + "' is not one of "
                    + Arrays.toString(type.getEnumConstants()));
        }
    }

    private static String text(JsonNode node, String name, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new ApiException(400, "missing field " + name);
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new ApiException(400, "invalid field " + name + ": not a string");
        }
        return value.asText();
    }
}
