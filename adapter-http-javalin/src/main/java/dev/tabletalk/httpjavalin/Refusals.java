package dev.tabletalk.httpjavalin;

import dev.tabletalk.core.port.in.AdapterEvent;
import dev.tabletalk.core.port.in.AuthFailure;
import dev.tabletalk.core.port.in.SecurityEvents;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Records a refusal and returns it to be thrown: a refused identity one by one or as part of its source's flood
 * (PUB-105), a refusal of a verified caller's request as that caller's event. {@link HttpErrors} answers it.
 */
final class Refusals {

    private final SecurityEvents securityEvents;
    private final HttpMetrics metrics;
    private final RefusedIdentityLog refusedIdentities;

    Refusals(SecurityEvents securityEvents, HttpMetrics metrics, RefusedIdentityLog refusedIdentities) {
        this.securityEvents = securityEvents;
        this.metrics = metrics;
        this.refusedIdentities = refusedIdentities;
    }

    /** A refused identity (or a request refused before its caller was known), recorded without the header. */
    RefusedRequestException identity(HttpServletRequest request, Route route, Problem problem, String transport) {
        metrics.recordAuthFailure(problem.reason());
        // INV-9: every refused request is recorded, floods as one counted entry; never the header itself
        refusedIdentities.refused(
                Exchange.source(request),
                new AuthFailure(transport, problem.reason(), route.method() + " " + route.path(), Optional.empty()));
        // INV: no planner call, no echo of the header; the reason and error id are enough to investigate
        return new RefusedRequestException(problem, "identity refused on " + route.method() + " " + route.path());
    }

    /** A refusal of a verified caller's request, recorded as that caller's event with the problem's reason. */
    RefusedRequestException ofCaller(UserContext user, Route route, Problem problem, RefusalCode code) {
        return ofCaller(user, route, problem, code, problem.reason());
    }

    /**
     * A verified caller's request that could not be let through because the store the servers share for rate
     * limits is unavailable, recorded as that caller's event: {@link HttpErrors} then answers the outage (503) as
     * for any dependency.
     */
    void sharedStateUnavailable(UserContext user, Route route) {
        // INV-9: a request refused because its limits could not be looked up is recorded like any refused request
        record(user, route, RefusalCode.SHARED_STATE_UNAVAILABLE.wireName(), RefusalCode.SHARED_STATE_UNAVAILABLE);
    }

    /** A refusal of a verified caller's request, recorded as that caller's event with this detail. */
    RefusedRequestException ofCaller(UserContext user, Route route, Problem problem, RefusalCode code, String detail) {
        record(user, route, detail, code);
        return new RefusedRequestException(problem);
    }

    private void record(UserContext user, Route route, String detail, RefusalCode code) {
        securityEvents.requestAnswered(AdapterEvent.refused(user, route.method() + " " + route.path(), detail, code));
    }
}
