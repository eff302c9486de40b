package dev.tabletalk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.FormField;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Aggregate;
import dev.tabletalk.core.plan.AnyOf;
import dev.tabletalk.core.plan.Condition;
import dev.tabletalk.core.plan.CreatePlan;
import dev.tabletalk.core.plan.Filter;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.plan.Keyset;
import dev.tabletalk.core.plan.Not;
import dev.tabletalk.core.plan.Op;
import dev.tabletalk.core.plan.Plan;
import dev.tabletalk.core.plan.ReadPlan;
import dev.tabletalk.core.plan.Sort;
import dev.tabletalk.core.plan.UpdatePlan;
import dev.tabletalk.core.policy.Limits;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.LongStream;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class PlanValidatorTest {

    private static final UserContext EDITOR = UserContext.of("u-1", "editor", "101");
    private static final UserContext VIEWER = UserContext.of("u-2", "viewer", "101");

    private final ReadOnlyMode readOnly = ReadOnlyMode.off();
    private final PlanValidator validator = new PlanValidator(Limits.defaults(), RolePolicy.defaults(), readOnly);
    private final EntityCatalog catalog = EntityCatalog.of(List.of(customers(), secrets()));

    private static Entity customers() {
        List<Column> columns = List.of(
                Column.builder("id", ValueType.INTEGER).nullable(false).build(),
                Column.builder("company_id", ValueType.INTEGER).nullable(false).build(),
                Column.builder("name", ValueType.TEXT).nullable(false).build(),
                Column.builder("email", ValueType.TEXT)
                        .exposure(ColumnExposure.MASKED, "personal")
                        .build(),
                Column.builder("status", ValueType.TEXT)
                        .enumValues(List.of("active", "blocked"))
                        .build(),
                Column.builder("credit_limit", ValueType.DECIMAL)
                        .precision(12)
                        .scale(2)
                        .build(),
                Column.builder("notes", ValueType.TEXT).build(),
                Column.builder("vip", ValueType.BOOLEAN).build(),
                Column.builder("password_hash", ValueType.TEXT)
                        .exposure(ColumnExposure.HIDDEN, "secret")
                        .build());
        Form form = new Form(
                fields("name"),
                fields("email", "status", "credit_limit", "notes"),
                fields("id", "name", "email", "status"),
                fields("id", "name", "status", "credit_limit", "vip"),
                fields("name", "email", "status", "credit_limit", "notes", "vip"));
        return new Entity(
                "public",
                "customers",
                EntityKind.TABLE,
                columns,
                List.of("id"),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Exposure.READ_WRITE,
                "table",
                form);
    }

    private static Entity secrets() {
        return new Entity(
                "public",
                "api_tokens",
                EntityKind.TABLE,
                List.of(Column.builder("id", ValueType.INTEGER).build()),
                List.of("id"),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Exposure.HIDDEN,
                "secret",
                Form.empty());
    }

    private static List<FormField> fields(String... names) {
        return Arrays.stream(names).map(n -> new FormField(n, "test")).toList();
    }

    private Validation validate(Plan plan, UserContext user) {
        return validator.validate(plan, catalog, user);
    }

    private List<RefusalCode> codes(Plan plan) {
        return codes(plan, EDITOR);
    }

    private List<RefusalCode> codes(Plan plan, UserContext user) {
        Validation validation = validate(plan, user);
        return validation instanceof Validation.Invalid invalid
                ? invalid.problems().stream().map(Problem::code).toList()
                : List.of();
    }

    private static ReadPlan read(Filter... filters) {
        return ReadPlan.of("customers", List.of(filters));
    }

    private static UpdatePlan update(Map<String, Object> changes, Filter... filters) {
        return new UpdatePlan("customers", changes, List.of(filters));
    }

    @Test
    void aValidReadComesBackWithCoercedValuesAndCanonicalNames() {
        Validation validation = validate(read(Filter.of("CREDIT_LIMIT", Op.GT, 100)), EDITOR);

        ReadPlan plan = (ReadPlan) ((Validation.Valid) validation).plan();
        assertThat(plan.filters()).containsExactly(Filter.of("credit_limit", Op.GT, new BigDecimal("100")));
    }

    @Test
    @Tag("invariant-6")
    void hiddenEntityAndColumnAnswerLikeUnknownOnes() {
        Validation hidden = validate(ReadPlan.of("api_tokens", List.of()), EDITOR);
        Validation unknown = validate(ReadPlan.of("no_such_tbl", List.of()), EDITOR);
        assertThat(((Validation.Invalid) hidden).refusal().message().replace("api_tokens", "X"))
                .isEqualTo(((Validation.Invalid) unknown).refusal().message().replace("no_such_tbl", "X"));

        assertThat(codes(read(Filter.eq("password_hash", "x")))).containsExactly(RefusalCode.UNKNOWN_FIELD);
        assertThat(codes(
                        new ReadPlan("customers", List.of("password_hash"), List.of(), List.of(), OptionalInt.empty())))
                .containsExactly(RefusalCode.UNKNOWN_FIELD);
        assertThat(codes(update(Map.of("password_hash", "x"), Filter.eq("id", 1L))))
                .containsExactly(RefusalCode.UNKNOWN_FIELD);
    }

    @Test
    @Tag("invariant-5")
    void anUpdateNeedsAFilterAndSomethingToChange() {
        assertThat(codes(update(Map.of("status", "blocked")))).containsExactly(RefusalCode.UPDATE_REQUIRES_FILTER);
        assertThat(codes(update(Map.of(), Filter.eq("id", 1L)))).containsExactly(RefusalCode.NOTHING_TO_CHANGE);
    }

    @Test
    @Tag("invariant-7")
    void theTenantColumnCanNeitherBeSetNorFiltered() {
        assertThat(codes(read(Filter.eq("company_id", 202L)))).containsExactly(RefusalCode.TENANT_COLUMN);
        assertThat(codes(new CreatePlan("customers", Map.of("name", "Acme", "company_id", 202L))))
                .containsExactly(RefusalCode.TENANT_COLUMN);
        assertThat(codes(update(Map.of("company_id", 202L), Filter.eq("id", 5L))))
                .containsExactly(RefusalCode.TENANT_COLUMN);
    }

    @Test
    @Tag("invariant-7")
    void aCallerWithoutATenantCannotUseTenantScopedEntities() {
        assertThat(codes(read(), UserContext.of("u-9", "editor"))).containsExactly(RefusalCode.TENANT_REQUIRED);
    }

    @Test
    void theRoleDecidesWhichIntentsAreAllowed() {
        assertThat(codes(update(Map.of("status", "blocked"), Filter.eq("id", 5L)), VIEWER))
                .containsExactly(RefusalCode.ROLE_FORBIDS);
        assertThat(codes(read(), VIEWER)).isEmpty();
        assertThat(codes(read(), UserContext.of("u-3", "stranger", "101"))).containsExactly(RefusalCode.ROLE_FORBIDS);
    }

    @Test
    @Tag("invariant-10")
    void readOnlyModeRefusesWritesButNotReads() {
        readOnly.set(true);

        assertThat(codes(new CreatePlan("customers", Map.of("name", "A")))).containsExactly(RefusalCode.READ_ONLY_MODE);
        assertThat(codes(update(Map.of("status", "blocked"), Filter.eq("id", 5L))))
                .containsExactly(RefusalCode.READ_ONLY_MODE);
        assertThat(codes(read())).isEmpty();
    }

    @Test
    void filtersAreLimitedInNumberAndInListLength() {
        List<Filter> many = new ArrayList<>();
        LongStream.rangeClosed(1, 500).forEach(n -> many.add(Filter.of("id", Op.NE, n)));
        assertThat(codes(ReadPlan.of("customers", many))).containsExactly(RefusalCode.TOO_MANY_FILTERS);

        List<Long> ids = LongStream.rangeClosed(1, 10_000).boxed().toList();
        assertThat(codes(read(Filter.of("id", Op.IN, ids)))).containsExactly(RefusalCode.IN_LIST_TOO_LONG);
        assertThat(codes(read(Filter.of("id", Op.IN, List.of(List.of(1, 2), Map.of("$gt", 0))))))
                .containsExactly(RefusalCode.TYPE_MISMATCH);
    }

    @Test
    void comparingWithNullIsRefusedNeverRewritten() {
        assertThat(codes(update(Map.of("status", "blocked"), Filter.of("name", Op.EQ, null))))
                .contains(RefusalCode.NULL_COMPARISON);
        assertThat(codes(read(Filter.of("name", Op.IS_NULL, null)))).isEmpty();
    }

    @Test
    void operatorsMustFitTheColumnType() {
        assertThat(codes(read(Filter.of("credit_limit", Op.CONTAINS, "1"))))
                .containsExactly(RefusalCode.OP_NOT_ALLOWED);
        assertThat(codes(read(Filter.of("status", Op.GT, "active")))).containsExactly(RefusalCode.OP_NOT_ALLOWED);
        assertThat(codes(read(Filter.of("id", Op.BETWEEN, List.of(1L))))).containsExactly(RefusalCode.TYPE_MISMATCH);
    }

    @Test
    void booleansAcceptYesNoTrueFalseOneAndZeroInAnyCase() {
        for (Object yes : List.of(true, "yes", "YES", "True", " true ", "1", 1L, 1)) {
            ReadPlan plan = (ReadPlan) ((Validation.Valid) validate(read(Filter.eq("vip", yes)), EDITOR)).plan();
            assertThat(plan.filters()).as("vip = %s", yes).containsExactly(Filter.eq("vip", true));
        }
        for (Object no : List.of(false, "no", "No", "FALSE", "0", 0L)) {
            ReadPlan plan = (ReadPlan) ((Validation.Valid) validate(read(Filter.eq("vip", no)), EDITOR)).plan();
            assertThat(plan.filters()).as("vip = %s", no).containsExactly(Filter.eq("vip", false));
        }
        UpdatePlan update =
                (UpdatePlan) ((Validation.Valid) validate(update(Map.of("vip", "Yes"), Filter.eq("id", 5L)), EDITOR))
                        .plan();
        assertThat(update.changes()).containsEntry("vip", true);
        for (Object other : List.of("maybe", "2", "-1", "", "yes please", 2L, -1L, 1.0d, new BigDecimal("1"))) {
            assertThat(codes(read(Filter.eq("vip", other))))
                    .as("vip = %s", other)
                    .containsExactly(RefusalCode.TYPE_MISMATCH);
        }
    }

    @Test
    void maskedAndUnlistedColumnsCannotBeFilteredBy() {
        assertThat(codes(read(Filter.eq("email", "a@b.org")))).containsExactly(RefusalCode.FIELD_NOT_FILTERABLE);
        assertThat(codes(read(Filter.eq("notes", "x")))).containsExactly(RefusalCode.FIELD_NOT_FILTERABLE);
    }

    @Test
    void sqlInjectionStringsAreJustValuesOrUnknownNames() {
        assertThat(codes(read(Filter.eq("name", "' OR '1'='1")))).isEmpty();
        assertThat(codes(read(Filter.eq("id", "1; DROP TABLE customers; --"))))
                .containsExactly(RefusalCode.TYPE_MISMATCH);
        assertThat(codes(ReadPlan.of("customers; DROP TABLE orders", List.of())))
                .containsExactly(RefusalCode.UNKNOWN_ENTITY);
        assertThat(codes(read(Filter.eq("name) OR 1=1 --", "x")))).containsExactly(RefusalCode.UNKNOWN_FIELD);
    }

    @Test
    @Tag("invariant-3")
    void aReadLimitAboveTheCapIsCutNeverRaised() {
        Validation validation = validate(ReadPlan.of("customers", List.of()).withLimit(5000), EDITOR);

        assertThat(((ReadPlan) ((Validation.Valid) validation).plan()).limit()).hasValue(Limits.HARD_MAX_ROWS);
    }

    @Test
    void aKeysetPositionMustNameTheSortColumnsThenThePrimaryKeyOfAListing() {
        ReadPlan byName =
                new ReadPlan("customers", List.of(), List.of(), List.of(Sort.descending("name")), OptionalInt.of(10));
        Keyset matching = new Keyset(List.of("name", "id"), List.of("Ada", 7L));

        Validation valid = validate(byName.withAfter(Optional.of(matching)), EDITOR);

        assertThat(((ReadPlan) ((Validation.Valid) valid).plan()).after()).contains(matching);
        assertThat(codes(byName.withAfter(Optional.of(new Keyset(List.of("id"), List.of(7L))))))
                .containsExactly(RefusalCode.OUT_OF_RANGE);
        assertThat(codes(byName.withOffset(10).withAfter(Optional.of(matching))))
                .containsExactly(RefusalCode.OUT_OF_RANGE);
    }

    @Test
    @Tag("invariant-3")
    void noConfigurationCanRaiseTheRowCap() {
        Assertions.assertThatThrownBy(() -> Limits.defaults().withMaxRows(101)).hasMessageContaining("never raised");
        assertThat(Limits.defaults().withMaxRows(50).effectiveRowLimit(5000)).isEqualTo(50);
    }

    @Test
    @Tag("invariant-1")
    void thereIsNoDeletePlan() {
        assertThat(Plan.class.getPermittedSubclasses())
                .extracting(Class::getSimpleName)
                .containsExactlyInAnyOrder("ReadPlan", "CreatePlan", "UpdatePlan");
        assertThat(Intent.fromWireName("delete")).isEmpty();
    }

    @Test
    void createFieldsMustBeInTheCreateForm() {
        assertThat(codes(new CreatePlan("customers", Map.of("name", "A", "id", 5L))))
                .containsExactly(RefusalCode.FIELD_NOT_WRITABLE);
        assertThat(codes(new CreatePlan("customers", Map.of("name", "A")))).isEmpty();
    }

    @Test
    void missingRequiredFieldsAreListedInFormOrder() {
        assertThat(PlanValidator.missingRequired(customers(), Map.of("email", "x")))
                .containsExactly("name");
    }

    // --- conditions as a tree (anyOf, not) and the new operators

    private static ReadPlan readWhere(Condition... conditions) {
        return ReadPlan.of("customers", List.of(conditions));
    }

    @Test
    void everyLeafOfATreeIsCheckedLikeASingleFilter() {
        Condition hiddenInAnyOf = AnyOf.of(Filter.eq("name", "Ada"), Filter.eq("password_hash", "x"));
        Condition tenantInNot = Not.of(Filter.eq("company_id", 7L));
        Condition maskedDeepDown = Not.of(AnyOf.of(Filter.eq("id", 1L), Filter.eq("email", "a@b.c")));
        Condition badValue = AnyOf.of(Filter.eq("id", "not a number"), Filter.eq("id", 2L));

        assertThat(codes(readWhere(hiddenInAnyOf))).containsExactly(RefusalCode.UNKNOWN_FIELD);
        assertThat(codes(readWhere(tenantInNot))).containsExactly(RefusalCode.TENANT_COLUMN);
        assertThat(codes(readWhere(maskedDeepDown))).containsExactly(RefusalCode.FIELD_NOT_FILTERABLE);
        assertThat(codes(readWhere(badValue))).containsExactly(RefusalCode.TYPE_MISMATCH);
        assertThat(codes(new UpdatePlan("customers", Map.of("notes", "x"), List.of(hiddenInAnyOf))))
                .contains(RefusalCode.UNKNOWN_FIELD);
    }

    @Test
    void aValidTreeComesBackWithCanonicalNamesAndCoercedValues() {
        Condition tree = AnyOf.of(Filter.eq("ID", 5), Not.of(Filter.of("credit_limit", Op.GT, 10.5)));

        Validation validation = validate(readWhere(tree), EDITOR);

        assertThat(validation).isInstanceOf(Validation.Valid.class);
        Condition checked = ((Validation.Valid) validation).plan().filters().get(0);
        assertThat(checked)
                .isEqualTo(AnyOf.of(
                        Filter.eq("id", 5L), Not.of(Filter.of("credit_limit", Op.GT, new BigDecimal("10.5")))));
    }

    @Test
    void anEmptyAnyOfIsRefusedWithWhatToSay() {
        Validation validation = validate(readWhere(new AnyOf(List.of())), EDITOR);

        assertThat(validation).isInstanceOf(Validation.Invalid.class);
        assertThat(((Validation.Invalid) validation).refusal().code()).isEqualTo(RefusalCode.TYPE_MISMATCH);
        assertThat(((Validation.Invalid) validation).refusal().message()).contains("at least one condition");
    }

    @Test
    void theTreeIsBoundedInDepthAndInLeaves() {
        Condition threeDeep = AnyOf.of(Filter.eq("id", 1L), Not.of(Filter.eq("id", 2L)));
        assertThat(threeDeep.depth()).isEqualTo(3);
        assertThat(codes(readWhere(Not.of(AnyOf.of(Filter.eq("id", 1L), Filter.eq("id", 2L))))))
                .isEmpty();
        assertThat(codes(readWhere(AnyOf.of(Filter.eq("id", 1L), Not.of(Filter.eq("id", 2L))))))
                .isEmpty();
        assertThat(codes(readWhere(Not.of(threeDeep)))).containsExactly(RefusalCode.TOO_MANY_FILTERS);

        List<Condition> eleven = LongStream.rangeClosed(1, 11)
                .mapToObj(i -> (Condition) Filter.eq("id", i))
                .toList();
        assertThat(codes(readWhere(new AnyOf(eleven)))).containsExactly(RefusalCode.TOO_MANY_FILTERS);
        assertThat(codes(readWhere(new AnyOf(eleven.subList(0, 10))))).isEmpty();
    }

    @Test
    void endsWithTakesTextAndNotInTakesABoundedList() {
        assertThat(codes(readWhere(Filter.of("name", Op.ENDS_WITH, "son")))).isEmpty();
        assertThat(codes(readWhere(Filter.of("id", Op.ENDS_WITH, "5")))).containsExactly(RefusalCode.OP_NOT_ALLOWED);
        assertThat(codes(readWhere(Filter.of("status", Op.ENDS_WITH, "ed"))))
                .containsExactly(RefusalCode.OP_NOT_ALLOWED);
        assertThat(codes(readWhere(Filter.of("id", Op.NOT_IN, List.of(1L, 2L)))))
                .isEmpty();
        assertThat(codes(readWhere(Filter.of("id", Op.NOT_IN, 1L)))).containsExactly(RefusalCode.TYPE_MISMATCH);
        assertThat(codes(readWhere(Filter.of("status", Op.NOT_IN, List.of("gone")))))
                .containsExactly(RefusalCode.INVALID_ENUM_VALUE);
        List<Long> tooMany = LongStream.rangeClosed(1, 101).boxed().toList();
        assertThat(codes(readWhere(Filter.of("id", Op.NOT_IN, tooMany)))).containsExactly(RefusalCode.IN_LIST_TOO_LONG);
    }

    @Test
    void offsetPagesAtMostFiftyPagesOfTheRowCap() {
        ReadPlan read = ReadPlan.of("customers", List.of());

        Validation valid = validate(read.withOffset(4_900), EDITOR);
        assertThat(valid).isInstanceOf(Validation.Valid.class);
        assertThat(((ReadPlan) ((Validation.Valid) valid).plan()).offset()).isEqualTo(4_900);
        assertThat(codes(read.withOffset(5_000))).containsExactly(RefusalCode.OUT_OF_RANGE);
        assertThat(codes(read.withOffset(-1))).containsExactly(RefusalCode.OUT_OF_RANGE);
        PlanValidator smallCap = new PlanValidator(Limits.defaults().withMaxRows(10), RolePolicy.defaults(), readOnly);
        assertThat(smallCap.validate(read.withOffset(500), catalog, EDITOR)).isInstanceOf(Validation.Invalid.class);
        assertThat(smallCap.validate(read.withOffset(490), catalog, EDITOR)).isInstanceOf(Validation.Valid.class);
    }

    @Test
    void selectMayNameAnyExposedColumnButNoHiddenOne() {
        assertThat(codes(new ReadPlan(
                        "customers", List.of("email", "notes"), List.of(), List.of(), OptionalInt.empty())))
                .isEmpty();
        assertThat(codes(
                        new ReadPlan("customers", List.of("password_hash"), List.of(), List.of(), OptionalInt.empty())))
                .containsExactly(RefusalCode.UNKNOWN_FIELD);
    }

    // --- aggregates

    private static ReadPlan aggregate(Aggregate aggregate, Sort... orderBy) {
        return new ReadPlan(
                "customers", List.of(), List.of(), List.of(orderBy), OptionalInt.empty(), 0, Optional.of(aggregate));
    }

    @Test
    void anAggregateComesBackWithCanonicalNamesAndMayBeOrderedByItsOutputKey() {
        Validation validation = validate(
                aggregate(
                        Aggregate.of(Aggregate.Fn.SUM, "CREDIT_LIMIT", "Status"),
                        Sort.descending("SUM_credit_limit"),
                        Sort.ascending("status")),
                EDITOR);

        assertThat(validation).isInstanceOf(Validation.Valid.class);
        ReadPlan plan = (ReadPlan) ((Validation.Valid) validation).plan();
        assertThat(plan.aggregate()).contains(Aggregate.of(Aggregate.Fn.SUM, "credit_limit", "status"));
        assertThat(plan.orderBy()).containsExactly(Sort.descending("sum_credit_limit"), Sort.ascending("status"));
        assertThat(codes(aggregate(Aggregate.count("status"), Sort.descending("count"))))
                .isEmpty();
    }

    @Test
    void sumAndAverageNeedNumbersAndMinAndMaxOrderedTypes() {
        assertThat(codes(aggregate(Aggregate.of(Aggregate.Fn.SUM, "name"))))
                .containsExactly(RefusalCode.OP_NOT_ALLOWED);
        assertThat(codes(aggregate(Aggregate.of(Aggregate.Fn.AVG, "status"))))
                .containsExactly(RefusalCode.OP_NOT_ALLOWED);
        assertThat(codes(aggregate(Aggregate.of(Aggregate.Fn.MAX, "status"))))
                .containsExactly(RefusalCode.OP_NOT_ALLOWED);
        assertThat(codes(aggregate(Aggregate.of(Aggregate.Fn.MAX, "name")))).isEmpty();
        assertThat(codes(aggregate(Aggregate.of(Aggregate.Fn.MIN, "credit_limit"))))
                .isEmpty();
        assertThat(codes(aggregate(new Aggregate(Aggregate.Fn.SUM, Optional.empty(), List.of()))))
                .containsExactly(RefusalCode.TYPE_MISMATCH);
        assertThat(codes(aggregate(Aggregate.of(Aggregate.Fn.COUNT, "notes")))).isEmpty();
    }

    @Test
    void anAggregateUsesNoHiddenOrMaskedColumnAndGroupsByAtMostTwo() {
        assertThat(codes(aggregate(Aggregate.count("password_hash")))).containsExactly(RefusalCode.UNKNOWN_FIELD);
        assertThat(codes(aggregate(Aggregate.of(Aggregate.Fn.COUNT, "password_hash"))))
                .containsExactly(RefusalCode.UNKNOWN_FIELD);
        assertThat(codes(aggregate(Aggregate.count("email")))).containsExactly(RefusalCode.FIELD_NOT_FILTERABLE);
        assertThat(codes(aggregate(Aggregate.count("status", "name", "notes"))))
                .containsExactly(RefusalCode.OUT_OF_RANGE);
        assertThat(codes(aggregate(Aggregate.count("status", "name")))).isEmpty();
    }

    @Test
    void anAggregateIsOrderedOnlyByWhatItShowsAndShowsNothingElse() {
        assertThat(codes(aggregate(Aggregate.count("status"), Sort.ascending("name"))))
                .containsExactly(RefusalCode.FIELD_NOT_FILTERABLE);
        ReadPlan withSelect = new ReadPlan(
                "customers",
                List.of("name"),
                List.of(),
                List.of(),
                OptionalInt.empty(),
                0,
                Optional.of(Aggregate.count("status")));
        assertThat(codes(withSelect)).containsExactly(RefusalCode.TYPE_MISMATCH);
    }

    @Test
    void theOutputKeyIsCountOrFnUnderscoreFieldWithASuffixOnACollision() {
        assertThat(Aggregate.count("status").outputKey(List.of("id", "status"))).isEqualTo("count");
        assertThat(Aggregate.count().outputKey(List.of("id", "Count"))).isEqualTo("count_2");
        assertThat(Aggregate.of(Aggregate.Fn.AVG, "total").outputKey(List.of("total")))
                .isEqualTo("avg_total");
        assertThat(Aggregate.of(Aggregate.Fn.AVG, "total").outputKey(List.of("total", "avg_total")))
                .isEqualTo("avg_total_2");
    }
}
