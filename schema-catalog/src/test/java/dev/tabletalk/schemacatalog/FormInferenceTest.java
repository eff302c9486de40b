package dev.tabletalk.schemacatalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.FormField;
import dev.tabletalk.core.catalog.ValueType;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class FormInferenceTest {

    private final CatalogAssembler assembler = new CatalogAssembler(CatalogOptions.defaults());

    private Entity orders() {
        return assembler.entity(Tables.table("orders")
                .identity("id")
                .required("customer_id", ValueType.INTEGER)
                .required("order_no", ValueType.TEXT)
                .enumColumn("status", "new", "shipped")
                .withDefault("placed_at", ValueType.TIMESTAMP_TZ, "now()")
                .column("amount", ValueType.DECIMAL)
                .column("quantity", ValueType.INTEGER)
                .column("notes", ValueType.TEXT)
                .column("gift", ValueType.BOOLEAN)
                .column("company_id", ValueType.INTEGER)
                .column("password_hash", ValueType.TEXT)
                .column("ssn", ValueType.TEXT)
                .computed("total_with_tax", ValueType.DECIMAL)
                .withDefault("created_at", ValueType.TIMESTAMP, "now()")
                .column("updated_by", ValueType.TEXT)
                .column("version", ValueType.INTEGER)
                .column("payload", ValueType.JSON)
                .primaryKey("id")
                .index("orders_order_no", "order_no")
                .foreignKey("customer_id", "customers")
                .build());
    }

    @Test
    void requiredOnCreateAreNotNullWithoutDefaultAndNotGenerated() {
        Form form = orders().form();
        assertThat(form.createRequiredNames()).containsExactly("customer_id", "order_no");
        assertThat(form.createOptionalNames())
                .containsExactly("status", "placed_at", "amount", "quantity", "notes", "gift", "ssn")
                .doesNotContain("id", "total_with_tax", "company_id", "password_hash", "created_at");
        assertThat(form.createOptional().get(1).reason()).contains("has a default");
    }

    @Test
    void notNullColumnWithADefaultIsOptionalNotRequired() {
        // the PostgREST mistake: NOT NULL alone does not make a column required
        assertThat(orders().form().createRequiredNames()).doesNotContain("status", "placed_at");
    }

    @Test
    void primaryKeyWithoutDefaultIsRequiredOnCreate() {
        Entity artist = assembler.entity(Tables.table("artist")
                .required("artist_id", ValueType.INTEGER)
                .column("name", ValueType.TEXT)
                .primaryKey("artist_id")
                .build());
        assertThat(artist.form().createRequired())
                .containsExactly(new FormField(
                        "artist_id", "primary key without a default or identity: the value must be given"));
    }

    @Test
    @Tag("invariant-7")
    void tenantColumnIsNeverCreatedUpdatedOrFiltered() {
        Form form = orders().form();
        assertThat(form.canCreateWith("company_id")).isFalse();
        assertThat(form.canUpdate("company_id")).isFalse();
        assertThat(form.canFilterBy("company_id")).isFalse();
        Entity custom = new CatalogAssembler(
                        CatalogOptions.builder().tenantColumn("tenant").build())
                .entity(Tables.table("t")
                        .identity("id")
                        .required("Tenant", ValueType.INTEGER)
                        .primaryKey("id")
                        .build());
        assertThat(custom.form().createRequiredNames()).isEmpty();
    }

    @Test
    void updateExcludesKeysGeneratedAuditAndTenantColumns() {
        assertThat(orders().form().updateNames())
                .containsExactly(
                        "customer_id", "order_no", "status", "placed_at", "amount", "quantity", "notes", "gift", "ssn");
    }

    @Test
    void filtersIncludeKeysIndexesEnumsBooleansDatesAndNumbersButNeverMaskedOrHidden() {
        Form form = orders().form();
        assertThat(form.filterNames())
                .containsExactly(
                        "id",
                        "customer_id",
                        "order_no",
                        "status",
                        "placed_at",
                        "amount",
                        "quantity",
                        "gift",
                        "total_with_tax",
                        "created_at",
                        "version");
        assertThat(form.filter().get(5).reason()).contains("orders over 100");
        assertThat(form.filterNames()).doesNotContain("ssn", "password_hash", "notes", "payload");
    }

    @Test
    @Tag("invariant-6")
    void hiddenColumnsAppearInNoFormList() {
        Form form = orders().form();
        for (List<FormField> fields :
                List.of(form.createRequired(), form.createOptional(), form.read(), form.filter(), form.update())) {
            assertThat(fields).extracting(FormField::column).doesNotContain("password_hash");
        }
    }

    @Test
    void readFieldsArePrimaryKeyPlusRepresentativeColumnsCapped() {
        Entity wide = assembler.entity(Tables.table("customers")
                .identity("id")
                .column("a1", ValueType.TEXT)
                .column("a2", ValueType.TEXT)
                .column("a3", ValueType.TEXT)
                .column("a4", ValueType.TEXT)
                .column("a5", ValueType.TEXT)
                .column("a6", ValueType.TEXT)
                .column("full_name", ValueType.TEXT)
                .column("email", ValueType.TEXT)
                .column("status", ValueType.TEXT)
                .column("signup_date", ValueType.DATE)
                .column("country_code", ValueType.TEXT)
                .column("photo", ValueType.BINARY)
                .primaryKey("id")
                .build());
        assertThat(wide.form().readNames())
                .hasSize(8)
                .startsWith("id")
                .contains("full_name", "email", "status", "signup_date", "country_code")
                .doesNotContain("photo");
    }

    @Test
    void readOnlyEntitiesHaveNoCreateOrUpdateFieldsAndHiddenOnesNoForm() {
        Entity view = assembler.entity(Tables.view("order_totals")
                .column("order_no", ValueType.TEXT)
                .column("total", ValueType.DECIMAL)
                .build());
        assertThat(view.exposure()).isEqualTo(Exposure.READ_ONLY);
        assertThat(view.form().createRequired()).isEmpty();
        assertThat(view.form().createOptional()).isEmpty();
        assertThat(view.form().update()).isEmpty();
        assertThat(view.form().readNames()).containsExactly("order_no", "total");
        Entity hidden = assembler.entity(
                Tables.table("api_keys").identity("id").primaryKey("id").build());
        assertThat(hidden.form()).isEqualTo(Form.empty());
    }

    @Test
    void aHiddenPrimaryKeyMakesTheTableReadOnly() {
        Entity entity = assembler.entity(Tables.table("devices")
                .required("token", ValueType.TEXT)
                .column("label", ValueType.TEXT)
                .primaryKey("token")
                .build());
        assertThat(entity.exposure()).isEqualTo(Exposure.READ_ONLY);
        assertThat(entity.reason()).contains("primary key column token is hidden");
    }
}
