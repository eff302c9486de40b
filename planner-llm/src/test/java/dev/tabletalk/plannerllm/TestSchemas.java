package dev.tabletalk.plannerllm;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.FormField;
import dev.tabletalk.core.catalog.Generation;
import dev.tabletalk.core.catalog.ValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Catalogs built for this module's tests. */
final class TestSchemas {

    private TestSchemas() {}

    static final String[] AREAS = {
        "sales",
        "purchase",
        "inventory",
        "hr",
        "finance",
        "crm",
        "shipping",
        "billing",
        "support",
        "marketing",
        "payroll",
        "legal",
        "fleet",
        "facility",
        "quality",
        "project",
        "research",
        "audit",
        "security",
        "training"
    };
    static final String[] NOUNS = {
        "order",
        "invoice",
        "customer",
        "supplier",
        "product",
        "shipment",
        "payment",
        "employee",
        "contract",
        "ticket",
        "campaign",
        "account",
        "ledger",
        "warehouse",
        "vehicle",
        "asset",
        "budget",
        "claim",
        "lead",
        "quote",
        "receipt",
        "refund",
        "schedule",
        "task",
        "vendor"
    };
    static final String[] SUFFIXES = {
        "", "_line", "_history", "_archive", "_detail", "_log", "_status_change", "_note", "_snapshot", "_approval"
    };

    /** The name of every 40th table, which is hidden. */
    static boolean isHidden(int index) {
        return index % 40 == 39;
    }

    /**
     * A catalog of {@code count} tables of 15 columns each, named like a large ERP schema
     * ({@code crm_customer_note}); every 40th table is hidden (named {@code secret_...}) and every table has a
     * hidden {@code internal_secret_score} column.
     */
    static EntityCatalog large(int count) {
        List<Entity> entities = new ArrayList<>(count);
        int index = 0;
        outer:
        for (String suffix : SUFFIXES) {
            for (String area : AREAS) {
                for (String noun : NOUNS) {
                    if (index == count) {
                        break outer;
                    }
                    boolean hidden = isHidden(index);
                    String name = (hidden ? "secret_" : "") + area + "_" + noun + suffix;
                    String comment = index % 3 == 0
                            ? null
                            : "The " + noun + (suffix.isEmpty() ? "" : suffix.replace('_', ' ')) + " records of the "
                                    + area + " department";
                    entities.add(table(name, noun, comment, hidden));
                    index++;
                }
            }
        }
        if (entities.size() < count) {
            throw new IllegalArgumentException("at most " + entities.size() + " tables can be generated");
        }
        return EntityCatalog.of(entities);
    }

    static Entity table(String name, String noun, String comment, boolean hidden) {
        List<Column> columns = List.of(
                Column.builder("id", ValueType.INTEGER)
                        .nullable(false)
                        .generation(Generation.IDENTITY)
                        .build(),
                Column.builder(noun + "_number", ValueType.TEXT)
                        .nullable(false)
                        .maxLength(32)
                        .build(),
                Column.builder("name", ValueType.TEXT)
                        .nullable(false)
                        .maxLength(200)
                        .build(),
                Column.builder("status", ValueType.TEXT)
                        .nullable(false)
                        .enumValues(List.of("draft", "open", "approved", "closed", "overdue"))
                        .build(),
                Column.builder("amount", ValueType.DECIMAL)
                        .precision(12)
                        .scale(2)
                        .build(),
                Column.builder("quantity", ValueType.INTEGER).build(),
                Column.builder("owner_id", ValueType.INTEGER).build(),
                Column.builder("region", ValueType.TEXT).maxLength(40).build(),
                Column.builder("priority", ValueType.TEXT)
                        .enumValues(List.of("low", "normal", "high"))
                        .build(),
                Column.builder("due_date", ValueType.DATE).build(),
                Column.builder("is_active", ValueType.BOOLEAN)
                        .nullable(false)
                        .defaultExpression("true")
                        .build(),
                Column.builder("description", ValueType.TEXT)
                        .comment("Free text written by the " + noun + " owner")
                        .build(),
                Column.builder("internal_secret_score", ValueType.INTEGER)
                        .exposure(ColumnExposure.HIDDEN, "secret")
                        .build(),
                Column.builder("created_at", ValueType.TIMESTAMP)
                        .nullable(false)
                        .defaultExpression("now()")
                        .build(),
                Column.builder("updated_at", ValueType.TIMESTAMP).build());
        List<String> visible =
                columns.stream().filter(c -> !c.isHidden()).map(Column::name).toList();
        Form form = hidden
                ? Form.empty()
                : new Form(
                        fields(noun + "_number", "name", "status"),
                        fields(
                                "amount",
                                "quantity",
                                "owner_id",
                                "region",
                                "priority",
                                "due_date",
                                "is_active",
                                "description"),
                        fields(visible.toArray(String[]::new)),
                        fields(
                                "id",
                                noun + "_number",
                                "name",
                                "status",
                                "amount",
                                "quantity",
                                "owner_id",
                                "region",
                                "priority",
                                "due_date",
                                "is_active",
                                "created_at"),
                        fields(
                                noun + "_number",
                                "name",
                                "status",
                                "amount",
                                "quantity",
                                "owner_id",
                                "region",
                                "priority",
                                "due_date",
                                "is_active",
                                "description"));
        return new Entity(
                "erp",
                name,
                EntityKind.TABLE,
                columns,
                List.of("id"),
                List.of(),
                List.of(),
                List.of(),
                Optional.ofNullable(comment),
                hidden ? Exposure.HIDDEN : Exposure.READ_WRITE,
                hidden ? "secret" : "ordinary table",
                form);
    }

