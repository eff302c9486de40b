package dev.tabletalk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.FormField;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.reply.RefusalCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FieldResolverTest {

    private static final Entity ORDERS = new Entity(
            "public",
            "orders",
            EntityKind.TABLE,
            List.of(
                    Column.builder("id", ValueType.INTEGER).build(),
                    Column.builder("tenant_id", ValueType.INTEGER).build(),
                    Column.builder("status", ValueType.TEXT).build(),
                    Column.builder("note", ValueType.TEXT).build(),
                    Column.builder("email", ValueType.TEXT)
                            .exposure(ColumnExposure.MASKED, "personal")
                            .build(),
                    Column.builder("secret", ValueType.TEXT)
                            .exposure(ColumnExposure.HIDDEN, "secret")
                            .build(),
                    Column.builder("payload", ValueType.JSON).build()),
            List.of("id"),
            List.of(),
            List.of(),
            List.of(),
            Optional.empty(),
            Exposure.READ_WRITE,
            "table",
            new Form(
                    fields("status"),
                    fields("note"),
                    fields("id", "status"),
                    fields("id", "status", "email"),
                    fields("status")));

    private final FieldResolver fields = new FieldResolver("tenant_id");
    private final List<Problem> problems = new ArrayList<>();

    private static List<FormField> fields(String... names) {
        return Arrays.stream(names).map(n -> new FormField(n, "test")).toList();
    }

    private List<RefusalCode> codes() {
        return problems.stream().map(Problem::code).toList();
    }

    @Test
    void aHiddenColumnAnswersLikeAMissingOne() {
        assertThat(fields.resolve(ORDERS, "secret", problems)).isEmpty();
        assertThat(fields.resolve(ORDERS, "nope", problems)).isEmpty();
        assertThat(problems)
                .extracting(Problem::message)
                .containsExactly("orders has no field 'secret'.", "orders has no field 'nope'.");
        assertThat(fields.resolve(ORDERS, "STATUS", problems)).map(Column::name).contains("status");
    }

    @Test
    void theTenantColumnIsNeitherWrittenNorFiltered() {
        assertThat(fields.writable(ORDERS, "tenant_id", FieldResolver.Write.CREATE, problems))
                .isEmpty();
        assertThat(fields.filterable(ORDERS, "TENANT_ID", problems)).isEmpty();
        assertThat(codes()).containsExactly(RefusalCode.TENANT_COLUMN, RefusalCode.TENANT_COLUMN);
    }

    @Test
    void aWriteNeedsTheFieldInTheFormForThatUse() {
        assertThat(fields.writable(ORDERS, "note", FieldResolver.Write.CREATE, problems))
                .isPresent();
        assertThat(fields.writable(ORDERS, "note", FieldResolver.Write.UPDATE, problems))
                .isEmpty();
        assertThat(fields.writable(ORDERS, "id", FieldResolver.Write.CREATE, problems))
                .isEmpty();
        assertThat(problems)
                .extracting(Problem::message)
                .containsExactly("note cannot be changed on orders.", "id cannot be set when adding orders rows.");
    }

    @Test
    void aFilterNeedsAListedUnmaskedField() {
        assertThat(fields.filterable(ORDERS, "status", problems)).isPresent();
        assertThat(fields.filterable(ORDERS, "email", problems)).isEmpty();
        assertThat(fields.filterable(ORDERS, "note", problems)).isEmpty();
        assertThat(codes()).containsOnly(RefusalCode.FIELD_NOT_FILTERABLE).hasSize(2);
        assertThat(problems.get(1).message()).isEqualTo("orders cannot be searched by note; try id, status, email.");
    }

    @Test
    void resultsSortOnlyByUnmaskedConversationalFields() {
        List<Optional<Column>> sortable = List.of("note", "email", "payload").stream()
                .map(name -> fields.sortable(ORDERS, name, problems))
                .toList();

        assertThat(sortable).extracting(Optional::isPresent).containsExactly(true, false, false);
        assertThat(problems)
                .extracting(Problem::message)
                .containsExactly("Results cannot be sorted by email.", "Results cannot be sorted by payload.");
    }
}
