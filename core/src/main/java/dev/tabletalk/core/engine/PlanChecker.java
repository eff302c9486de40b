package dev.tabletalk.core.engine;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.SchemaView;
import dev.tabletalk.core.catalog.SoftDelete;
import dev.tabletalk.core.macro.Macro;
import dev.tabletalk.core.macro.MacroMatch;
import dev.tabletalk.core.macro.Macros;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Days;
import dev.tabletalk.core.plan.DeletedRows;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.in.PlanCheck;
import dev.tabletalk.core.port.in.PlanChecks;
import dev.tabletalk.core.port.out.Clock;
import dev.tabletalk.core.port.out.Planner;
import dev.tabletalk.core.port.out.PlannerOutput;
import dev.tabletalk.core.port.out.PlannerRequest;
import dev.tabletalk.core.port.out.PlannerTrace;
import dev.tabletalk.core.reply.Interpretation;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.support.SystemClock;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import dev.tabletalk.core.validation.SoftDeletes;
import dev.tabletalk.core.validation.Validation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * Checks a message's plan without running it: the {@link PlanChecks} use case over the planner and the
 * validator the conversations use. Thread-safe when the planner and the catalog supplier are.
 */
public final class PlanChecker implements PlanChecks {

    private final Planner planner;
    private final PlanValidator validator;
    private final Supplier<EntityCatalog> catalog;
    private final Clock clock;
    private final Macros macros;

    /** A checker on the system clock (relative dates such as "today" are read on the system's date). */
    public PlanChecker(Planner planner, PlanValidator validator, Supplier<EntityCatalog> catalog) {
        this(planner, validator, catalog, new SystemClock());
    }

    /**
     * @param planner reads the message
     * @param validator checks the plan against the catalog, the roles and the read-only switch
     * @param catalog the current catalog (operator view: validation decides what the caller may use)
     * @param clock the engine's clock: relative dates ("today", "last 7 days") are resolved on its date
     */
    public PlanChecker(Planner planner, PlanValidator validator, Supplier<EntityCatalog> catalog, Clock clock) {
        this(planner, validator, catalog, clock, Macros.none());
    }

    /**
     * A checker that also reads macro calls (#14), before the planner, as the conversation does: a call with all its
     * arguments is checked as the macro's plan, and its interpretation names the macro and the arguments.
     *
     * @param macros the operator's macros
     */
    public PlanChecker(
            Planner planner, PlanValidator validator, Supplier<EntityCatalog> catalog, Clock clock, Macros macros) {
        this.planner = Objects.requireNonNull(planner, "planner");
        this.validator = Objects.requireNonNull(validator, "validator");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.macros = Objects.requireNonNull(macros, "macros");
    }

