package dev.tabletalk.httpjavalin;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.jsonsupport.StrictJson;
import io.javalin.http.Context;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Small reads and writes of a request and its response shared by the gate and the handlers. */
final class Exchange {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String JSON = "application/json";
    /** The route's name, for metrics. */
    static final String ROUTE_ATTRIBUTE = "tabletalk.route";
    /** The request's outcome, for metrics. */
    static final String OUTCOME_ATTRIBUTE = "tabletalk.outcome";

    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    private Exchange() {}

    /** Every value of a header, by name. */
    static List<String> headers(HttpServletRequest request, String name) {
        Enumeration<String> values = request.getHeaders(name);
        if (values == null || !values.hasMoreElements()) {
            return List.of();
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            // #17: the usual case, one value, without two list copies
            return Collections.singletonList(first);
        }
        List<String> all = new ArrayList<>();
        all.add(first);
        while (values.hasMoreElements()) {
            all.add(values.nextElement());
        }
        return all;
    }

    static boolean isJson(HttpServletRequest request) {
        String type = request.getHeader("Content-Type");
        return type != null && type.toLowerCase(Locale.ROOT).startsWith(JSON);
    }

    static void writeJson(Context ctx, int status, Object json) {
        ctx.status(status).contentType(JSON).result(StrictJson.write(json));
    }

    /**
     * Writes a reply's JSON straight to the response stream (#17): no copy of the body in memory, none of Javalin's
     * per-response copy buffer, and no wire copy of the rows ({@link ReplyJsonWriter}). Status, type and every
     * header must be set before, as the first bytes commit the response. For a POST's answer; a GET's goes through
     * {@link #writeJson}, where Javalin can add its ETag.
     */
    static void streamReply(Context ctx, int status, Reply reply) {
        ctx.status(status).contentType(JSON);
        try {
            ReplyJsonWriter.write(reply, ctx.outputStream());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("could not write JSON", e);
        } catch (IOException e) {
            // the client went away while the answer was being written: nobody is left to answer
            LOG.debug("the client went away during the answer: {}", e.toString());
        }
    }

    /** The remote address, or {@code unknown}. */
    static String source(HttpServletRequest request) {
        String address = request.getRemoteAddr();
        return address == null || address.isBlank() ? "unknown" : address;
    }
}
