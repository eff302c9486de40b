package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.port.out.PlannerTrace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A planner that answers from a script: exact messages mapped to outputs, else a fallback
 * function, else "unknown". Records every request it receives. Thread-safe.
 */
public final class ScriptedPlanner implements Planner {

    public static final PlannerTrace TRACE = PlannerTrace.offline("scripted");

    private final Map<String, PlannerOutput> answers = new ConcurrentHashMap<>();
    private final List<PlannerRequest> requests = Collections.synchronizedList(new ArrayList<>());
    private volatile Function<PlannerRequest, PlannerOutput> fallback = r -> PlannerOutput.unknown(TRACE);

    /** Answers {@code message} (exactly) with {@code output}. */
    public ScriptedPlanner on(String message, PlannerOutput output) {
        answers.put(message, output);
        return this;
    }

    /** Answers every unscripted message with {@code function}. */
    public ScriptedPlanner otherwise(Function<PlannerRequest, PlannerOutput> function) {
        this.fallback = function;
        return this;
    }

    @Override
    public PlannerOutput plan(PlannerRequest request) {
        requests.add(request);
        PlannerOutput scripted = answers.get(request.message());
        return scripted != null ? scripted : fallback.apply(request);
    }

    @Override
    public String name() {
        return "scripted";
    }

    public List<PlannerRequest> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    public int calls() {
        return requests.size();
    }
}