    @Override
    public PlanCheck checkPlan(String message, UserContext user) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(user, "user");
        EntityCatalog current = catalog.get();
        Optional<MacroMatch> match = macros.match(message);
        if (match.isPresent()) {
            return checkMacro(message, match.get(), current, user);
        }
        PlannerOutput output = planner.plan(PlannerRequest.standalone(
                message, SchemaView.of(current), LocalDate.ofInstant(clock.now(), Days.ZONE)));
        return check(message, output, current, user);
    }

    /** A macro call checked as its plan; a missing or wrong argument as the refusal the conversation answers. */
    private PlanCheck checkMacro(String message, MacroMatch match, EntityCatalog current, UserContext user) {
        Macro macro = match.macro();
        PlannerOutput output;
        if (match instanceof MacroMatch.Complete complete) {
            try {
                output = PlannedPlans.output(
                        macro.toPlan(complete.arguments()), PlannerTrace.offline(MacroStep.PLANNER));
            } catch (IllegalArgumentException e) {
                return refused(
                        message,
                        RefusalCode.NOT_UNDERSTOOD,
                        "The macro '" + macro.name() + "' is not set up" + " correctly: " + e.getMessage());
            }
        } else if (match instanceof MacroMatch.Missing missing) {
            return refused(message, RefusalCode.MISSING_REQUIRED_FIELD, MacroStep.question(macro, missing.missing()));
        } else {
            return refused(message, RefusalCode.TYPE_MISMATCH, ((MacroMatch.BadValue) match).message());
        }
        PlanCheck checked = check(message, output, current, user);
        String line = MacroStep.line(macro, match.arguments());
        return new PlanCheck(
                checked.message(),
                checked.intent(),
                checked.entity(),
                checked.fields(),
                checked.filters(),
                checked.limit(),
                checked.refusal(),
                checked.select(),
                checked.orderBy(),
                checked.offset(),
                checked.aggregate(),
                Optional.of(line + checked.interpretation().map(i -> ": " + i).orElse("")),
                checked.question(),
                checked.deleted());
    }

    private static PlanCheck refused(String message, RefusalCode code, String text) {
        return asRead(
                message,
                PlannerOutput.unknown(PlannerTrace.offline(MacroStep.PLANNER)),
                Optional.of(Refusal.of(code, text)));
    }

    private PlanCheck check(String message, PlannerOutput output, EntityCatalog current, UserContext user) {
        if (output.refusal().isPresent()) {
            return asRead(message, output, output.refusal());
        }
        if (output.question().isPresent()) {
            // #13: the conversation would ask this question; its choices' plans are checked when one is picked
            PlanCheck asked = asRead(message, output, Optional.empty());
            return new PlanCheck(
                    asked.message(),
                    asked.intent(),
                    asked.entity(),
                    asked.fields(),
                    asked.filters(),
                    asked.limit(),
                    asked.refusal(),
                    asked.select(),
                    asked.orderBy(),
                    asked.offset(),
                    asked.aggregate(),
                    asked.interpretation(),
                    Optional.of(PlannerStep.questionPart(output.question().get())),
                    asked.deleted());
        }
        if (output.intent() == Intent.UNKNOWN || output.entity().isEmpty()) {
            return asRead(
                    message,
                    output,
                    Optional.of(Refusal.of(
                            RefusalCode.NOT_UNDERSTOOD,
                            "That was not understood as a read, a create or an update of a known table.")));
        }
        String entity = output.entity().get();
        Validation validation;
        switch (output.intent()) {
            case READ:
                validation = validator.validate(output.readPlan(entity), current, user);
                break;
            case CREATE:
                validation = validator.validateValues(Intent.CREATE, entity, output.fields(), current, user);
                break;
            case UPDATE:
                validation = checkUpdate(output.updatePlan(entity), current, user);
                break;
            default:
                throw new IllegalStateException("unhandled intent: " + output.intent());
        }
        if (validation instanceof Validation.Invalid invalid) {
            return asRead(message, output, Optional.of(invalid.refusal()));
        }
        Validation.Valid valid = (Validation.Valid) validation;
        return checked(
                message,
                valid.plan(),
                output.limit(),
                valid.entity().softDelete().isPresent());
    }

    /**
     * An update checked as the conversation would run it. A soft delete's {@code now} is checked as a time and
     * shown as {@code now}: the turn that previews it takes the time from the engine's clock.
     */
    private Validation checkUpdate(UpdatePlan proposed, EntityCatalog current, UserContext user) {
        Optional<Entity> entity = current.find(proposed.entity());
        if (entity.isEmpty()) {
            return validator.validate(proposed, current, user);
        }
        Map<String, Object> resolved = SoftDeletes.resolveNow(entity.get(), proposed.changes(), Instant.EPOCH);
        Validation validation = validator.validate(proposed.withChanges(resolved), current, user);
        if (resolved.equals(proposed.changes()) || !(validation instanceof Validation.Valid valid)) {
            return validation;
        }
        UpdatePlan checked = (UpdatePlan) valid.plan();
        Map<String, Object> shown = new LinkedHashMap<>(checked.changes());
        entity.get().softDelete().ifPresent(marker -> shown.replace(marker.column(), SoftDelete.NOW));
        return new Validation.Valid(checked.withChanges(shown), valid.entity());
    }

    /** The planner's reading as it was, next to why it would be refused. */
    private static PlanCheck asRead(String message, PlannerOutput output, Optional<Refusal> refusal) {
        return new PlanCheck(
                        message,
                        output.intent(),
                        output.entity(),
                        output.fields(),
                        output.filters(),
                        output.limit(),
                        refusal,
                        output.select(),
                        output.orderBy(),
                        output.offset(),
                        output.aggregate(),
                        Optional.empty())
                .withDeleted(output.deleted());
    }

    /** A valid plan: the catalog's names, coerced values; a read with its interpretation. */
    private static PlanCheck checked(String message, Plan plan, OptionalInt limit, boolean softDeleting) {
        Map<String, Object> fields;
        if (plan instanceof CreatePlan create) {
            fields = create.values();
        } else if (plan instanceof UpdatePlan update) {
            fields = update.changes();
        } else if (plan instanceof ReadPlan) {
            fields = Map.of();
        } else {
            throw new IllegalStateException("unhandled plan: " + plan.getClass().getName());
        }
        OptionalInt rows = plan instanceof ReadPlan read ? read.limit() : OptionalInt.empty();
        Optional<ReadPlan> read = plan instanceof ReadPlan r ? Optional.of(r) : Optional.empty();
        return new PlanCheck(
                        message,
                        plan.intent(),
                        Optional.of(plan.entity()),
                        fields,
                        plan.filters(),
                        rows.isPresent() ? rows : plan.intent() == Intent.READ ? limit : OptionalInt.empty(),
                        Optional.empty(),
                        read.map(ReadPlan::fields).orElse(List.of()),
                        read.map(ReadPlan::orderBy).orElse(List.of()),
                        read.map(ReadPlan::offset).orElse(0),
                        read.flatMap(ReadPlan::aggregate),
                        read.map(r -> Interpretation.of(r, softDeleting)))
                .withDeleted(read.map(ReadPlan::deleted).orElse(DeletedRows.EXCLUDED));
    }
}
