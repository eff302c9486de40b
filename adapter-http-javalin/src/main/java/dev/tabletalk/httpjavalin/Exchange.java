package dev.tabletalk.httpjavalin;

import dev.tabletalk.jsonsupport.StrictJson;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Small reads and writes of a request and its response shared by the gate and the handlers. */
final class Exchange {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String JSON = "application/json";
    /** The route's name, for metrics. */
    static final String ROUTE_ATTRIBUTE = "tabletalk.route";
    /** The request's outcome, for metrics. */
    static final String OUTCOME_ATTRIBUTE = "tabletalk.outcome";

    private Exchange() {}

    /** Every value of a header, by name. */
    static List<String> headers(HttpServletRequest request, String name) {
        var values = request.getHeaders(name);
        return values == null ? List.of() : new ArrayList<>(Collections.list(values));
    }

    static boolean isJson(HttpServletRequest request) {
        String type = request.getHeader("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(JSON);
    }

    static void writeJson(Context ctx, int status, Object json) {
        ctx.status(status).contentType(JSON).result(StrictJson.write(json));
    }

    /** The remote address, or {@code unknown}. */
    static String source(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return address == null || address.isBlank() ? "unknown" : address;
    }
}
