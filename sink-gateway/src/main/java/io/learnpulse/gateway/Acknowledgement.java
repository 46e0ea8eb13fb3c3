package io.learnpulse.gateway;

/** One acknowledgement of an alert: who (the token's principal name), when, the note and the reason. */
public record Acknowledgement(String by, String at, String note, String reason) {
}
