package io.learnpulse.gateway.notify;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.learnpulse.gateway.store.Alert;

/**
 * The JSON bodies of notifications (examples in docs/http-api.md). {@code LEARNPULSE}: the alert as the
 * API answers it, or the digest's counts and alerts. {@code SLACK}: a Slack incoming-webhook message,
 * {@code {"text": ..., "blocks": [...]}}, its text in Slack's mrkdwn.
 */
final class Bodies {

    /** Alerts a digest lists one by one; the counts cover all of them. */
    static final int DIGEST_LISTED = 50;
    /** Lines of a Slack digest: a section's text holds at most 3,000 characters. */
    private static final int SLACK_DIGEST_LINES = 15;
    private static final int SLACK_MESSAGE_LENGTH = 150;

    private final ObjectMapper mapper;

    Bodies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String alert(Webhook hook, Alert alert) {
        if (hook.format() == BodyFormat.SLACK) {
            String headline = "*" + alert.severity() + "* " + alert.type() + " for learner " + escape(alert.userId())
                    + where(alert);
            ObjectNode body = mapper.createObjectNode();
            body.put("text", headline + ": " + escape(alert.message()));
            ArrayNode blocks = body.putArray("blocks");
            section(blocks, headline + "\n" + escape(alert.message()));
            context(blocks, "Recommendation: " + escape(alert.recommendation()) + " · alert " + escape(alert.alertId())
                    + " · " + alert.eventTime());
            return write(body);
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("kind", "alert");
        body.put("webhookId", hook.webhookId());
        body.set("alert", mapper.valueToTree(alert));
        return write(body);
    }

    String digest(Webhook hook, LocalDate day, List<Alert> alerts) {
        Map<String, Integer> byType = new TreeMap<>();
        Map<String, Integer> bySeverity = new TreeMap<>();
        for (Alert alert : alerts) {
            byType.merge(alert.type().name(), 1, Integer::sum);
            bySeverity.merge(alert.severity().name(), 1, Integer::sum);
        }
        if (hook.format() == BodyFormat.SLACK) {
            String headline = "learnpulse digest of " + day + ": " + alerts.size() + " alert"
                    + (alerts.size() == 1 ? "" : "s") + " " + bySeverity;
            ObjectNode body = mapper.createObjectNode();
            body.put("text", headline);
            ArrayNode blocks = body.putArray("blocks");
            section(blocks, "*" + headline + "*");
            StringBuilder lines = new StringBuilder();
            for (Alert alert : alerts.subList(0, Math.min(SLACK_DIGEST_LINES, alerts.size()))) {
                String message = alert.message() == null ? "" : alert.message();
                if (message.length() > SLACK_MESSAGE_LENGTH) {
                    message = message.substring(0, SLACK_MESSAGE_LENGTH) + "…";
                }
                lines.append("• *").append(alert.severity()).append("* ").append(alert.type()).append(' ')
                        .append(escape(alert.userId())).append(where(alert)).append(": ").append(escape(message))
                        .append('\n');
            }
            section(blocks, lines.toString());
            if (alerts.size() > SLACK_DIGEST_LINES) {
                context(blocks, "and " + (alerts.size() - SLACK_DIGEST_LINES) + " more");
            }
            return write(body);
        }
        ObjectNode body = mapper.createObjectNode();
        body.put("kind", "digest");
        body.put("webhookId", hook.webhookId());
        body.put("day", day.toString());
        body.put("total", alerts.size());
        body.set("byType", mapper.valueToTree(byType));
        body.set("bySeverity", mapper.valueToTree(bySeverity));
        body.set("alerts", mapper.valueToTree(alerts.subList(0, Math.min(DIGEST_LISTED, alerts.size()))));
        body.put("more", Math.max(0, alerts.size() - DIGEST_LISTED));
        return write(body);
    }

    private static String where(Alert alert) {
        String cohort = alert.cohortId() == null ? "" : "cohort " + escape(alert.cohortId()) + ", ";
        String course = alert.courseId() == null ? "no course" : "course " + escape(alert.courseId());
        return " (" + cohort + course + ")";
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        ObjectNode section = blocks.addObject();
        section.put("type", "section");
        ObjectNode text = section.putObject("text");
        text.put("type", "mrkdwn");
        text.put("text", mrkdwn);
    }

    private static void context(ArrayNode blocks, String mrkdwn) {
        ObjectNode context = blocks.addObject();
        context.put("type", "context");
        ObjectNode element = context.putArray("elements").addObject();
        element.put("type", "mrkdwn");
        element.put("text", mrkdwn);
    }

    /** Slack's three control characters of mrkdwn; the rest of the job's text is shown as it is. */
    private static String escape(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private String write(ObjectNode body) {
        try {
            return mapper.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers is always JSON", e);
        }
    }
}
