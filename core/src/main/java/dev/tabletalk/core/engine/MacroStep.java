package dev.tabletalk.core.engine;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.PendingMacro;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.macro.MacroMatch;
import dev.tabletalk.core.macro.Macros;
import dev.tabletalk.core.macro.ParamType;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.port.out.PlannerTrace;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * Macros (#14), recognised after the universal commands and before any planner, deterministically: a message that
 * calls a macro ("deactivate customer 42", "run revenue in month March 2025") becomes the macro's plan, which then
 * runs exactly as if the planner had returned it ({@link PlannerStep#handle}: validation against the caller's role,
 * preview and confirm for writes). A missing argument is asked for like a missing field (the session collects it,
 * {@link PendingMacro}); a value of the wrong type is refused with what was expected, and asked for again. The
 * turn's planner trace is {@code macro} with the macro's name as its model, so the audit log records which macro
 * ran; the reply's first words, and a read's interpretation, say which macro ran with which arguments.
 */
final class MacroStep {

    /** The planner name a macro's turn is audited with; the trace's model is the macro's name. */
    static final String PLANNER = Macros.AUDIT_PLANNER;

    private final Macros macros;
    private final PlannerStep plannerStep;
    private final Clock clock;

    MacroStep(Macros macros, PlannerStep plannerStep, Clock clock) {
        this.macros = macros;
        this.plannerStep = plannerStep;
        this.clock = clock;
    }

    /** The step of a message that calls a macro; empty when it calls none (and the planner is to read it). */
    Optional<Step> called(TurnContext ctx, ConversationState state, String message) {
        if (macros.isEmpty()) {
            return Optional.empty();
        }
        Optional<MacroMatch> match = macros.match(message);
        if (match.isEmpty()) {
            return Optional.empty();
        }
        if (state.question().isPresent()) {
            // a macro answers no question: the question is dropped, and the reply says so
            ConversationState without = state.withoutQuestion();
            return Optional.of(
                    run(ctx, without, match.get(), message).orSave(without).withLead("The question was dropped. "));
        }
        return Optional.of(run(ctx, state, match.get(), message));
    }

    /** The next message while a macro waits for an argument: its value, another macro, or a wrong value. */
    Step answer(TurnContext ctx, ConversationState state, String message) {
        PendingMacro pending = state.macro().orElseThrow(() -> new IllegalStateException("no macro is waiting"));
        Optional<Macro> found = macros.find(pending.macro());
        Optional<ParamType> awaited = found.map(m -> m.params().get(pending.awaiting()));
        if (found.isEmpty() || awaited.isEmpty()) {
            ConversationState next = state.idle(clock.now());
            return Step.refuse(
                            ctx.turn(),
                            next,
                            Refusal.of(
                                    RefusalCode.NOT_UNDERSTOOD,
                                    "The macro '" + pending.macro() + "' is no longer available, so it was dropped."))
                    .orSave(next);
        }
        Macro macro = found.get();
        Optional<MacroMatch> other = macros.match(message);
        if (other.isPresent() && awaited.get() != ParamType.TEXT) {
            // another macro called by name instead of the value asked for: the waiting one is dropped
            ConversationState next = state.idle(clock.now());
            return run(ctx, next, other.get(), message).orSave(next);
        }
        Map<String, Object> given = new LinkedHashMap<>();
        pending.arguments()
                .forEach((param, text) ->
                        macro.params().get(param).parse(text).ifPresent(value -> given.put(param, value)));
        int from = new ArrayList<>(macro.params().keySet()).indexOf(pending.awaiting());
        return run(ctx, state, Macros.arguments(macro, given, from, message), message);
    }

    private Step run(TurnContext ctx, ConversationState state, MacroMatch match, String message) {
        Turn turn = ctx.turn();
        Macro macro = match.macro();
        PlannerTrace trace = new PlannerTrace(PLANNER, macro.name(), OptionalLong.empty(), OptionalLong.empty(), 1);
        turn.planner(trace);
        turn.action(AuditEvent.Action.COLLECT);
        macro.intent().ifPresent(intent -> macro.entity().ifPresent(entity -> turn.target(intent, entity)));
        if (match instanceof MacroMatch.BadValue bad) {
            String again = macro.params().containsKey(bad.param()) ? " " + question(macro, bad.param()) : "";
            ParamType type = macro.params().get(bad.param());
            RefusalCode code = type == ParamType.DATE || type == ParamType.MONTH
                    ? RefusalCode.INVALID_DATE
                    : RefusalCode.TYPE_MISMATCH;
            return Step.refuse(turn, state, Refusal.of(code, bad.message() + again));
        }
        if (match instanceof MacroMatch.Missing missing) {
            return ask(turn, state, missing);
        }
        MacroMatch.Complete complete = (MacroMatch.Complete) match;
        ConversationState base = state.macro().isPresent() ? state.idle(clock.now()) : state;
        Plan plan;
        try {
            plan = macro.toPlan(complete.arguments());
        } catch (IllegalArgumentException e) {
            // checked at start against the catalog; a template that still fails is the operator's to fix
            return Step.refuse(
                            turn,
                            base,
                            Refusal.of(
                                    RefusalCode.NOT_UNDERSTOOD,
                                    "The macro '" + macro.name()
                                            + "' is not set up correctly, so nothing was run. Tell an administrator."))
                    .orSave(base);
        }
        String line = line(macro, complete.arguments());
        Step step = plannerStep
                .handle(ctx, base, PlannedPlans.output(plan, trace), message)
                .orSave(base);
        return interpreted(step, line);
    }

    private Step ask(Turn turn, ConversationState state, MacroMatch.Missing missing) {
        Macro macro = missing.macro();
        if (state.draft().isPresent()) {
            return Step.refuse(
                    turn,
                    state,
                    Refusal.of(
                            RefusalCode.DRAFT_IN_PROGRESS,
                            "You have " + Texts.draftName(state.draft().get())
                                    + " in progress. Finish it, or say 'cancel' to drop it first."));
        }
        Map<String, String> texts = new LinkedHashMap<>();
        missing.arguments()
                .forEach((param, value) ->
                        texts.put(param, macro.params().get(param).format(value)));
        ConversationState next =
                state.awaitingMacro(new PendingMacro(macro.name(), texts, missing.missing()), clock.now());
        String question = question(macro, missing.missing());
        ReplyPart.MissingFields part = new ReplyPart.MissingFields(
                List.of(missing.missing()),
                question,
                List.of(new ReplyPart.MissingField(
                        missing.missing(), missing.type().wireName(), true, List.of())));
        return Step.changed(Replies.reply(next, question, part), next);
    }

    /** "Which id? Give a whole number, e.g. 42, for 'deactivate customer', or say 'cancel'." */
    static String question(Macro macro, String param) {
        return "Which " + param + "? Give " + macro.params().get(param).hint() + ", for '" + macro.name()
                + "', or say 'cancel'.";
    }

    /** "macro 'deactivate customer' (id = 42)": which macro ran with which arguments. */
    static String line(Macro macro, Map<String, Object> arguments) {
        return "macro '" + macro.name() + "'" + arguments(macro, arguments);
    }

    /** " (id = 42)", " (month = March 2025)", or nothing for a macro without parameters. */
    private static String arguments(Macro macro, Map<String, Object> arguments) {
        if (arguments.isEmpty()) {
            return "";
        }
        return arguments.entrySet().stream()
                .map(e -> e.getKey() + " = " + macro.params().get(e.getKey()).show(e.getValue()))
                .collect(Collectors.joining(", ", " (", ")"));
    }

    /** The step with the macro's line before its text, and before a read's interpretation. */
    private static Step interpreted(Step step, String line) {
        Reply reply = step.reply();
        List<ReplyPart> parts = new ArrayList<>();
        for (ReplyPart part : reply.parts()) {
            if (part instanceof ReplyPart.Rows rows && rows.interpretation().isPresent()) {
                parts.add(new ReplyPart.Rows(
                        rows.entity(),
                        rows.rows(),
                        rows.rowsOmitted(),
                        rows.cellsTruncated(),
                        Optional.of(line + ": " + rows.interpretation().get()),
                        rows.page()));
            } else {
                parts.add(part);
            }
        }
        Reply led = new Reply(reply.sessionId(), reply.stage(), "M" + line.substring(1) + ": " + reply.text(), parts);
        return new Step(led, step.next(), step.audited());
    }
}
