package io.learnpulse.gateway.notify;

/** The JSON a webhook receives: learnpulse's own, or a Slack-compatible incoming-webhook message. */
public enum BodyFormat {
    LEARNPULSE, SLACK
}