    /**
     * A clinic: {@code patients} with a hidden {@code diagnosis_canary_q7} column, a visible {@code visits}
     * table, and a hidden {@code billing_canary_vault} table.
     */
    static EntityCatalog clinic() {
        Entity patients = new Entity(
                "public",
                "patients",
                EntityKind.TABLE,
                List.of(
                        Column.builder("id", ValueType.INTEGER)
                                .nullable(false)
                                .generation(Generation.IDENTITY)
                                .build(),
                        Column.builder("full_name", ValueType.TEXT)
                                .nullable(false)
                                .maxLength(200)
                                .build(),
                        Column.builder("birth_date", ValueType.DATE).build(),
                        Column.builder("status", ValueType.TEXT)
                                .enumValues(List.of("active", "discharged"))
                                .build(),
                        Column.builder("diagnosis_canary_q7", ValueType.TEXT)
                                .exposure(ColumnExposure.HIDDEN, "medical")
                                .build()),
                List.of("id"),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Exposure.READ_WRITE,
                "table",
                new Form(
                        fields("full_name"),
                        fields("birth_date", "status"),
                        fields("id", "full_name", "birth_date", "status"),
                        fields("id", "full_name", "birth_date", "status"),
                        fields("full_name", "birth_date", "status")));
        Entity visits = new Entity(
                "public",
                "visits",
                EntityKind.TABLE,
                List.of(
                        Column.builder("id", ValueType.INTEGER)
                                .nullable(false)
                                .generation(Generation.IDENTITY)
                                .build(),
                        Column.builder("patient_id", ValueType.INTEGER)
                                .nullable(false)
                                .build(),
                        Column.builder("visited_on", ValueType.DATE)
                                .nullable(false)
                                .build()),
                List.of("id"),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Exposure.READ_WRITE,
                "table",
                new Form(
                        fields("patient_id", "visited_on"),
                        List.of(),
                        fields("id", "patient_id", "visited_on"),
                        fields("id", "patient_id", "visited_on"),
                        fields("visited_on")));
        Entity vault = new Entity(
                "public",
                "billing_canary_vault",
                EntityKind.TABLE,
                List.of(
                        Column.builder("id", ValueType.INTEGER).nullable(false).build(),
                        Column.builder("card_number", ValueType.TEXT).build()),
                List.of("id"),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Exposure.HIDDEN,
                "secret",
                Form.empty());
        return EntityCatalog.of(List.of(patients, visits, vault));
    }

    private static List<FormField> fields(String... names) {
        List<FormField> fields = new ArrayList<>();
        for (String name : names) {
            fields.add(new FormField(name, "test"));
        }
        return fields;
    }
}
