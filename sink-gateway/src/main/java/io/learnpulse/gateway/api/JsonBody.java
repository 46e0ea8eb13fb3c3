package io.learnpulse.gateway.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A request body that must be one JSON object; anything else is a 400 naming what is wrong. */
final class JsonBody {

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** The body as an object; an empty body or {@code null} is an empty object. */
    static JsonBody parse(byte[] body, ObjectMapper mapper) {
        if (body.length == 0) {
            return new JsonBody(mapper.createObjectNode());
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (IOException e) {
            throw new ApiException(400, "invalid body: not JSON");
        }
        if (node == null || node.isNull()) {
            return new JsonBody(mapper.createObjectNode());
        }
        if (!node.isObject()) {
            throw new ApiException(400, "invalid body: not a JSON object");
        }
        return new JsonBody((ObjectNode) node);
    }

    ObjectNode node() {
        return node;
    }

    /** 400 naming the fields of the body that are not among {@code known}. */
    JsonBody allowOnly(Set<String> known) {
        Set<String> unknown = new TreeSet<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                unknown.add(name);
            }
        }
        if (!unknown.isEmpty()) {
            throw new ApiException(400, "invalid body: unknown field(s) " + unknown + ", known are "
                    + new TreeSet<>(known));
        }
        return this;
    }

    /** A text field, or null when absent or null; 400 when it is not a string or longer than {@code maxLength}. */
    String text(String name, int maxLength) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw field(name, "not a string");
        }
        if (value.asText().length() > maxLength) {
            throw field(name, "longer than " + maxLength + " characters");
        }
        return value.asText();
    }

    /** A boolean field, or {@code otherwise} when absent or null. */
    boolean bool(String name, boolean otherwise) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isBoolean()) {
            throw field(name, "not true or false");
        }
        return value.asBoolean();
    }

    /** One of the constants of {@code type} by its exact name, or null when absent or null. */
    <E extends Enum<E>> E oneOf(String name, Class<E> type) {
        String value = text(name, QueryParams.MAX_TEXT_LENGTH);
        return value == null ? null : constant(name, value, type);
    }

    /** A list of constants of {@code type}, or null when absent or null. */
    <E extends Enum<E>> List<E> listOf(String name, Class<E> type) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw field(name, "not a list");
        }
        List<E> constants = new ArrayList<>();
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw field(name, "not a list of strings");
            }
            constants.add(constant(name, element.asText(), type));
        }
        return constants;
    }

    private static <E extends Enum<E>> E constant(String name, String value, Class<E> type) {
        Set<String> allowed = new TreeSet<>();
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
            allowed.add(constant.name());
        }
        throw field(name, value + " is not one of " + allowed);
    }

    static ApiException field(String name, String reason) {
        return new ApiException(400, "invalid field " + name + ": " + reason);
    }
}
