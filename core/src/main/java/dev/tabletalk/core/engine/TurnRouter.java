package dev.tabletalk.core.engine;

import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.port.in.ChatRequest;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import java.util.Optional;

/**
 * Routes one turn of a loaded, owned session to its step: an explicit confirm goes to the {@link ConfirmStep},
 * a universal command to the {@link CommandStep}, a macro call or a macro's missing argument to the
 * {@link MacroStep}, the answer to a clarifying question to the {@link ClarifyStep}, anything else to the planner
 * ({@link PlannerStep}).
 */
final class TurnRouter {

    private final Limits limits;
    private final ConfirmStep confirms;
    private final CommandStep commands;
    private final PlannerStep plannerStep;
    private final ClarifyStep clarifications;
    private final MacroStep macros;

    TurnRouter(Limits limits, ConfirmStep confirms, CommandStep commands, PlannerStep plannerStep, MacroStep macros) {
        this.limits = limits;
        this.confirms = confirms;
        this.commands = commands;
        this.plannerStep = plannerStep;
        this.clarifications = new ClarifyStep(plannerStep);
        this.macros = macros;
    }

    /**
     * The step this turn takes: a too-long or blank message is refused, then confirm, commands, the argument a
     * macro waits for, a macro call, the answer to a question, the planner.
     */
    Step route(TurnContext ctx, ConversationState state, ChatRequest request) {
        Turn turn = ctx.turn();
        String message = request.message();
        int length = message.codePointCount(0, message.length());
        if (length > limits.maxMessageChars()) {
            return Step.refuse(
                    turn,
                    state,
                    Refusal.of(
                            RefusalCode.MESSAGE_TOO_LONG,
                            "That message has " + length + " characters; the limit is " + limits.maxMessageChars()
                                    + ". Please shorten it."));
        }
        if (request.confirmPreviewId().isPresent()) {
            return confirms.confirm(ctx, state, request.confirmPreviewId());
        }
        if (message.isBlank()) {
            return Step.refuse(
                    turn,
                    state,
                    Refusal.of(
                            RefusalCode.NOT_UNDERSTOOD,
                            "Say what you would like to see or change, e.g. 'show customers'."));
        }
        Optional<Step> command = commands.handle(ctx, state, message);
        if (command.isPresent()) {
            return command.get();
        }
        if (state.macro().isPresent()) {
            return macros.answer(ctx, state, message);
        }
        Optional<Step> macro = macros.called(ctx, state, message);
        if (macro.isPresent()) {
            return macro.get();
        }
        if (state.stage() == Stage.CLARIFYING) {
            return clarifications.answer(ctx, state, message);
        }
        return plannerStep.planned(ctx, state, message);
    }
}
