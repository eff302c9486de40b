package dev.tabletalk.httpjavalin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tabletalk.core.port.in.OperatorControls;
import dev.tabletalk.core.port.in.OperatorControls.ReloadOutcome;
import dev.tabletalk.core.port.in.OperatorControls.SwitchOutcome;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.jsonsupport.StrictJson;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's switch and reload, for the operator only (checked by the gate): {@code GET /admin/read-only}
 * answers {@code {"on": bool}}, {@code POST /admin/read-only {"on": bool}} switches it, {@code POST /admin/reload}
 * reads the settings and the catalog again. The {@link OperatorControls} port records every act; a body refused
 * here is recorded as the operator's refused act. Without the port the answer is 501 and nothing changes.
 */
final class OperatorHandlers {

    private static final String SWITCH_BODY = "Send {\"on\": true} or {\"on\": false}.";

    private final Optional<OperatorControls> controls;
    private final Refusals refusals;

    OperatorHandlers(Optional<OperatorControls> controls, Refusals refusals) {
        this.controls = controls;
        this.refusals = refusals;
    }

    /** {@code GET /admin/read-only}. */
    void readOnlyStatus(Context ctx) {
        OperatorControls port = require(ctx, Route.READ_ONLY_STATUS);
        Exchange.writeJson(ctx, 200, Map.of("on", port.readOnly()));
    }

    /** {@code POST /admin/read-only {"on": bool}}. */
    void readOnlySwitch(Context ctx) {
        UserContext operator = Caller.of(ctx).requireUser();
        boolean on;
        try {
            JsonNode node = StrictJson.parse(Caller.of(ctx).body());
            JsonNode value = node.get("on");
            if (!node.isObject() || node.size() != 1 || value == null || !value.isBoolean()) {
                throw refuse(operator, Route.READ_ONLY_SWITCH, ChatHandler.invalidBody(SWITCH_BODY));
            }
            on = value.booleanValue();
        } catch (IOException e) {
            throw refuse(operator, Route.READ_ONLY_SWITCH, ChatHandler.invalidBody(SWITCH_BODY));
        }
        OperatorControls port = require(ctx, Route.READ_ONLY_SWITCH);
        SwitchOutcome outcome = port.switchReadOnly(on, operator);
        if (outcome instanceof SwitchOutcome.Switched switched) {
            ctx.attribute(Exchange.OUTCOME_ATTRIBUTE, "ok");
            Exchange.writeJson(ctx, 200, Map.of("on", switched.on(), "changed", switched.changed()));
            return;
        }
        // a refusal of the port, already recorded there
        SwitchOutcome.Refused refused = (SwitchOutcome.Refused) outcome;
        throw new RefusedRequestException(problem(refused.reason(), refused.message()));
    }

    /** {@code POST /admin/reload}: an empty body or {@code {}}. */
    void reload(Context ctx) {
        UserContext operator = Caller.of(ctx).requireUser();
        byte[] body = Caller.of(ctx).body();
        if (body.length > 0) {
            try {
                JsonNode node = StrictJson.parse(body);
                if (!node.isObject() || node.size() != 0) {
                    throw refuse(operator, Route.RELOAD, ChatHandler.invalidBody("Send no body, or {}."));
                }
            } catch (IOException e) {
                throw refuse(operator, Route.RELOAD, ChatHandler.invalidBody("Send no body, or {}."));
            }
        }
        OperatorControls port = require(ctx, Route.RELOAD);
        ReloadOutcome outcome = port.reload(operator);
        if (outcome instanceof ReloadOutcome.Reloaded reloaded) {
            ctx.attribute(Exchange.OUTCOME_ATTRIBUTE, "ok");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("reloaded", reloaded.settingsReloaded() ? "settings and catalog" : "catalog");
            json.put("exposedEntities", reloaded.exposedEntities());
            json.put("readOnly", reloaded.readOnly());
            json.put("notes", reloaded.notes());
            Exchange.writeJson(ctx, 200, json);
            return;
        }
        ReloadOutcome.Refused refused = (ReloadOutcome.Refused) outcome;
        throw new RefusedRequestException(problem(refused.reason(), refused.message()));
    }

    /** The problem for a refusal of the port (already recorded there). */
    static Problem problem(OperatorControls.Reason reason, String message) {
        return switch (reason) {
            case FORBIDDEN -> Problem.of(403, "forbidden", "Forbidden", message);
            case INVALID_SETTINGS -> Problem.of(422, "invalid_settings", "Invalid settings", message);
            case DATABASE_UNAVAILABLE ->
                Problem.of(503, "database_unavailable", "Service unavailable", message)
                        .retryAfter(5);
            case AUDIT_UNAVAILABLE ->
                Problem.of(503, "audit_unavailable", "Service unavailable", message)
                        .retryAfter(5);
        };
    }

    private OperatorControls require(Context ctx, Route route) {
        if (controls.isEmpty()) {
            throw refuse(
                    Caller.of(ctx).requireUser(),
                    route,
                    Problem.of(
                            501,
                            "operator_controls_not_supported",
                            "Not supported",
                            "This server was started without the operator controls; restart it to change settings."));
        }
        return controls.get();
    }

    private RefusedRequestException refuse(UserContext operator, Route route, Problem problem) {
        return refusals.ofCaller(
                operator, route, problem, RefusalCode.NOT_UNDERSTOOD, route.name() + "_" + problem.reason());
    }
}
