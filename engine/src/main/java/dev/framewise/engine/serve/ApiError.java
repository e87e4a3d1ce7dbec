package dev.framewise.engine.serve;

/**
 * A request the server refuses, answered as an OpenAI error body
 * {@code {"error":{"message","type","code"}}} with this HTTP status. The message is for the client's user;
 * it never holds a stack trace.
 */
final class ApiError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String type;
    final String code;

    ApiError(int status, String type, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
    }

    static ApiError badRequest(String param, String message) {
        return new ApiError(400, "invalid_request_error", param == null ? null : "invalid_" + param, message);
    }

    static ApiError unauthorized() {
        return new ApiError(401, "invalid_request_error", "invalid_api_key",
                "Incorrect or missing API key: send 'Authorization: Bearer KEY' with the key this server was started with.");
    }

    static ApiError forbidden(String message) {
        return new ApiError(403, "permission_error", "forbidden", message);
    }

    static ApiError notFound(String code, String message) {
        return new ApiError(404, "invalid_request_error", code, message);
    }

    static ApiError tooLarge(String message) {
        return new ApiError(413, "invalid_request_error", "request_too_large", message);
    }

    static ApiError busy(String message) {
        return new ApiError(429, "rate_limit_error", "server_busy", message);
    }
}
