package dev.tabletalk.httpjavalin;

import dev.tabletalk.jsonsupport.StrictJson;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (e.g. 431 for headers over Jetty's limit, 400 for a request Jetty cannot parse) as
 * problem documents too, without stack traces or any echo of the request.
 */
final class ProblemErrorHandler extends ErrorHandler {

    ProblemErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        SecurityHeaders.apply(response.getHeaders());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Exchange.PROBLEM_JSON);
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    private static byte[] body(int status) {
        Problem problem = switch (status) {
            case 431 ->
                Problem.of(
                        431,
                        "headers_too_large",
                        "Request headers too large",
                        "The request headers are larger than this server accepts.");
            case 413 -> Problem.of(413, "body_too_large", "Request body too large", "The request body is too large.");
            case 404 -> Problem.of(404, "not_found", "Not found", "There is no such route.");
            default ->
                status >= 500
                        ? Problem.of(status, "internal", "Internal error", "Something went wrong on our side.")
                        : Problem.of(status, "bad_request", "Bad request", "The request could not be parsed.");
        };
        String errorId = "err_" + HttpErrors.randomHex();
        Map<String, Object> json = problem.toJson(errorId, "urn:tabletalk:error:" + errorId);
        return StrictJson.write(json);
    }
}
