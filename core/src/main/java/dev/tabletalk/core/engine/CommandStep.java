package dev.tabletalk.core.engine;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.FieldNames;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.conversation.ConversationState;
import dev.tabletalk.core.conversation.Draft;
import dev.tabletalk.core.conversation.PendingMacro;
import dev.tabletalk.core.conversation.PendingPreview;
import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.macro.Macros;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.out.AuditEvent;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The universal commands: cancel, start over, show draft, help (with the macros the caller may run), change X to
 * Y, paging (which the {@link PagingStep} runs) and confirm (which the {@link ConfirmStep} runs). They are recognised
 * here, before any planner call, and answered without one. Cancel, start over and show draft also apply to a macro
 * waiting for an argument.
 */
final class CommandStep {

    private final Clock clock;
    private final RolePolicy roles;
    private final FormStep form;
    private final PreviewStep previews;
    private final ConfirmStep confirms;
    private final PagingStep paging;
    private final Macros macros;

    CommandStep(
            Clock clock,
            RolePolicy roles,
            FormStep form,
            PreviewStep previews,
            ConfirmStep confirms,
            PagingStep paging,
            Macros macros) {
        this.clock = clock;
        this.roles = roles;
        this.form = form;
        this.previews = previews;
        this.confirms = confirms;
        this.paging = paging;
        this.macros = macros;
    }

    /**
     * The step a universal command takes, recognised before any planner call; empty when the message is no
     * command (or a "change" that names no field of the draft), and the planner is to read it.
     */
    Optional<Step> handle(TurnContext ctx, ConversationState state, String message) {
        Turn turn = ctx.turn();
        boolean previewPending =
                state.stage() == Stage.PREVIEW || state.expiredPreviewId().isPresent();
        Optional<UniversalCommand> command =
                UniversalCommand.parse(message, state.draft().isPresent(), previewPending);
        if (command.isPresent()) {
            UniversalCommand c = command.get();
            if (c instanceof UniversalCommand.Confirm) {
                return Optional.of(confirms.confirm(ctx, state, Optional.empty()));
            }
            if (c instanceof UniversalCommand.More
                    || c instanceof UniversalCommand.PreviousPage
                    || c instanceof UniversalCommand.GoToPage) {
                return Optional.of(paging.handle(ctx, state, c));
            }
            if (c instanceof UniversalCommand.Cancel) {
                // the last read is not continued after a cancel or a start over
                return Optional.of(cancel(turn, state.withoutLastRead()).orSave(state.withoutLastRead()));
            }
            if (c instanceof UniversalCommand.StartOver) {
                return Optional.of(startOver(ctx, state.withoutLastRead()).orSave(state.withoutLastRead()));
            }
            if (c instanceof UniversalCommand.ShowDraft) {
                return Optional.of(showDraft(ctx, state));
            }
            if (c instanceof UniversalCommand.Help) {
                return Optional.of(help(ctx, state));
            }
            if (c instanceof UniversalCommand.Change change) {
                Optional<Step> changed = change(ctx, state, change);
                if (changed.isPresent()) {
                    return changed;
                }
                // not a field of the draft: let the planner read the message
            } else {
                throw new IllegalStateException(
                        "unhandled command: " + c.getClass().getName());
            }
        }
        if (isConfirmWordWhileAsking(ctx, state, message)) {
            // "yes, do it" answers no question but a preview, and none is pending (PUB-075)
            Draft draft = state.draft().orElseThrow();
            String question = ctx.catalog()
                    .find(draft.entity())
                    .map(e -> " " + Texts.question(e, draft.awaitingField().orElseThrow(), draft.entity()))
                    .orElse("");
            turn.action(AuditEvent.Action.COMMAND).target(draft.intent(), draft.entity());
            return Optional.of(Step.refuse(
                    turn,
                    state,
                    Refusal.of(RefusalCode.NO_PENDING_PREVIEW, "There is nothing to confirm yet." + question)));
        }
        return Optional.empty();
    }

