package io.learnpulse.gateway.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Learnpulse-Signature} header of a webhook request: {@code t=<unix seconds>,v1=<hex>} where
 * {@code v1} is HMAC-SHA256, keyed by the webhook's secret, of {@code <t>.<body>} (the body's exact bytes).
 * Signing the time with the body lets a receiver refuse a replayed old request (docs/http-api.md).
 */
final class Signature {

    static final String HEADER = "X-Learnpulse-Signature";

    private Signature() {
    }

    static String header(String secret, long epochSecond, byte[] body) {
        return "t=" + epochSecond + ",v1=" + HexFormat.of().formatHex(hmac(secret, epochSecond, body));
    }

    private static byte[] hmac(String secret, long epochSecond, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((epochSecond + ".").getBytes(StandardCharsets.US_ASCII));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
