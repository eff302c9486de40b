package dev.tabletalk.executorjooq;

import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.port.out.CommitGate;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.port.out.ReadOutcome;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.core.validation.PlanValidator;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * jOOQ-backed {@link GuardedExecutor} for PostgreSQL, MariaDB/MySQL, SQLite and H2. Create it with
 * {@link #create}.
 *
 * <p>Every plan is validated again with the core {@link PlanValidator} (role, read-only mode,
 * exposure, types, limits), whatever the caller did before. Statements are built only with jOOQ's
 * DSL from catalog identifiers and bound values; the tenant condition is added to every statement
 * on a tenant-scoped entity and the tenant column is forced on insert; an execute listener aborts
 * anything that is not one SELECT, INSERT or UPDATE. Reads run in a read-only transaction with a
 * statement timeout; a confirm locks the previewed rows, checks they are exactly as previewed and
 * updates only their primary keys.
 *
 * <p>Connections: on a data source that other code also uses (the default), every PostgreSQL
 * transaction sets its statement timeout with {@code SET LOCAL} and hands the connection back without
 * TableTalk session state; a read costs three round trips (read-only {@code BEGIN} with the timeout,
 * the SELECT, the commit). Better, give the executor a pool of its own and configure
 * {@link ExecutorConfig#withDedicatedPool()}: each physical PostgreSQL connection then keeps the statement
 * timeout and {@code default_transaction_read_only} as session settings, and a read is one round trip.
 * On MariaDB/MySQL and H2 the timeouts are session settings in either case, set again by every
 * transaction of the executor, so share such a pool only with code that sets its own.
 *
 * <p>SQLite: configure the data source's busy timeout to the lock timeout (sqlite-jdbc
 * {@code SQLiteConfig.setBusyTimeout}) and, to have foreign keys checked, {@code enforceForeignKeys}.
 *
 * <p>This class is the facade: each call opens the same way ({@link PlanOpening}) and hands the
 * validated plan to {@link ReadQuery}, {@link CreatePreview}, {@link UpdatePreview} or
 * {@link ConfirmedWrite}; a {@link RefusalSignal} from any of them becomes the call's refused outcome.
 *
 * <p>Thread-safe: one instance serves every session.
 */
public final class JooqGuardedExecutor implements GuardedExecutor {

    private final TargetDatabase database;
    private final PlanOpening opening;
    private final ReadQuery reads;
    private final CreatePreview creates;
    private final UpdatePreview updates;
    private final ConfirmedWrite writes;

    private JooqGuardedExecutor(TargetDatabase database, SchemaCatalog catalog, ExecutorConfig config) {
        this.database = database;
        this.opening = new PlanOpening(catalog, config);
        ConstraintChecks checks = new ConstraintChecks(config.limits().tenantColumn());
        this.reads = new ReadQuery(database, config);
        this.creates = new CreatePreview(database, checks);
        this.updates = new UpdatePreview(database, config, checks);
        this.writes = new ConfirmedWrite(database, config, checks);
    }

    /**
     * The executor on {@code target}; the dialect is detected from a first connection.
     *
     * @throws dev.tabletalk.core.error.DependencyUnavailableException when the database cannot be reached
     * @throws dev.tabletalk.core.error.ConfigurationException when the database is not supported
     */
    public static GuardedExecutor create(DataSource target, SchemaCatalog catalog, ExecutorConfig config) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(config, "config");
        return new JooqGuardedExecutor(
                TargetDatabase.open(target, config.limits(), config.dedicatedPool()), catalog, config);
    }

    TargetDatabase database() {
        return database;
    }

    @Override
    public ReadOutcome read(ReadPlan plan, UserContext user) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(user, "user");
        try {
            return reads.run(opening.forRead(plan, ReadPlan.class, user), user);
        } catch (RefusalSignal refused) {
            return new ReadOutcome.Refused(refused.refusal());
        }
    }

    @Override
    public PreviewOutcome previewCreate(CreatePlan plan, UserContext user) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(user, "user");
        try {
            return creates.run(opening.forWrite(plan, CreatePlan.class, user));
        } catch (RefusalSignal refused) {
            return new PreviewOutcome.Refused(refused.refusal());
        }
    }

    @Override
    public PreviewOutcome previewUpdate(UpdatePlan plan, UserContext user) {
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(user, "user");
        try {
            return updates.run(opening.forWrite(plan, UpdatePlan.class, user), user);
        } catch (RefusalSignal refused) {
            return new PreviewOutcome.Refused(refused.refusal());
        }
    }

    @Override
    public CommitOutcome executeConfirmed(PreviewSnapshot preview, UserContext user, CommitGate gate) {
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(gate, "gate");
        try {
            // INV-10: refused at once in read-only mode; INV-4: role, mode and plan are checked again at confirm time
            return writes.run(opening.forWrite(preview.plan(), Plan.class, user), preview, user, gate);
        } catch (RefusalSignal refused) {
            return new CommitOutcome.Refused(refused.refusal());
        } catch (TargetDatabase.GateFailure failure) {
            throw failure.original();
        }
    }

    @Override
    public CommitOutcome.Unknown checkConfirmed(PreviewSnapshot preview, UserContext user) {
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(user, "user");
        try {
            // a look, not a write: the read-only mode does not stop it; the plan is validated again for this caller
            return writes.check(opening.forLook(preview.plan(), Plan.class, user), preview);
        } catch (RefusalSignal refused) {
            int rows = preview.plan() instanceof CreatePlan ? 1 : preview.keys().size();
            return new CommitOutcome.Unknown(CommitOutcome.Finding.NOT_CHECKED, rows, preview.keys());
        }
    }
}