    private boolean isConfirmWordWhileAsking(TurnContext ctx, ConversationState state, String message) {
        Optional<String> awaiting = state.draft().flatMap(Draft::awaitingField);
        if (state.stage() != Stage.COLLECTING
                || awaiting.isEmpty()
                || !UniversalCommand.CONFIRM_WHILE_PREVIEWING.contains(UniversalCommand.normalize(message))) {
            return false;
        }
        // a yes/no question takes "yes" as its answer
        return ctx.catalog()
                .find(state.draft().get().entity())
                .flatMap(entity -> entity.visibleColumn(awaiting.get()))
                .map(column -> column.type() != ValueType.BOOLEAN)
                .orElse(true);
    }

    private Step cancel(Turn turn, ConversationState state) {
        turn.action(AuditEvent.Action.COMMAND);
        if (state.macro().isPresent()) {
            ConversationState next = state.idle(clock.now());
            return Step.changed(
                    Replies.reply(
                            next, "Cancelled: the macro '" + state.macro().get().macro() + "' was not run."),
                    next);
        }
        if (state.question().isPresent() && state.draft().isEmpty()) {
            ConversationState next = state.idle(clock.now());
            return Step.changed(Replies.reply(next, "Cancelled: the question was dropped. Nothing was run."), next);
        }
        if (state.draft().isEmpty()) {
            return Step.unchanged(Replies.reply(state, "There is nothing to cancel."));
        }
        Draft draft = state.draft().get();
        turn.target(draft.intent(), draft.entity());
        ConversationState next = state.idle(clock.now());
        return Step.changed(
                Replies.reply(
                        next,
                        "Cancelled" + (state.question().isPresent() ? ", and the question was dropped" : "")
                                + ". Nothing was " + (draft.intent() == Intent.CREATE ? "added" : "changed") + "."),
                next);
    }

    private Step startOver(TurnContext ctx, ConversationState state) {
        Turn turn = ctx.turn();
        turn.action(AuditEvent.Action.COMMAND);
        if (state.macro().isPresent()) {
            ConversationState next = state.idle(clock.now());
            return Step.changed(
                    Replies.reply(
                            next,
                            "Starting over: the macro '" + state.macro().get().macro()
                                    + "' was not run. Say what you would like to do."),
                    next);
        }
        if (state.question().isPresent() && state.draft().isEmpty()) {
            ConversationState next = state.idle(clock.now());
            return Step.changed(
                    Replies.reply(next, "Starting over: the question was dropped. Say what you would like to do."),
                    next);
        }
        if (state.draft().isEmpty()) {
            return Step.unchanged(
                    Replies.reply(state, "There is nothing to start over. Say what you would like to do."));
        }
        Draft old = state.draft().get();
        turn.target(old.intent(), old.entity());
        Draft fresh = old.intent() == Intent.CREATE
                ? Draft.start(Intent.CREATE, old.entity())
                : Draft.start(Intent.UPDATE, old.entity()).withFilters(old.filters());
        String lead = state.question().isPresent() ? "Starting over: the question was dropped. " : "Starting over. ";
        return form.askNextOrSubmit(ctx, state.withoutQuestion(), fresh, lead).orSave(state.withoutQuestion());
    }

    private Step showDraft(TurnContext ctx, ConversationState state) {
        Turn turn = ctx.turn();
        turn.action(AuditEvent.Action.COMMAND);
        if (state.macro().isPresent()) {
            PendingMacro pending = state.macro().get();
            String question = macros.find(pending.macro())
                    .map(m -> " " + MacroStep.question(m, pending.awaiting()))
                    .orElse("");
            return Step.unchanged(Replies.reply(
                    state, "The macro '" + pending.macro() + "' waits for " + pending.awaiting() + "." + question));
        }
        if (state.draft().isEmpty()) {
            return Step.unchanged(Replies.reply(state, "There is no draft. Say what you would like to add or change."));
        }
        Draft draft = state.draft().get();
        turn.target(draft.intent(), draft.entity());
        List<ReplyPart> parts = new ArrayList<>();
        parts.add(Replies.draftPart(draft));
        StringBuilder text = new StringBuilder(Texts.describeDraft(draft));
        if (state.pending().isPresent()) {
            PendingPreview pending = state.pending().get();
            parts.add(new ReplyPart.Preview(pending.id(), previews.shown(pending.preview()), pending.expiresAt()));
            text.append(' ').append(Texts.confirmHint());
        } else {
            Optional<Entity> entity = ctx.catalog().find(draft.entity());
            if (entity.isPresent() && draft.intent() == Intent.CREATE) {
                List<String> missing = PlanValidator.missingRequired(entity.get(), draft.values());
                if (!missing.isEmpty()) {
                    String question = Texts.question(entity.get(), missing.get(0), draft.entity());
                    parts.add(Replies.missingPart(entity.get(), missing, question));
                    text.append(' ').append(question);
                }
            }
        }
        state.question().ifPresent(q -> {
            ReplyPart.Question part = PlannerStep.questionPart(q);
            parts.add(part);
            text.append(' ').append(PlannerStep.questionText(part));
        });
        return Step.unchanged(Replies.reply(state, text.toString(), parts));
    }

