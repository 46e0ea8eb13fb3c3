package io.learnpulse.gateway.api;

/** A request the API refuses, answered as {@code {"error": message}} with {@code status}. */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static ApiException badParameter(String parameter, String reason) {
        return new ApiException(400, "invalid parameter " + parameter + ": " + reason);
    }

    public static ApiException unauthorized() {
        return new ApiException(401, "missing or unknown bearer token");
    }

    public static ApiException forbidden(String reason) {
        return new ApiException(403, reason);
    }

    public static ApiException notFound(String what) {
        return new ApiException(404, what + " not found");
    }
}
