package io.learnpulse.risk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The risk model file (issue 13 item 2), JSON:
 *
 * <pre>
 * {"version": "oulad-2013-1", "intercept": -0.4, "bands": {"medium": 0.5, "high": 0.75},
 *  "factors": [{"feature": "shareMissed", "mean": 0.12, "std": 0.2, "ifMissing": 0.12, "weight": 0.9},
 *              {"feature": "meanScore", "min": 0, "max": 1, "weight": -1.5}, ...],
 *  "fit": {...}}
 * </pre>
 *
 * Each factor is scaled by a mean and standard deviation or by a minimum and maximum; a value not
 * defined yet counts as {@code ifMissing} (default: the mean, or the minimum), {@code bands} may be
 * left out (0.5 and 0.75), and {@code fit} is free-form: how the model was made, which the job does
 * not read. A file that breaks any of this is refused with its name and what is wrong.
 */
public final class RiskModelFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** The model shipped with learnpulse (fitted on OULAD's 2013 presentations: the README says how). */
    public static final String DEFAULT_RESOURCE = "default-risk-model.json";

    private RiskModelFile() {}

    /** The model shipped with learnpulse, {@link #DEFAULT_RESOURCE}. */
    public static RiskModel readDefault() {
        try (InputStream in = RiskModelFile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the default risk model " + DEFAULT_RESOURCE + " is not on the classpath");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), DEFAULT_RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the default risk model", e);
        }
    }

    /** Reads and checks a model file. */
    public static RiskModel read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("risk model " + file + ": no such file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException("risk model " + file + ": cannot read it: " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Reads and checks a model from its JSON text; {@code source} names it in errors. */
    public static RiskModel parse(String text, String source) {
        try {
            return parse(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("risk model " + source + ": not JSON: " + e.getOriginalMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("risk model " + source + ": " + e.getMessage(), e);
        }
    }

    /** The model as its file's JSON, with {@code fit} (how it was made; may be null). */
    public static String write(RiskModel model, JsonNode fit) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", model.version);
        root.put("intercept", model.intercept);
        ObjectNode bands = root.putObject("bands");
        bands.put("medium", model.medium);
        bands.put("high", model.high);
        ArrayNode factors = root.putArray("factors");
        for (Factor f : model.factors) {
            ObjectNode node = factors.addObject();
            node.put("feature", f.feature.wireName());
            node.put("mean", f.center);
            node.put("std", f.scale);
            node.put("ifMissing", f.ifMissing);
            node.put("weight", f.weight);
        }
        if (fit != null) {
            root.set("fit", fit);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RiskModel parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isTextual() || version.asText().isBlank()) {
            throw new IllegalArgumentException("'version' must be a non-empty string");
        }
        double intercept = number(root, "intercept", "the model");
        double medium = RiskModel.DEFAULT_MEDIUM;
        double high = RiskModel.DEFAULT_HIGH;
        JsonNode bands = root.get("bands");
        if (bands != null) {
            if (!bands.isObject()) {
                throw new IllegalArgumentException("'bands' must be an object {\"medium\": ..., \"high\": ...}");
            }
            medium = bands.has("medium") ? number(bands, "medium", "bands") : medium;
            high = bands.has("high") ? number(bands, "high", "bands") : high;
        }
        if (!(0 < medium && medium <= high && high < 1)) {
            throw new IllegalArgumentException("bands must satisfy 0 < medium <= high < 1, were medium " + medium
                    + ", high " + high);
        }
        JsonNode list = root.get("factors");
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new IllegalArgumentException("'factors' must be a non-empty array");
        }
        List<Factor> factors = new ArrayList<>();
        Set<Feature> seen = EnumSet.noneOf(Feature.class);
        for (int i = 0; i < list.size(); i++) {
            Factor factor = factor(list.get(i), "factor " + (i + 1));
            if (!seen.add(factor.feature)) {
                throw new IllegalArgumentException("factor " + (i + 1) + ": feature '" + factor.feature.wireName()
                        + "' appears twice");
            }
            factors.add(factor);
        }
        return new RiskModel(version.asText(), factors, intercept, medium, high);
    }

    private static Factor factor(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": expected an object");
        }
        JsonNode name = node.get("feature");
        Feature feature = name != null && name.isTextual() ? Feature.fromWireName(name.asText()) : null;
        if (feature == null) {
            throw new IllegalArgumentException(where + ": unknown feature " + (name == null ? "(none)" : name)
                    + " (expected one of " + Arrays.stream(Feature.values()).map(Feature::wireName)
                            .collect(Collectors.joining(", ")) + ")");
        }
        where = where + " (" + feature.wireName() + ")";
        boolean standard = node.has("mean") || node.has("std");
        boolean minMax = node.has("min") || node.has("max");
        if (standard == minMax) {
            throw new IllegalArgumentException(where + ": give its scaling as either \"mean\" and \"std\" or"
                    + " \"min\" and \"max\"");
        }
        double center;
        double scale;
        if (standard) {
            center = number(node, "mean", where);
            scale = number(node, "std", where);
            if (scale <= 0) {
                throw new IllegalArgumentException(where + ": 'std' must be positive, was " + scale);
            }
        } else {
            center = number(node, "min", where);
            double max = number(node, "max", where);
            if (max <= center) {
                throw new IllegalArgumentException(where + ": 'max' must be above 'min', were " + center + " and "
                        + max);
            }
            scale = max - center;
        }
        double ifMissing = node.has("ifMissing") ? number(node, "ifMissing", where) : center;
        return new Factor(feature, center, scale, ifMissing, number(node, "weight", where));
    }

    private static double number(JsonNode node, String field, String where) {
        JsonNode v = node.get(field);
        if (v == null || !v.isNumber() || !Double.isFinite(v.asDouble())) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be a finite number"
                    + (v == null ? " (missing)" : ", was " + v));
        }
        return v.asDouble();
    }
}