    private Step help(TurnContext ctx, ConversationState state) {
        Turn turn = ctx.turn();
        UserContext user = ctx.user();
        turn.action(AuditEvent.Action.COMMAND);
        List<String> lines = new ArrayList<>();
        boolean canWrite = false;
        for (SchemaView.EntityView entity : ctx.view().entities()) {
            List<String> can = new ArrayList<>();
            for (Intent intent : List.of(Intent.READ, Intent.CREATE, Intent.UPDATE)) {
                boolean writable = intent == Intent.READ || entity.writable();
                if (writable && roles.allows(user.role(), intent, entity.name())) {
                    can.add(intent == Intent.READ ? "read" : intent == Intent.CREATE ? "add" : "change");
                    // from the grants, never from the rendered line (an entity may be called "addresses")
                    canWrite |= intent != Intent.READ;
                }
            }
            if (!can.isEmpty()) {
                lines.add(entity.name() + " (" + String.join(", ", can) + ")");
            }
        }
        List<String> usable = usableMacros(ctx);
        if (lines.isEmpty() && usable.isEmpty()) {
            return Step.unchanged(Replies.reply(
                    state,
                    "There is nothing you may use here with your role ("
                            + user.role()
                            + "). Ask an administrator for access."));
        }
        String macroText = usable.isEmpty() ? "" : " Macros: " + String.join("; ", usable) + ".";
        if (lines.isEmpty()) {
            return Step.unchanged(Replies.reply(state, macroText.strip() + " Deleting is never possible here."));
        }
        String first = lines.get(0).substring(0, lines.get(0).indexOf(' '));
        return Step.unchanged(Replies.reply(
                state,
                "You can ask about: " + String.join("; ", lines)
                        + ". For example 'show "
                        + first + "'" + (canWrite ? ", 'add a ...' or 'set the ... of ... to ...'" : "")
                        + "." + macroText + " Deleting is never possible here."));
    }

    /**
     * The macros this caller may run, each as "'usage' (description)": those whose entity the caller's catalog
     * exposes and whose intent the caller's role allows on it (a macro grants nothing the role lacks).
     */
    private List<String> usableMacros(TurnContext ctx) {
        List<String> usable = new ArrayList<>();
        for (Macro macro : macros.usableBy(ctx.user().role(), ctx.catalog(), roles)) {
            usable.add("'" + macro.usage() + "'"
                    + (macro.description().isBlank() ? "" : " (" + macro.description() + ")"));
        }
        return usable;
    }

    private Optional<Step> change(TurnContext ctx, ConversationState state, UniversalCommand.Change change) {
        Turn turn = ctx.turn();
        Draft draft = state.draft().orElseThrow();
        Optional<Entity> entity = ctx.catalog().find(draft.entity());
        if (entity.isEmpty()) {
            return Optional.empty();
        }
        Optional<Column> column = FieldNames.resolve(entity.get(), change.field());
        if (column.isEmpty()) {
            return Optional.empty();
        }
        turn.action(AuditEvent.Action.COLLECT).target(draft.intent(), draft.entity());
        // a change of the draft answers no question: the question is dropped, and the reply says so
        String lead = state.question().isPresent() ? "The question was dropped. " : "";
        // saved even when the value is refused, so that the reply's stage and the stored one agree
        return Optional.of(
                form.fill(ctx, state.withoutQuestion(), draft, entity.get(), column.get(), change.value(), "")
                        .orSave(state.withoutQuestion())
                        .withLead(lead));
    }
}
