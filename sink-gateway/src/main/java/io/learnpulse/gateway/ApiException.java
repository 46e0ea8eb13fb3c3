package io.learnpulse.gateway;

/** A request the API refuses, answered as {@code {"error": message}} with {@code status}. */
final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;

    ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }

    static ApiException badParameter(String parameter, String reason) {
        return new ApiException(400, "invalid parameter " + parameter + ": " + reason);
    }

    static ApiException unauthorized() {
        return new ApiException(401, "missing or unknown bearer token");
    }

    static ApiException forbidden(String reason) {
        return new ApiException(403, reason);
    }

    static ApiException notFound(String what) {
        return new ApiException(404, what + " not found");
    }
}
