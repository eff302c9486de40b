package dev.tabletalk.securitytests;

import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.testkit.fakes.ScriptedPlanner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Planner outputs, built directly: what a malicious or confused planner could emit. */
final class Plans {

    private Plans() {}

    static PlannerOutput read(String entity, Filter... filters) {
        return PlannerOutput.read(entity, Arrays.asList(filters), ScriptedPlanner.TRACE);
    }

    static PlannerOutput readLimited(String entity, int limit) {
        return new PlannerOutput(
                Intent.READ,
                Optional.of(entity),
                Map.of(),
                List.of(),
                List.of(),
                OptionalInt.of(limit),
                Optional.empty(),
                ScriptedPlanner.TRACE);
    }

    static PlannerOutput readSorted(String entity, Sort sort) {
        return new PlannerOutput(
                Intent.READ,
                Optional.of(entity),
                Map.of(),
                List.of(),
                List.of(sort),
                OptionalInt.empty(),
                Optional.empty(),
                ScriptedPlanner.TRACE);
    }

    static PlannerOutput update(String entity, Map<String, ?> changes, Filter... filters) {
        return PlannerOutput.update(entity, changes, Arrays.asList(filters), ScriptedPlanner.TRACE);
    }

    static PlannerOutput update(String entity, Map<String, ?> changes, List<Filter> filters) {
        return PlannerOutput.update(entity, changes, filters, ScriptedPlanner.TRACE);
    }

    static PlannerOutput create(String entity, Map<String, ?> values) {
        return PlannerOutput.create(entity, values, ScriptedPlanner.TRACE);
    }

    static PlannerOutput refused(RefusalCode code) {
        return PlannerOutput.refused(Refusal.of(code, "That cannot be done here."), ScriptedPlanner.TRACE);
    }

    static PlannerOutput unknown() {
        return PlannerOutput.unknown(ScriptedPlanner.TRACE);
    }

    static Filter f(String field, Op op, Object value) {
        return new Filter(field, op, value);
    }

    static Filter eq(String field, Object value) {
        return new Filter(field, Op.EQ, value);
    }

    /** A map that allows null values, in order: key, value, key, value... */
    static Map<String, Object> fields(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    static List<Long> ids(int from, int to) {
        List<Long> ids = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            ids.add(i);
        }
        return ids;
    }
}
