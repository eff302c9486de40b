package dev.tabletalk.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.NumericRange;
import dev.tabletalk.core.error.Dependency;
import dev.tabletalk.core.error.DependencyUnavailableException;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.port.out.CommitGate;
import dev.tabletalk.core.port.out.CommitOutcome;
import dev.tabletalk.core.port.out.GuardedExecutor;
import dev.tabletalk.core.port.out.PreviewOutcome;
import dev.tabletalk.core.port.out.ReadOutcome;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.core.reply.Refusal;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.rows.Placeholder;
import dev.tabletalk.core.rows.Preview;
import dev.tabletalk.core.rows.PreviewSnapshot;
import dev.tabletalk.core.rows.RowChange;
import dev.tabletalk.core.rows.RowKey;
import dev.tabletalk.core.rows.RowSet;
import dev.tabletalk.core.user.UserContext;
import dev.tabletalk.testkit.executor.FixtureDatabase;
import dev.tabletalk.testkit.executor.ForbiddenAttempt;
import dev.tabletalk.testkit.executor.ShopFixture;
import dev.tabletalk.testkit.executor.SwitchableDataSource;
import dev.tabletalk.testkit.fakes.StaticSchemaCatalog;
import dev.tabletalk.testkit.fixtures.Users;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link GuardedExecutor} must do, against a real database holding the attack
 * catalogue's reference shop ({@link ShopFixture}). Extend it per database: create a fresh
 * database or schema of your own, and build the executor under test over it.
 *
 * <p>The plans here are built directly (no planner), many of them malicious on purpose.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class GuardedExecutorContract {

    private static final List<String> LEAK_MARKERS = List.of("select ", "update ", "insert ", "sql", "exception",
            "constraint", "_uq", "_fk", "sqlstate", "jdbc", "org.", "java.", "error:", "duplicate key", ShopFixture.HIDDEN_MARKER.toLowerCase(java.util.Locale.ROOT),
            "password_hash", "users_auth", "api_tokens");

    /** Which database this is (selects the DDL and the expectations that differ). */
    protected abstract FixtureDatabase database();

    /** Creates the fresh database or schema of this test class. */
    protected abstract void createDatabase() throws Exception;

    /** Drops what {@link #createDatabase()} created. */
    protected abstract void dropDatabase() throws Exception;

    /** A data source for the fresh database (the executor's target). */
    protected abstract DataSource dataSource();

    /** The schema the catalog names for the fixture tables ("" where the connection's default is used). */
    protected abstract String schema();

    /** The executor under test over {@code target}. */
    protected abstract GuardedExecutor newExecutor(DataSource target, SchemaCatalog catalog, Limits limits,
            RolePolicy roles, ReadOnlyMode readOnlyMode, OptionalDouble maxQueryCost);

    /**
     * DELETE, TRUNCATE, DDL and GRANT tried through the implementation's guarded connection: each must
     * throw because the guard stopped it, and throw an {@link AssertionError} when it ran or failed for
     * another reason.
     */
    protected abstract List<ForbiddenAttempt> forbiddenStatements();

    protected ReadOnlyMode readOnlyMode;
    protected GuardedExecutor executor;

    @BeforeAll
    final void createFixture() throws Exception {
        createDatabase();
        try (Connection connection = dataSource().getConnection()) {
            ShopFixture.create(connection, database());
        }
    }

    @AfterAll
    final void dropFixture() throws Exception {
        dropDatabase();
    }

    @BeforeEach
    final void resetFixture() throws SQLException {
        try (Connection connection = dataSource().getConnection()) {
            ShopFixture.reset(connection);
        }
        readOnlyMode = ReadOnlyMode.off();
        executor = executor(catalog(), Limits.defaults());
    }

    // ============================================================== reads

    @Test
    @Tag("invariant-7")
    @Tag("invariant-3")
    void readReturnsOnlyTheCallersTenantAndAtMostTheRowCap() {
        RowSet rows = rows(executor.read(ReadPlan.of("customers", List.of()), Users.editor()));

        assertThat(rows.size()).isEqualTo(Limits.HARD_MAX_ROWS);
        assertThat(rows.hasMore()).isTrue();
        assertThat(rows.rows()).allSatisfy(row -> assertThat(row.get("company_id")).isEqualTo(ShopFixture.TENANT));
    }

    @Test
    @Tag("invariant-3")
    void aLargerLimitInThePlanIsCutToTheCap() {
        ReadPlan plan = ReadPlan.of("customers", List.of()).withLimit(5000);

        RowSet rows = rows(executor.read(plan, Users.editor()));
        RowSet lowered = rows(executor(catalog(), Limits.defaults().withMaxRows(10)).read(plan, Users.editor()));

        assertThat(rows.size()).isEqualTo(100);
        assertThat(rows.hasMore()).isTrue();
        assertThat(lowered.size()).isEqualTo(10);
        assertThat(lowered.hasMore()).isTrue();
    }

    @Test
    void hasMoreIsSetOnlyWhenMoreRowsMatch() {
        ReadPlan five = ReadPlan.of("customers", List.of(Filter.of("id", Op.LE, 5L)));

        RowSet all = rows(executor.read(five.withLimit(5), Users.editor()));
        RowSet fewer = rows(executor.read(five.withLimit(4), Users.editor()));

        assertThat(all.size()).isEqualTo(5);
        assertThat(all.hasMore()).isFalse();
        assertThat(fewer.size()).isEqualTo(4);
        assertThat(fewer.hasMore()).isTrue();
    }

    @Test
    void readsAreOrderedByPrimaryKeyUnlessAskedOtherwise() {
        RowSet byKey = rows(executor.read(ReadPlan.of("customers", List.of(Filter.of("id", Op.LE, 20L))),
                Users.editor()));
        ReadPlan byCredit = new ReadPlan("customers", List.of("id", "credit_limit"), List.of(Filter.of("id", Op.LE, 20L)),
                List.of(Sort.descending("credit_limit")), OptionalInt.empty());
        RowSet descending = rows(executor.read(byCredit, Users.editor()));

        assertThat(ids(byKey)).containsExactlyElementsOf(IntStream.rangeClosed(1, 20).mapToObj(i -> (long) i).toList());
        assertThat(ids(descending).get(0)).isEqualTo(20L);
        assertThat(descending.columns()).containsExactly("id", "credit_limit");
    }

    @Test
    void maskedColumnsComeBackMasked() {
        RowSet rows = rows(executor.read(ReadPlan.of("customers", List.of(Filter.of("id", Op.LE, 5L))),
                Users.viewer()));

        assertThat(rows.rows().get(0).get("email")).isEqualTo("c***@example.com");
        assertThat(rows.rows()).allSatisfy(row -> {
            assertThat(String.valueOf(row.get("email"))).doesNotContain("customer").contains("***");
            assertThat(String.valueOf(row.get("phone"))).contains("***").doesNotContain("555");
        });
    }

    @Test
    @Tag("invariant-6")
    void hiddenColumnsCannotBeReadFilteredOrSortedAndAnswerLikeUnknownOnes() {
        Refusal hiddenField = refused(executor.read(new ReadPlan("customers", List.of("password_hash"), List.of(),
                List.of(), OptionalInt.empty()), Users.editor()));
        Refusal unknownField = refused(executor.read(new ReadPlan("customers", List.of("no_such_field"), List.of(),
                List.of(), OptionalInt.empty()), Users.editor()));
        Refusal hiddenFilter = refused(executor.read(ReadPlan.of("customers",
                List.of(Filter.eq("password_hash", "x"))), Users.editor()));
        Refusal hiddenSort = refused(executor.read(new ReadPlan("customers", List.of(), List.of(),
                List.of(Sort.ascending("password_hash")), OptionalInt.empty()), Users.editor()));
        RowSet everything = rows(executor.read(ReadPlan.of("customers", List.of()), Users.admin()));

        assertThat(hiddenField.code()).isEqualTo(RefusalCode.UNKNOWN_FIELD);
        assertThat(hiddenField.message().replace("password_hash", "X"))
                .isEqualTo(unknownField.message().replace("no_such_field", "X"));
        assertThat(hiddenFilter.code()).isEqualTo(RefusalCode.UNKNOWN_FIELD);
        assertThat(hiddenSort.code()).isEqualTo(RefusalCode.UNKNOWN_FIELD);
        assertThat(everything.columns()).doesNotContain("password_hash");
        assertThat(everything.rows().toString()).doesNotContain(ShopFixture.HIDDEN_MARKER);
    }

    @Test
    @Tag("invariant-6")
    void hiddenEntitiesAnswerExactlyLikeMissingOnes() {
        Refusal hidden = refused(executor.read(ReadPlan.of("users_auth", List.of()), Users.admin()));
        Refusal tokens = refused(executor.read(ReadPlan.of("api_tokens", List.of()), Users.admin()));
        Refusal missing = refused(executor.read(ReadPlan.of("no_such_table_xyz", List.of()), Users.admin()));
        Refusal homoglyph = refused(executor.read(ReadPlan.of("cust\u043emers", List.of()), Users.admin()));
        Refusal zeroWidth = refused(executor.read(ReadPlan.of("customers\u200b", List.of()), Users.admin()));
        Refusal hiddenWrite = refusedPreview(executor.previewUpdate(new UpdatePlan("users_auth",
                Map.of("password_hash", "x"), List.of(Filter.eq("user_id", "u-1001"))), Users.admin()));

        for (Refusal refusal : List.of(hidden, tokens, missing, homoglyph, zeroWidth, hiddenWrite)) {
            assertThat(refusal.code()).isEqualTo(RefusalCode.UNKNOWN_ENTITY);
        }
        assertThat(hidden.message().replace("users_auth", "X")).isEqualTo(missing.message().replace("no_such_table_xyz", "X"));
        assertThat(hiddenWrite.message()).doesNotContain("password_hash");
    }

    @Test
    @Tag("invariant-2")
    void containsAndStartsWithAreCaseInsensitiveAndTreatWildcardsLiterally() {
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "acme")))).containsExactly(44L);
        assertThat(ids(read(Filter.of("name", Op.STARTS_WITH, "acme c")))).containsExactly(44L);
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "Ümlaut ag")))).containsExactly(47L);
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "%")))).containsExactly(42L);
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "_")))).containsExactly(42L);
        assertThat(ids(read(Filter.of("name", Op.STARTS_WITH, "100%")))).containsExactly(42L);
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "0% o")))).containsExactly(42L);
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "c_stomer")))).isEmpty();
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "!")))).isEmpty();
        assertThat(ids(read(Filter.of("name", Op.STARTS_WITH, "%")))).isEmpty();
    }

    @Test
    void inBetweenAndNullChecksWork() {
        assertThat(ids(read(Filter.of("id", Op.IN, List.of(3L, 1L, 2L, 9001L))))).containsExactly(1L, 2L, 3L);
        assertThat(ids(read(Filter.of("credit_limit", Op.BETWEEN, List.of(new BigDecimal("10"), new BigDecimal("30"))))))
                .containsExactly(1L, 2L, 3L);
        assertThat(ids(read(Filter.of("id", Op.LE, 6L), Filter.of("notes", Op.IS_NULL, null)))).containsExactly(2L, 4L, 6L);
        assertThat(ids(read(Filter.of("id", Op.LE, 6L), Filter.of("notes", Op.IS_NOT_NULL, null))))
                .containsExactly(1L, 3L, 5L);
        assertThat(ids(read(Filter.of("status", Op.EQ, "blocked")))).containsExactly(50L, 100L, 150L, 200L, 250L);
        assertThat(ids(read(Filter.of("id", Op.LE, 4L), Filter.of("status", Op.NE, "active")))).containsExactly(3L);
    }

    @Test
    void inListsAreCappedAndMustHoldScalars() {
        List<Object> tooMany = new ArrayList<>();
        for (long i = 1; i <= Limits.defaults().maxInItems() + 1; i++) {
            tooMany.add(i);
        }
        Refusal tooLong = refused(executor.read(ReadPlan.of("customers", List.of(Filter.of("id", Op.IN, tooMany))),
                Users.editor()));
        Refusal tooLongUpdate = refusedPreview(executor.previewUpdate(new UpdatePlan("customers",
                Map.of("status", "inactive"), List.of(Filter.of("id", Op.IN, tooMany))), Users.editor()));
        Refusal nested = refused(executor.read(ReadPlan.of("customers", List.of(Filter.of("id", Op.IN,
                List.of(List.of(1L, 2L), Map.of("$gt", 0L))))), Users.editor()));

        assertThat(tooLong.code()).isEqualTo(RefusalCode.IN_LIST_TOO_LONG);
        assertThat(tooLongUpdate.code()).isEqualTo(RefusalCode.IN_LIST_TOO_LONG);
        assertThat(nested.code()).isEqualTo(RefusalCode.TYPE_MISMATCH);
    }

    @Test
    void tooManyFiltersAreRefused() {
        List<Filter> filters = new ArrayList<>();
        for (long n = 1; n <= 500; n++) {
            filters.add(Filter.of("id", Op.NE, n));
        }
        assertThat(refused(executor.read(ReadPlan.of("customers", filters), Users.editor())).code())
                .isEqualTo(RefusalCode.TOO_MANY_FILTERS);
    }

    @Test
    void comparingWithNullIsRefusedNotRewritten() {
        Refusal read = refused(executor.read(ReadPlan.of("customers", List.of(Filter.eq("notes", null))), Users.editor()));
        Refusal update = refusedPreview(executor.previewUpdate(new UpdatePlan("customers", Map.of("status", "inactive"),
                List.of(Filter.eq("notes", null))), Users.editor()));

        assertThat(read.code()).isEqualTo(RefusalCode.NULL_COMPARISON);
        assertThat(update.code()).isEqualTo(RefusalCode.NULL_COMPARISON);
    }

    @Test
    @Tag("invariant-7")
    void theTenantColumnCanBeNeitherFilteredNorSetNorOrderedBy() {
        Refusal filter = refused(executor.read(ReadPlan.of("orders", List.of(Filter.eq("company_id", 202L))),
                Users.editor()));
        Refusal create = refusedPreview(executor.previewCreate(new CreatePlan("customers",
                Map.of("name", "Acme GmbH", "company_id", 202L)), Users.editor()));
        Refusal update = refusedPreview(executor.previewUpdate(new UpdatePlan("customers",
                Map.of("company_id", 202L), List.of(Filter.eq("id", 5L))), Users.editor()));

        assertThat(filter.code()).isEqualTo(RefusalCode.TENANT_COLUMN);
        assertThat(create.code()).isEqualTo(RefusalCode.TENANT_COLUMN);
        assertThat(update.code()).isEqualTo(RefusalCode.TENANT_COLUMN);
    }

    @Test
    @Tag("invariant-7")
    void anotherTenantsRowsLookExactlyLikeMissingRows() {
        RowSet otherTenant = rows(executor.read(ReadPlan.of("customers", List.of(Filter.eq("id", 9001L))), Users.editor()));
        RowSet missing = rows(executor.read(ReadPlan.of("customers", List.of(Filter.eq("id", 777777L))), Users.editor()));
        Refusal otherUpdate = refusedPreview(executor.previewUpdate(new UpdatePlan("customers",
                Map.of("status", "blocked"), List.of(Filter.eq("id", 9001L))), Users.editor()));
        Refusal missingUpdate = refusedPreview(executor.previewUpdate(new UpdatePlan("customers",
                Map.of("status", "blocked"), List.of(Filter.eq("id", 777777L))), Users.editor()));
        RowSet theirs = rows(executor.read(ReadPlan.of("customers", List.of(Filter.eq("id", 9001L))),
                Users.otherTenantEditor()));

        assertThat(otherTenant).isEqualTo(missing);
        assertThat(otherTenant.isEmpty()).isTrue();
        assertThat(otherUpdate).isEqualTo(missingUpdate);
        assertThat(otherUpdate.code()).isEqualTo(RefusalCode.NO_MATCHING_ROWS);
        assertThat(ids(theirs)).containsExactly(9001L);
    }

    @Test
    @Tag("invariant-7")
    void aCallerWithoutTenantIsRefusedOnTenantScopedEntities() {
        assertThat(refused(executor.read(ReadPlan.of("customers", List.of()), Users.editorWithoutTenant())).code())
                .isEqualTo(RefusalCode.TENANT_REQUIRED);
        assertThat(refusedPreview(executor.previewCreate(new CreatePlan("customers", Map.of("name", "X")),
                Users.editorWithoutTenant())).code()).isEqualTo(RefusalCode.TENANT_REQUIRED);
    }

    @Test
    void valuesOfTheWrongTypeAreRefused() {
        for (Object id : List.of("05", "5.0", " 5", new BigDecimal("5.0"), 5.0d, true)) {
            assertThat(refused(executor.read(ReadPlan.of("customers", List.of(Filter.eq("id", id))), Users.editor())).code())
                    .as("id = %s", id).isEqualTo(RefusalCode.TYPE_MISMATCH);
        }
        for (String date : List.of("2024-02-30", "yesterday", "now", "infinity", "epoch")) {
            assertThat(refused(executor.read(ReadPlan.of("customers", List.of(Filter.of("created_at", Op.GT, date))),
                    Users.editor())).code()).as("created_at > %s", date).isEqualTo(RefusalCode.INVALID_DATE);
        }
        assertThat(ids(read(Filter.of("created_at", Op.GT, "2000-01-01T00:00:00Z"), Filter.of("id", Op.LE, 2L))))
                .containsExactly(1L, 2L);
    }

    @Test
    @Tag("invariant-2")
    void injectionStringsAreOnlyValues() {
        assertThat(ids(read(Filter.of("name", Op.CONTAINS, "' OR 1=1 --")))).isEmpty();
        assertThat(ids(read(Filter.eq("name", "x' OR '1'='1")))).isEmpty();
        assertThat(ids(read(Filter.eq("name", ShopFixture.customerName(45))))).containsExactly(45L);
        assertThat(refused(executor.read(ReadPlan.of("customers; drop table customers", List.of()), Users.editor())).code())
                .isEqualTo(RefusalCode.UNKNOWN_ENTITY);
        assertThat(refused(executor.read(ReadPlan.of("customers", List.of(Filter.eq("name\" or 1=1 --", "x"))),
                Users.editor())).code()).isEqualTo(RefusalCode.UNKNOWN_FIELD);
        assertThat(count("select count(*) from customers")).isEqualTo(ShopFixture.CUSTOMERS + 1);
    }

    @Test
    void rolesDecideWhoMayReadAndWrite() {
        assertThat(refused(executor.read(ReadPlan.of("customers", List.of()), UserContext.of("u-5", "intruder", "101")))
                .code()).isEqualTo(RefusalCode.ROLE_FORBIDS);
        assertThat(refusedPreview(executor.previewUpdate(new UpdatePlan("customers", Map.of("status", "blocked"),
                List.of(Filter.eq("id", 5L))), Users.viewer())).code()).isEqualTo(RefusalCode.ROLE_FORBIDS);
        assertThat(refusedPreview(executor.previewCreate(new CreatePlan("customers", Map.of("name", "X")),
                Users.viewer())).code()).isEqualTo(RefusalCode.ROLE_FORBIDS);
        assertThat(rows(executor.read(ReadPlan.of("customers", List.of(Filter.eq("id", 5L))), Users.viewer())).size())
                .isEqualTo(1);
    }

    @Test
    void aQueryOverTheCostLimitIsRefusedBeforeItRuns() {
        Assumptions.assumeTrue(database().hasCostGate(), "the cost gate applies to PostgreSQL and MariaDB only");
        GuardedExecutor gated = newExecutor(dataSource(), new StaticSchemaCatalog(catalog()), Limits.defaults(),
                RolePolicy.defaults(), readOnlyMode, OptionalDouble.of(0.001));
        GuardedExecutor generous = newExecutor(dataSource(), new StaticSchemaCatalog(catalog()), Limits.defaults(),
                RolePolicy.defaults(), readOnlyMode, OptionalDouble.of(1.0e12));

        Refusal refusal = refused(gated.read(ReadPlan.of("customers", List.of(Filter.of("name", Op.CONTAINS, "pend"))),
                Users.editor()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.COST_TOO_HIGH);
        assertNoLeak(refusal);
        assertThat(rows(generous.read(ReadPlan.of("customers", List.of(Filter.eq("id", 5L))), Users.editor())).size())
                .isEqualTo(1);
    }

    // ============================================================== create

    @Test
    @Tag("invariant-4")
    @Tag("invariant-7")
    void previewCreateShowsTheRowAsItWillBeInsertedAndWritesNothing() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("name", "New Co");
        values.put("email", "new.buyer@example.com");
        values.put("credit_limit", new BigDecimal("1500.5"));
        PreviewOutcome.Ready ready = ready(executor.previewCreate(new CreatePlan("customers", values), Users.editor()));

        Preview preview = ready.preview();
        Map<String, Object> row = preview.changes().get(0).after();
        assertThat(preview.rowCount()).isEqualTo(1);
        assertThat(row.get("id")).isEqualTo(Placeholder.GENERATED);
        assertThat(row.get("company_id")).isEqualTo(ShopFixture.TENANT);
        assertThat(row.get("name")).isEqualTo("New Co");
        assertThat(row.get("email")).isEqualTo("n***@example.com");
        assertThat((BigDecimal) row.get("credit_limit")).isEqualByComparingTo("1500.50");
        assertThat(row.get("status")).isEqualTo(Placeholder.DATABASE_DEFAULT);
        assertThat(row.get("created_at")).isEqualTo(Placeholder.DATABASE_DEFAULT);
        assertThat(row).doesNotContainKey("password_hash");
        assertThat(ready.snapshot().keys()).isEmpty();
        assertThat(count("select count(*) from customers")).isEqualTo(ShopFixture.CUSTOMERS + 1);
    }

    @Test
    void missingRequiredFieldsAreListed() {
        Refusal refusal = refusedPreview(executor.previewCreate(new CreatePlan("products", Map.of("price",
                new BigDecimal("1.00"))), Users.editor()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.MISSING_REQUIRED_FIELD);
        assertThat(refusal.message()).contains("sku").contains("name");
    }

    @Test
    void uniqueValuesAreCheckedFriendlyBeforeThePreview() {
        Refusal taken = refusedPreview(executor.previewCreate(new CreatePlan("products",
                Map.of("sku", "SKU-001", "name", "Again")), Users.editor()));
        PreviewOutcome otherTenantsSku = executor.previewCreate(new CreatePlan("products",
                Map.of("sku", "SKU-001", "name", "Mine")), Users.otherTenantEditor());
        PreviewOutcome newSku = executor.previewCreate(new CreatePlan("products",
                Map.of("sku", "SKU-NEW", "name", "New")), Users.editor());

        assertThat(taken.code()).isEqualTo(RefusalCode.UNIQUE_VIOLATION);
        assertThat(taken.message()).contains("SKU-001");
        assertNoLeak(taken);
        assertThat(otherTenantsSku).isInstanceOf(PreviewOutcome.Refused.class);
        assertThat(newSku).isInstanceOf(PreviewOutcome.Ready.class);
    }

    @Test
    @Tag("invariant-7")
    void foreignKeysAreCheckedFriendlyAndAnotherTenantsRowDoesNotExist() {
        Refusal missing = refusedPreview(executor.previewCreate(new CreatePlan("orders",
                Map.of("customer_id", 7777L, "total", new BigDecimal("10.00"))), Users.editor()));
        Refusal otherTenant = refusedPreview(executor.previewCreate(new CreatePlan("orders",
                Map.of("customer_id", 9001L, "total", new BigDecimal("10.00"))), Users.editor()));
        PreviewOutcome fine = executor.previewCreate(new CreatePlan("orders",
                Map.of("customer_id", 7L, "total", new BigDecimal("10.00"))), Users.editor());

        assertThat(missing.code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
        assertThat(missing.message()).contains("no customers").contains("7777");
        assertThat(otherTenant.code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
        assertThat(otherTenant.message().replace("9001", "N")).isEqualTo(missing.message().replace("7777", "N"));
        assertThat(fine).isInstanceOf(PreviewOutcome.Ready.class);
    }

    @Test
    @Tag("invariant-4")
    @Tag("invariant-7")
    void confirmedCreateInsertsWithTheCallersTenantAndReturnsTheGeneratedKey() throws SQLException {
        PreviewOutcome.Ready ready = ready(executor.previewCreate(new CreatePlan("customers",
                Map.of("name", "Fresh Ltd", "email", "fresh@example.com")), Users.editor()));
        AtomicReference<CommitOutcome.Committed> gateSaw = new AtomicReference<>();

        CommitOutcome outcome = executor.executeConfirmed(ready.snapshot(), Users.editor(), gateSaw::set);

        CommitOutcome.Committed committed = committed(outcome);
        assertThat(committed.rowCount()).isEqualTo(1);
        assertThat(committed.keys()).hasSize(1);
        Object id = committed.keys().get(0).values().get("id");
        assertThat(id).isInstanceOf(Long.class);
        assertThat(gateSaw.get()).isEqualTo(committed);
        assertThat(query("select company_id, name, status from customers where id = " + id))
                .containsExactly(List.of(ShopFixture.TENANT, "Fresh Ltd", "active"));
    }

    @Test
    void aUniqueClashThatAppearsAfterThePreviewIsASpecificRefusal() throws SQLException {
        PreviewOutcome.Ready ready = ready(executor.previewCreate(new CreatePlan("products",
                Map.of("sku", "SKU-RACE", "name", "Racer")), Users.editor()));
        execute("insert into products (id, company_id, sku, name, price, stock) values (500, 101, 'SKU-RACE', 'x', 1, 1)");

        Refusal refusal = refusedCommit(executor.executeConfirmed(ready.snapshot(), Users.editor(), CommitGate.OPEN));

        assertThat(refusal.code()).isEqualTo(RefusalCode.UNIQUE_VIOLATION);
        assertNoLeak(refusal);
        assertThat(count("select count(*) from products where sku = 'SKU-RACE'")).isEqualTo(1);
    }

    // ============================================================== update preview

    @Test
    @Tag("invariant-5")
    void anUpdateNeedsAFilter() {
        Refusal refusal = refusedPreview(executor.previewUpdate(new UpdatePlan("customers", Map.of("status", "inactive"),
                List.of()), Users.editor()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.UPDATE_REQUIRES_FILTER);
    }

    @Test
    @Tag("invariant-5")
    void filtersThatMatchTooManyRowsAreRefusedAboveTheCap() {
        List<List<Filter>> tautologies = List.of(
                List.of(Filter.of("id", Op.GT, 0L)),
                List.of(Filter.of("name", Op.CONTAINS, "")),
                List.of(Filter.of("name", Op.NE, "no such name")),
                List.of(Filter.of("status", Op.NE, "blocked")),
                List.of(Filter.of("id", Op.LE, 21L)));
        for (List<Filter> filters : tautologies) {
            Refusal refusal = refusedPreview(executor.previewUpdate(new UpdatePlan("customers",
                    Map.of("status", "inactive"), filters), Users.editor()));
            assertThat(refusal.code()).as("%s", filters).isEqualTo(RefusalCode.CAP_EXCEEDED);
        }
        assertThat(executor.previewUpdate(new UpdatePlan("customers", Map.of("status", "inactive"),
                List.of(Filter.of("id", Op.LE, 20L))), Users.editor())).isInstanceOf(PreviewOutcome.Ready.class);
        // a '%' never widens an update: it matches only names that contain a '%'
        assertThat(ready(executor.previewUpdate(new UpdatePlan("customers", Map.of("status", "inactive"),
                List.of(Filter.of("name", Op.CONTAINS, "%"))), Users.editor())).snapshot().keys())
                .containsExactly(RowKey.of("id", 42L));
    }

    @Test
    @Tag("invariant-5")
    void theCapFollowsTheRole() {
        UpdatePlan fifty = new UpdatePlan("customers", Map.of("notes", "bulk"), List.of(Filter.of("id", Op.LE, 50L)));

        assertThat(refusedPreview(executor.previewUpdate(fifty, Users.editor())).code()).isEqualTo(RefusalCode.CAP_EXCEEDED);
        assertThat(ready(executor.previewUpdate(fifty, Users.admin())).preview().rowCount()).isEqualTo(50);
    }

    @Test
    void anUpdateMatchingNothingIsRefused() {
        Refusal refusal = refusedPreview(executor.previewUpdate(new UpdatePlan("customers", Map.of("status", "inactive"),
                List.of(Filter.of("name", Op.CONTAINS, "nobody by that name"))), Users.editor()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.NO_MATCHING_ROWS);
    }

    @Test
    @Tag("invariant-4")
    void previewUpdateShowsEveryRowBeforeAndAfterAndWritesNothing() throws SQLException {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(new UpdatePlan("customers",
                Map.of("status", "blocked", "email", "changed@example.com"),
                List.of(Filter.of("credit_limit", Op.LT, new BigDecimal("100")))), Users.editor()));

        Preview preview = ready.preview();
        assertThat(preview.rowCount()).isEqualTo(9);
        assertThat(ready.snapshot().keys()).extracting(k -> k.values().get("id"))
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        RowChange first = preview.changes().get(0);
        assertThat(first.key()).contains(RowKey.of("id", 1L));
        assertThat(first.before().get("status")).isEqualTo("active");
        assertThat(first.after().get("status")).isEqualTo("blocked");
        assertThat(first.before().get("email")).isEqualTo("c***@example.com");
        assertThat(first.after().get("email")).isEqualTo("c***@example.com");
        assertThat(preview.changedColumns()).containsExactlyInAnyOrder("status", "email");
        assertThat(preview.changes().toString()).doesNotContain(ShopFixture.HIDDEN_MARKER);
        assertThat(count("select count(*) from customers where status = 'blocked'")).isEqualTo(5);
    }

    @Test
    void badValuesInAnUpdateAreRefusedBeforeTheDatabase() {
        Map<Object, RefusalCode> creditLimits = new LinkedHashMap<>();
        creditLimits.put("one million", RefusalCode.TYPE_MISMATCH);
        creditLimits.put("NaN", RefusalCode.NOT_FINITE);
        creditLimits.put("Infinity", RefusalCode.NOT_FINITE);
        creditLimits.put(Double.POSITIVE_INFINITY, RefusalCode.NOT_FINITE);
        creditLimits.put(new BigDecimal("12345678901.99"), RefusalCode.OUT_OF_RANGE);
        creditLimits.put(new BigDecimal("1e309"), RefusalCode.OUT_OF_RANGE);
        creditLimits.forEach((value, code) -> assertThat(refusedPreview(executor.previewUpdate(new UpdatePlan("customers",
                Map.of("credit_limit", value), List.of(Filter.eq("id", 5L))), Users.editor())).code())
                .as("credit_limit %s", value).isEqualTo(code));
        Map<Object, RefusalCode> stocks = new LinkedHashMap<>();
        stocks.put(2147483648L, RefusalCode.OUT_OF_RANGE);
        stocks.put(-1L, RefusalCode.OUT_OF_RANGE);
        stocks.put(3.7d, RefusalCode.TYPE_MISMATCH);
        stocks.put(Boolean.TRUE, RefusalCode.TYPE_MISMATCH);
        stocks.forEach((value, code) -> assertThat(refusedPreview(executor.previewUpdate(new UpdatePlan("products",
                Map.of("stock", value), List.of(Filter.eq("id", 7L))), Users.editor())).code())
                .as("stock %s", value).isEqualTo(code));
        assertThat(refusedPreview(executor.previewUpdate(new UpdatePlan("customers", Map.of("status", "deleted"),
                List.of(Filter.eq("id", 5L))), Users.editor())).code()).isEqualTo(RefusalCode.INVALID_ENUM_VALUE);
        assertThat(refusedPreview(executor.previewUpdate(new UpdatePlan("customers", Map.of("st\u0430tus", "blocked"),
                List.of(Filter.eq("id", 5L))), Users.editor())).code()).isEqualTo(RefusalCode.UNKNOWN_FIELD);
        assertThat(refusedPreview(executor.previewUpdate(new UpdatePlan("customers", Map.of("version", 5L),
                List.of(Filter.eq("id", 5L))), Users.editor())).code()).isEqualTo(RefusalCode.FIELD_NOT_WRITABLE);
    }

    // ============================================================== confirm

    @Test
    @Tag("invariant-5")
    @Tag("invariant-4")
    void aConfirmedUpdateChangesExactlyThePreviewedRows() throws SQLException {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(new UpdatePlan("customers", Map.of("notes", "confirmed"),
                List.of(Filter.of("id", Op.IN, List.of(1L, 2L, 3L)))), Users.editor()));

        CommitOutcome.Committed committed = committed(executor.executeConfirmed(ready.snapshot(), Users.editor(),
                CommitGate.OPEN));

        assertThat(committed.rowCount()).isEqualTo(3);
        assertThat(committed.keys()).isEqualTo(ready.snapshot().keys());
        assertThat(count("select count(*) from customers where notes = 'confirmed'")).isEqualTo(3);
        assertThat(count("select count(*) from customers where notes = 'confirmed' and id in (1, 2, 3)")).isEqualTo(3);
        assertThat(query("select notes from customers where id = 9001")).containsExactly(List.of("other tenant"));
    }

    @Test
    @Tag("invariant-4")
    void aRowChangedByAnotherConnectionAfterThePreviewRefusesTheConfirm() throws SQLException {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(new UpdatePlan("customers", Map.of("notes", "mine"),
                List.of(Filter.eq("id", 3L))), Users.editor()));
        execute("update customers set version = 5 where id = 3");

        Refusal refusal = refusedCommit(executor.executeConfirmed(ready.snapshot(), Users.editor(), failingGate()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.ROWS_CHANGED);
        assertThat(query("select notes from customers where id = 3")).containsExactly(List.of("note 3"));
    }

    @Test
    @Tag("invariant-5")
    void aRowThatStartsMatchingAfterThePreviewRefusesTheConfirm() throws SQLException {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(new UpdatePlan("customers", Map.of("status", "inactive"),
                List.of(Filter.of("credit_limit", Op.LT, new BigDecimal("100")))), Users.editor()));
        execute("update customers set credit_limit = 50 where id = 20");

        Refusal refusal = refusedCommit(executor.executeConfirmed(ready.snapshot(), Users.editor(), failingGate()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.ROWS_CHANGED);
        assertThat(count("select count(*) from customers where status = 'inactive' and id <= 20")).isEqualTo(6);
    }

    @Test
    void aRowThatNoLongerMatchesRefusesTheConfirm() throws SQLException {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(new UpdatePlan("customers", Map.of("notes", "cheap"),
                List.of(Filter.of("credit_limit", Op.LT, new BigDecimal("100")))), Users.editor()));
        execute("update customers set credit_limit = 500 where id = 3");

        Refusal refusal = refusedCommit(executor.executeConfirmed(ready.snapshot(), Users.editor(), failingGate()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.ROWS_CHANGED);
        assertThat(count("select count(*) from customers where notes = 'cheap'")).isZero();
    }

    @Test
    @Tag("invariant-4")
    void twoConfirmsOfOnePreviewRacingApplyItExactlyOnce() throws Exception {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(new UpdatePlan("customers", Map.of("notes", "raced"),
                List.of(Filter.of("id", Op.IN, List.of(10L, 11L, 12L)))), Users.editor()));
        AtomicInteger gateCalls = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<CommitOutcome> confirm = () -> {
                start.await();
                return executor.executeConfirmed(ready.snapshot(), Users.editor(), c -> gateCalls.incrementAndGet());
            };
            Future<CommitOutcome> first = pool.submit(confirm);
            Future<CommitOutcome> second = pool.submit(confirm);
            start.countDown();
            List<CommitOutcome> outcomes = List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));

            assertThat(outcomes).filteredOn(o -> o instanceof CommitOutcome.Committed).hasSize(1);
            assertThat(outcomes).filteredOn(o -> o instanceof CommitOutcome.Refused).singleElement()
                    .satisfies(o -> assertThat(((CommitOutcome.Refused) o).refusal().code())
                            .isIn(RefusalCode.ROWS_CHANGED, RefusalCode.LOCK_TIMEOUT));
            assertThat(gateCalls.get()).isEqualTo(1);
            assertThat(count("select count(*) from customers where notes = 'raced'")).isEqualTo(3);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aLockHeldByAnotherTransactionEndsInALockTimeoutAndChangesNothing() throws Exception {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(new UpdatePlan("customers", Map.of("notes", "locked"),
                List.of(Filter.eq("id", 3L))), Users.editor()));
        Duration lockTimeout = Limits.defaults().lockTimeout();
        try (Connection holder = dataSource().getConnection()) {
            holdLockOnCustomer(holder, 3);
            long started = System.nanoTime();

            Refusal refusal = refusedCommit(executor.executeConfirmed(ready.snapshot(), Users.editor(), failingGate()));

            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            holder.rollback();
            assertThat(refusal.code()).isEqualTo(RefusalCode.LOCK_TIMEOUT);
            assertNoLeak(refusal);
            assertThat(waited).isLessThan(lockTimeout.plusSeconds(8)).isGreaterThan(lockTimeout.dividedBy(2));
        }
        assertThat(query("select notes from customers where id = 3")).containsExactly(List.of("note 3"));
    }

    @Test
    void aStatementRunningLongerThanTheStatementTimeoutIsStopped() throws Exception {
        GuardedExecutor impatient = executor(catalog(), Limits.defaults().withStatementTimeout(Duration.ofSeconds(1))
                .withLockTimeout(Duration.ofSeconds(20)));
        PreviewOutcome.Ready ready = ready(impatient.previewUpdate(new UpdatePlan("customers", Map.of("notes", "slow"),
                List.of(Filter.eq("id", 4L))), Users.editor()));
        try (Connection holder = dataSource().getConnection()) {
            holdLockOnCustomer(holder, 4);
            long started = System.nanoTime();

            Refusal refusal = refusedCommit(impatient.executeConfirmed(ready.snapshot(), Users.editor(), failingGate()));

            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            holder.rollback();
            assertThat(refusal.code()).isIn(RefusalCode.STATEMENT_TIMEOUT, RefusalCode.LOCK_TIMEOUT);
            assertNoLeak(refusal);
            assertThat(waited).isLessThan(Duration.ofSeconds(15));
        }
        assertThat(query("select notes from customers where id = 4")).containsExactly(List.of(Optional.empty()));
    }

    @Test
    void whenTheCommitGateFailsTheWriteIsRolledBackAndTheFailurePropagates() throws SQLException {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(new UpdatePlan("customers", Map.of("notes", "gated"),
                List.of(Filter.eq("id", 5L))), Users.editor()));
        DependencyUnavailableException auditDown = DependencyUnavailableException.auditStore("audit store down", null);

        assertThatThrownBy(() -> executor.executeConfirmed(ready.snapshot(), Users.editor(), c -> {
            throw auditDown;
        })).isSameAs(auditDown);
        assertThat(query("select notes from customers where id = 5")).containsExactly(List.of("note 5"));
    }

    @Test
    @Tag("invariant-10")
    void readOnlyModeRefusesEveryWriteAtOnceButNotReads() throws SQLException {
        PreviewOutcome.Ready before = ready(executor.previewUpdate(new UpdatePlan("customers", Map.of("notes", "late"),
                List.of(Filter.eq("id", 5L))), Users.editor()));
        readOnlyMode.set(true);

        Refusal update = refusedPreview(executor.previewUpdate(new UpdatePlan("customers", Map.of("status", "blocked"),
                List.of(Filter.eq("id", 5L))), Users.editor()));
        Refusal create = refusedPreview(executor.previewCreate(new CreatePlan("customers", Map.of("name", "X")),
                Users.admin()));
        Refusal confirm = refusedCommit(executor.executeConfirmed(before.snapshot(), Users.editor(), failingGate()));

        assertThat(List.of(update, create, confirm)).extracting(Refusal::code).containsOnly(RefusalCode.READ_ONLY_MODE);
        assertThat(rows(executor.read(ReadPlan.of("customers", List.of(Filter.eq("id", 5L))), Users.editor())).size())
                .isEqualTo(1);
        assertThat(query("select notes from customers where id = 5")).containsExactly(List.of("note 5"));
        readOnlyMode.set(false);
        assertThat(executor.executeConfirmed(before.snapshot(), Users.editor(), CommitGate.OPEN))
                .isInstanceOf(CommitOutcome.Committed.class);
    }

    @Test
    @Tag("invariant-4")
    void theRoleIsCheckedAgainAtConfirm() throws SQLException {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(new UpdatePlan("customers", Map.of("notes", "demoted"),
                List.of(Filter.eq("id", 5L))), Users.editor()));

        Refusal refusal = refusedCommit(executor.executeConfirmed(ready.snapshot(), Users.editor().withRole("viewer"),
                failingGate()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.ROLE_FORBIDS);
        assertThat(query("select notes from customers where id = 5")).containsExactly(List.of("note 5"));
    }

    @Test
    @Tag("invariant-4")
    @Tag("invariant-7")
    void aForgedSnapshotChangesNothing() throws SQLException {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(new UpdatePlan("customers", Map.of("notes", "forged"),
                List.of(Filter.of("id", Op.IN, List.of(5L, 6L)))), Users.editor()));
        PreviewSnapshot widened = new PreviewSnapshot(ready.snapshot().plan(),
                List.of(RowKey.of("id", 5L), RowKey.of("id", 6L), RowKey.of("id", 9001L)), ready.snapshot().valuesHash());
        PreviewSnapshot otherHash = new PreviewSnapshot(ready.snapshot().plan(), ready.snapshot().keys(), "0".repeat(64));
        UpdatePlan crossTenant = new UpdatePlan("customers", Map.of("notes", "forged"),
                List.of(Filter.eq("id", 9001L)));
        PreviewSnapshot otherTenant = new PreviewSnapshot(crossTenant, List.of(RowKey.of("id", 9001L)),
                ready.snapshot().valuesHash());
        List<RowKey> many = new ArrayList<>();
        for (long i = 1; i <= 21; i++) {
            many.add(RowKey.of("id", i));
        }
        PreviewSnapshot overCap = new PreviewSnapshot(new UpdatePlan("customers", Map.of("notes", "forged"),
                List.of(Filter.of("id", Op.LE, 21L))), many, ready.snapshot().valuesHash());

        assertThat(refusedCommit(executor.executeConfirmed(widened, Users.editor(), failingGate())).code())
                .isEqualTo(RefusalCode.ROWS_CHANGED);
        assertThat(refusedCommit(executor.executeConfirmed(otherHash, Users.editor(), failingGate())).code())
                .isEqualTo(RefusalCode.ROWS_CHANGED);
        assertThat(refusedCommit(executor.executeConfirmed(otherTenant, Users.editor(), failingGate())).code())
                .isEqualTo(RefusalCode.ROWS_CHANGED);
        assertThat(refusedCommit(executor.executeConfirmed(overCap, Users.editor(), failingGate())).code())
                .isEqualTo(RefusalCode.CAP_EXCEEDED);
        assertThat(count("select count(*) from customers where notes = 'forged'")).isZero();
    }

    @Test
    @Tag("invariant-4")
    void aCreateSnapshotMustMatchItsPlan() throws SQLException {
        PreviewOutcome.Ready ready = ready(executor.previewCreate(new CreatePlan("customers", Map.of("name", "Honest")),
                Users.editor()));
        PreviewSnapshot swapped = new PreviewSnapshot(new CreatePlan("customers", Map.of("name", "Swapped")),
                List.of(), ready.snapshot().valuesHash());

        assertThat(refusedCommit(executor.executeConfirmed(swapped, Users.editor(), failingGate())).code())
                .isEqualTo(RefusalCode.ROWS_CHANGED);
        assertThat(count("select count(*) from customers where name = 'Swapped'")).isZero();
    }

    // ============================================================== database errors

    @Test
    void databaseErrorsBecomeSpecificRefusalsWithoutDetails() throws SQLException {
        EntityCatalog permissive = ShopFixture.catalog(schema(), database(), entity -> {
            var e = ShopFixture.withoutKeys(entity);
            e = ShopFixture.withColumn(e, "stock", b -> b.range(NumericRange.of(Integer.MIN_VALUE, Integer.MAX_VALUE)));
            e = ShopFixture.withColumn(e, "sku", b -> b.maxLength(null));
            e = ShopFixture.withColumn(e, "credit_limit", b -> b.precision(null).scale(null));
            return e.name().equals("customers") ? ShopFixture.withColumn(e, "name", b -> b.nullable(true)) : e;
        });
        GuardedExecutor unchecked = executor(permissive, Limits.defaults());

        assertThat(confirmUpdate(unchecked, "products", "stock", -1L, 7L).code()).isEqualTo(RefusalCode.CHECK_VIOLATION);
        assertThat(confirmUpdate(unchecked, "customers", "name", null, 5L).code()).isEqualTo(RefusalCode.NOT_NULL_VIOLATION);
        if (database().enforcesDeclaredSizes()) {
            assertThat(confirmUpdate(unchecked, "products", "sku", "S".repeat(40), 7L).code())
                    .isEqualTo(RefusalCode.VALUE_TOO_LONG);
            assertThat(confirmUpdate(unchecked, "customers", "credit_limit", new BigDecimal("12345678901.99"), 5L).code())
                    .isIn(RefusalCode.OUT_OF_RANGE, RefusalCode.VALUE_TOO_LONG);
        }
        assertThat(confirmCreate(unchecked, new CreatePlan("orders", Map.of("customer_id", 77777L,
                "total", new BigDecimal("1.00")))).code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
        assertThat(confirmCreate(unchecked, new CreatePlan("customers", Map.of("name", "Dup",
                "email", "customer5@example.com"))).code()).isEqualTo(RefusalCode.UNIQUE_VIOLATION);
        assertThat(query("select stock from products where id = 7")).containsExactly(List.of(10L));
        assertThat(count("select count(*) from orders")).isEqualTo(6);
    }

    @Test
    void aDatabaseThatIsDownIsADependencyFailureNotARefusal() throws SQLException {
        SwitchableDataSource switchable = new SwitchableDataSource(dataSource());
        GuardedExecutor fragile = newExecutor(switchable, new StaticSchemaCatalog(catalog()), Limits.defaults(),
                RolePolicy.defaults(), readOnlyMode, OptionalDouble.empty());
        PreviewOutcome.Ready ready = ready(fragile.previewUpdate(new UpdatePlan("customers", Map.of("notes", "down"),
                List.of(Filter.eq("id", 5L))), Users.editor()));
        switchable.goDown();

        assertThatThrownBy(() -> fragile.read(ReadPlan.of("customers", List.of()), Users.editor()))
                .isInstanceOfSatisfying(DependencyUnavailableException.class,
                        e -> assertThat(e.dependency()).isEqualTo(Dependency.TARGET_DATABASE));
        assertThatThrownBy(() -> fragile.executeConfirmed(ready.snapshot(), Users.editor(), CommitGate.OPEN))
                .isInstanceOf(DependencyUnavailableException.class);
        switchable.comeBack();
        assertThat(fragile.executeConfirmed(ready.snapshot(), Users.editor(), CommitGate.OPEN))
                .isInstanceOf(CommitOutcome.Committed.class);
        assertThat(query("select notes from customers where id = 5")).containsExactly(List.of("down"));
    }

    // ============================================================== invariant 1

    @Test
    @Tag("invariant-1")
    void deleteTruncateAndDdlNeverReachTheDatabase() throws SQLException {
        List<ForbiddenAttempt> attempts = forbiddenStatements();
        assertThat(attempts).isNotEmpty();
        for (ForbiddenAttempt attempt : attempts) {
            assertThatThrownBy(attempt.attempt()::run).as(attempt.description()).isNotInstanceOf(AssertionError.class);
        }

        assertThat(count("select count(*) from customers")).isEqualTo(ShopFixture.CUSTOMERS + 1);
        assertThat(count("select count(*) from orders")).isEqualTo(6);
        assertThat(count("select count(*) from users_auth")).isEqualTo(1);
    }

    // ============================================================== tenancy of entities without the tenant column

    @Test
    @Tag("invariant-7")
    void aChildTableIsScopedThroughEveryForeignKeyPathToItsTenant() {
        List<Object> mine = ids(rows(executor.read(ReadPlan.of("order_lines", List.of()), Users.editor())));
        List<Object> theirs = ids(rows(executor.read(ReadPlan.of("order_lines", List.of()), Users.otherTenantEditor())));

        // line 5 has no order and line 6 mixes an order of 101 with a product of 202: nobody's
        assertThat(mine).containsExactly(1L, 2L, 3L);
        assertThat(theirs).containsExactly(4L);
    }

    @Test
    @Tag("invariant-7")
    void aGrandchildTableIsScopedThroughTwoHops() {
        List<Object> mine = ids(rows(executor.read(ReadPlan.of("line_notes", List.of()), Users.editor())));
        RowSet theirNote = rows(executor.read(ReadPlan.of("line_notes", List.of(Filter.eq("id", 2L))), Users.editor()));

        assertThat(mine).containsExactly(1L);
        assertThat(theirNote.isEmpty()).isTrue();
    }

    @Test
    @Tag("invariant-7")
    void anotherTenantsChildRowAnswersLikeAMissingOneAndNothingChanges() throws SQLException {
        Refusal theirs = refusedPreview(executor.previewUpdate(new UpdatePlan("order_lines", Map.of("quantity", 99L),
                List.of(Filter.eq("id", 4L))), Users.editor()));
        Refusal missing = refusedPreview(executor.previewUpdate(new UpdatePlan("order_lines", Map.of("quantity", 99L),
                List.of(Filter.eq("id", 4444L))), Users.editor()));
        Refusal orphan = refusedPreview(executor.previewUpdate(new UpdatePlan("order_lines", Map.of("quantity", 99L),
                List.of(Filter.eq("id", 5L))), Users.editor()));

        assertThat(theirs).isEqualTo(missing).isEqualTo(orphan);
        assertThat(theirs.code()).isEqualTo(RefusalCode.NO_MATCHING_ROWS);
        assertThat(query("select quantity from order_lines where id in (4, 5) order by id"))
                .containsExactly(List.of(4L), List.of(5L));
    }

    @Test
    @Tag("invariant-4")
    @Tag("invariant-7")
    void theCallersOwnChildRowIsUpdatedThroughThePreview() throws SQLException {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(new UpdatePlan("order_lines", Map.of("quantity", 7L),
                List.of(Filter.of("id", Op.LE, 4L))), Users.editor()));

        CommitOutcome.Committed committed = committed(executor.executeConfirmed(ready.snapshot(), Users.editor(),
                CommitGate.OPEN));

        assertThat(committed.rowCount()).isEqualTo(3);
        assertThat(query("select id, quantity from order_lines order by id")).containsExactly(
                List.of(1L, 7L), List.of(2L, 7L), List.of(3L, 7L), List.of(4L, 4L), List.of(5L, 5L), List.of(6L, 6L));
    }

    @Test
    @Tag("invariant-7")
    void aChildCanOnlyBeCreatedUnderTheCallersOwnParents() throws SQLException {
        Refusal theirOrder = refusedPreview(executor.previewCreate(new CreatePlan("order_lines",
                Map.of("id", 50L, "order_id", 900L, "product_id", 1L, "quantity", 1L)), Users.editor()));
        Refusal noOrder = refusedPreview(executor.previewCreate(new CreatePlan("order_lines",
                Map.of("id", 50L, "order_id", 90909L, "product_id", 1L, "quantity", 1L)), Users.editor()));
        Refusal theirProduct = refusedPreview(executor.previewCreate(new CreatePlan("order_lines",
                Map.of("id", 50L, "order_id", 1L, "product_id", 99L, "quantity", 1L)), Users.editor()));
        Refusal orphan = refusedPreview(executor.previewCreate(new CreatePlan("order_lines",
                Map.of("id", 50L, "product_id", 1L, "quantity", 1L)), Users.editor()));
        PreviewOutcome.Ready mine = ready(executor.previewCreate(new CreatePlan("order_lines",
                Map.of("id", 50L, "order_id", 1L, "product_id", 1L, "quantity", 1L)), Users.editor()));
        committed(executor.executeConfirmed(mine.snapshot(), Users.editor(), CommitGate.OPEN));

        assertThat(theirOrder.code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
        assertThat(theirOrder.message().replace("900", "N")).isEqualTo(noOrder.message().replace("90909", "N"));
        assertThat(theirProduct.code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
        assertThat(orphan.code()).isEqualTo(RefusalCode.MISSING_REQUIRED_FIELD);
        assertThat(orphan.message()).contains("order_id");
        assertThat(count("select count(*) from order_lines")).isEqualTo(7);
    }

    @Test
    @Tag("invariant-7")
    void anUpdateCannotPointARowAtAnotherTenantsParentAndTheAnswerIsTheSameAsForNoParent() throws SQLException {
        Refusal theirs = refusedPreview(executor.previewUpdate(new UpdatePlan("order_lines", Map.of("product_id", 99L),
                List.of(Filter.eq("id", 1L))), Users.editor()));
        Refusal missing = refusedPreview(executor.previewUpdate(new UpdatePlan("order_lines",
                Map.of("product_id", 99999L), List.of(Filter.eq("id", 1L))), Users.editor()));
        Refusal theirOrder = refusedPreview(executor.previewUpdate(new UpdatePlan("order_lines", Map.of("order_id", 900L),
                List.of(Filter.eq("id", 1L))), Users.editor()));
        Refusal emptied = refusedPreview(executor.previewUpdate(new UpdatePlan("order_lines",
                java.util.Collections.singletonMap("order_id", null), List.of(Filter.eq("id", 1L))), Users.editor()));

        assertThat(theirs.code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
        assertThat(theirs.message().replace("99999", "99")).isEqualTo(missing.message().replace("99999", "99"));
        assertThat(theirOrder.code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
        assertThat(emptied.code()).isEqualTo(RefusalCode.MISSING_REQUIRED_FIELD);
        assertThat(query("select order_id, product_id from order_lines where id = 1")).containsExactly(List.of(1L, 1L));
    }

    @Test
    @Tag("invariant-7")
    void aParentThatMovesToAnotherTenantAfterThePreviewStopsTheConfirm() throws SQLException {
        PreviewOutcome.Ready ready = ready(executor.previewUpdate(new UpdatePlan("order_lines", Map.of("product_id", 4L),
                List.of(Filter.eq("id", 1L))), Users.editor()));
        execute("update products set company_id = 202 where id = 4");

        Refusal refusal = refusedCommit(executor.executeConfirmed(ready.snapshot(), Users.editor(), failingGate()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.FOREIGN_KEY_VIOLATION);
        assertNoLeak(refusal);
        assertThat(query("select product_id from order_lines where id = 1")).containsExactly(List.of(1L));
    }

    @Test
    @Tag("invariant-7")
    void sharedReferenceDataIsReadableByEveryTenantAndWritableByNone() throws SQLException {
        RowSet mine = rows(executor.read(ReadPlan.of("countries", List.of()), Users.editor()));
        RowSet theirs = rows(executor.read(ReadPlan.of("countries", List.of()), Users.otherTenantEditor()));
        Refusal update = refusedPreview(executor.previewUpdate(new UpdatePlan("countries", Map.of("name", "Deutschland"),
                List.of(Filter.eq("code", "DE"))), Users.admin()));
        Refusal create = refusedPreview(executor.previewCreate(new CreatePlan("countries",
                Map.of("code", "IT", "name", "Italy")), Users.admin()));

        assertThat(mine.size()).isEqualTo(2);
        assertThat(theirs).isEqualTo(mine);
        assertThat(update.code()).isEqualTo(RefusalCode.ENTITY_READ_ONLY);
        assertThat(create.code()).isEqualTo(RefusalCode.ENTITY_READ_ONLY);
        assertThat(query("select name from countries where code = 'DE'")).containsExactly(List.of("Germany"));
    }

    @Test
    @Tag("invariant-7")
    @Tag("invariant-6")
    void aViewWithoutTheTenantColumnAnswersExactlyLikeAnEntityThatDoesNotExist() {
        Refusal view = refused(executor.read(ReadPlan.of("customer_names", List.of()), Users.editor()));
        Refusal missing = refused(executor.read(ReadPlan.of("customer_namez", List.of()), Users.editor()));
        Refusal viewWithoutTenant = refused(executor.read(ReadPlan.of("customer_names", List.of()),
                Users.editorWithoutTenant()));

        assertThat(view.code()).isEqualTo(RefusalCode.UNKNOWN_ENTITY);
        assertThat(view.message().replace("customer_names", "N")).isEqualTo(missing.message().replace("customer_namez", "N"));
        assertThat(viewWithoutTenant.code()).isEqualTo(RefusalCode.UNKNOWN_ENTITY);
    }

    @Test
    @Tag("invariant-7")
    void aCallerWithoutTenantCannotUseChildTablesEither() {
        Refusal refusal = refused(executor.read(ReadPlan.of("order_lines", List.of()), Users.editorWithoutTenant()));

        assertThat(refusal.code()).isEqualTo(RefusalCode.TENANT_REQUIRED);
        assertThat(refusal.message()).doesNotContain("orders").doesNotContain("products");
    }

    @Test
    @Tag("invariant-7")
    void whenNoTableHasTheTenantColumnEverythingIsReadOnlyForTenantCallers() {
        GuardedExecutor misconfigured = executor(catalog(), Limits.defaults().withTenantColumn("tenant_key"));

        RowSet customers = rows(misconfigured.read(ReadPlan.of("customers", List.of(Filter.eq("id", 9001L))),
                Users.editor()));
        Refusal update = refusedPreview(misconfigured.previewUpdate(new UpdatePlan("customers",
                Map.of("notes", "x"), List.of(Filter.eq("id", 1L))), Users.editor()));

        assertThat(customers.size()).isEqualTo(1);
        assertThat(update.code()).isEqualTo(RefusalCode.ENTITY_READ_ONLY);
    }

    // ============================================================== helpers

    /** The fixture catalog for this database. */
    protected EntityCatalog catalog() {
        return ShopFixture.catalog(schema(), database());
    }

    protected GuardedExecutor executor(EntityCatalog catalog, Limits limits) {
        return newExecutor(dataSource(), new StaticSchemaCatalog(catalog), limits, RolePolicy.defaults(), readOnlyMode,
                OptionalDouble.empty());
    }

    private Refusal confirmUpdate(GuardedExecutor target, String entity, String field, Object value, long id) {
        Map<String, Object> changes = new LinkedHashMap<>();
        changes.put(field, value);
        PreviewOutcome.Ready ready = ready(target.previewUpdate(new UpdatePlan(entity, changes,
                List.of(Filter.eq("id", id))), Users.editor()));
        Refusal refusal = refusedCommit(target.executeConfirmed(ready.snapshot(), Users.editor(), failingGate()));
        assertNoLeak(refusal);
        return refusal;
    }

    private Refusal confirmCreate(GuardedExecutor target, CreatePlan plan) {
        PreviewOutcome.Ready ready = ready(target.previewCreate(plan, Users.editor()));
        Refusal refusal = refusedCommit(target.executeConfirmed(ready.snapshot(), Users.editor(), failingGate()));
        assertNoLeak(refusal);
        return refusal;
    }

    private void holdLockOnCustomer(Connection holder, long id) throws SQLException {
        holder.setAutoCommit(false);
        try (Statement statement = holder.createStatement()) {
            if (database() == FixtureDatabase.SQLITE) {
                statement.executeUpdate("update customers set version = version where id = " + id);
            } else {
                try (ResultSet rs = statement.executeQuery("select id from customers where id = " + id + " for update")) {
                    assertThat(rs.next()).isTrue();
                }
            }
        }
    }

    private static CommitGate failingGate() {
        return committed -> fail("the commit gate must not be reached");
    }

    private static void assertNoLeak(Refusal refusal) {
        String message = refusal.message().toLowerCase(java.util.Locale.ROOT);
        for (String marker : LEAK_MARKERS) {
            assertThat(message).as("refusal message %s", refusal.message()).doesNotContain(marker);
        }
    }

    private RowSet read(Filter... filters) {
        return rows(executor.read(ReadPlan.of("customers", List.of(filters)), Users.editor()));
    }

    protected static RowSet rows(ReadOutcome outcome) {
        if (outcome instanceof ReadOutcome.Rows rows) {
            return rows.rows();
        }
        throw new AssertionError("expected rows, got " + outcome);
    }

    protected static Refusal refused(ReadOutcome outcome) {
        if (outcome instanceof ReadOutcome.Refused refused) {
            return refused.refusal();
        }
        throw new AssertionError("expected a refusal, got " + outcome);
    }

    protected static PreviewOutcome.Ready ready(PreviewOutcome outcome) {
        if (outcome instanceof PreviewOutcome.Ready ready) {
            return ready;
        }
        throw new AssertionError("expected a preview, got " + outcome);
    }

    protected static Refusal refusedPreview(PreviewOutcome outcome) {
        if (outcome instanceof PreviewOutcome.Refused refused) {
            return refused.refusal();
        }
        throw new AssertionError("expected a refusal, got " + outcome);
    }

    protected static CommitOutcome.Committed committed(CommitOutcome outcome) {
        if (outcome instanceof CommitOutcome.Committed committed) {
            return committed;
        }
        throw new AssertionError("expected a commit, got " + outcome);
    }

    protected static Refusal refusedCommit(CommitOutcome outcome) {
        if (outcome instanceof CommitOutcome.Refused refused) {
            return refused.refusal();
        }
        throw new AssertionError("expected a refusal, got " + outcome);
    }

    private static List<Object> ids(RowSet rows) {
        return rows.rows().stream().map(row -> row.get("id")).toList();
    }

    /** Runs a statement on a fresh connection (autocommit), bypassing the executor. */
    protected void execute(String sql) throws SQLException {
        try (Connection connection = dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    protected long count(String sql) {
        try {
            List<List<Object>> rows = query(sql);
            return ((Number) rows.get(0).get(0)).longValue();
        } catch (SQLException e) {
            throw new AssertionError("counting failed: " + sql, e);
        }
    }

    /** Rows of a query on a fresh connection; integers as Long, NULL as Optional.empty(). */
    protected List<List<Object>> query(String sql) throws SQLException {
        try (Connection connection = dataSource().getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rs = statement.executeQuery()) {
            List<List<Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = rs.getObject(i);
                    if (value instanceof Integer || value instanceof Short || value instanceof java.math.BigInteger) {
                        value = ((Number) value).longValue();
                    }
                    row.add(value == null ? Optional.empty() : value);
                }
                rows.add(row);
            }
            return rows;
        }
    }
}
