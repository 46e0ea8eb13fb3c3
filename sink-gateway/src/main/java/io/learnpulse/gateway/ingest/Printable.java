package io.learnpulse.gateway.ingest;

/**
 * Text from a record made safe for a log line or a stored reason: control characters (NUL, newlines,
 * escapes) become Java-style escapes (backslash, u, four hex digits), so a record cannot forge log lines
 * or carry a NUL into the database.
 */
final class Printable {

    private Printable() {
    }

    static String of(String text) {
        if (text == null || text.chars().noneMatch(Character::isISOControl)) {
            return text;
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> {
            if (Character.isISOControl(c)) {
                escaped.append(String.format("\\u%04x", c));
            } else {
                escaped.append((char) c);
            }
        });
        return escaped.toString();
    }
}
