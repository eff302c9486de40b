package dev.tabletalk.plannerrules;

import static dev.tabletalk.plannerrules.Lexicon.CREATE_VERBS;
import static dev.tabletalk.plannerrules.Lexicon.UPDATE_VERBS;

import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.port.out.PlannerTrace;
import dev.tabletalk.plannerrules.ColumnMatcher.ColumnMatch;
import dev.tabletalk.plannerrules.ColumnMatcher.Use;
import dev.tabletalk.plannerrules.OperatorReader.OpMatch;
import dev.tabletalk.plannerrules.SchemaIndex.EntityInfo;
import dev.tabletalk.plannerrules.ValueReader.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Answers during a draft: values for the fields of the entity being created or changed. */
final class DraftAnswerReader {

    private final TokenCursor tokens;
    private final SchemaIndex index;
    private final PlannerRequest request;
    private final PlannerTrace trace;
    private final PlanParts plan;
    private final ColumnMatcher columns;
    private final OperatorReader operators;
    private final ValueReader values;

    DraftAnswerReader(
            TokenCursor tokens,
            SchemaIndex index,
            PlannerRequest request,
            PlannerTrace trace,
            PlanParts plan,
            ColumnMatcher columns,
            OperatorReader operators,
            ValueReader values) {
        this.tokens = tokens;
        this.index = index;
        this.request = request;
        this.trace = trace;
        this.plan = plan;
        this.columns = columns;
        this.operators = operators;
        this.values = values;
    }

    /**
     * While a draft is being filled in: "email is ada@x.org" or "set the phone to 555" give values
     * for the draft (no entity: the engine merges them). A bare value is left to the engine, which
     * takes the whole message as the answer to its question.
     */
    PlannerOutput read() {
        Optional<EntityInfo> draft = request.draftEntity().flatMap(index::entity);
        Intent draftIntent = request.draftIntent().orElse(Intent.UNKNOWN);
        if (draft.isEmpty() || !draftIntent.isWrite()) {
            return PlannerOutput.unknown(trace);
        }
        if (plan.intent == Intent.READ) {
            return PlannerOutput.unknown(trace);
        }
        plan.target = draft.get();
        plan.intent = draftIntent;
        Map<String, Object> found = new LinkedHashMap<>();
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.isWord() && (UPDATE_VERBS.contains(t.word()) || CREATE_VERBS.contains(t.word()))) {
                i++;
                continue;
            }
            Optional<ColumnMatch> column = columns.columnAt(plan.target, i, Use.WRITE);
            if (column.isPresent()) {
                Optional<OpMatch> op = operators.operator(column.get().end());
                if (op.isEmpty() || op.get().op() == Op.EQ) {
                    int k = op.map(OpMatch::end).orElse(column.get().end());
                    Optional<Value> value = values.value(k, column.get().column(), false);
                    if (value.isPresent()) {
                        found.put(column.get().column().name(), value.get().value());
                        i = value.get().end();
                        continue;
                    }
                }
            }
            i++;
        }
        if (found.isEmpty()) {
            return PlannerOutput.unknown(trace);
        }
        return new PlannerOutput(
                Intent.UNKNOWN,
                Optional.empty(),
                found,
                List.of(),
                List.of(),
                OptionalInt.empty(),
                Optional.empty(),
                trace);
    }
}
