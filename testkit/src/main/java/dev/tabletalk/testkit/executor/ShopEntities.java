package dev.tabletalk.testkit.executor;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.NumericRange;
import dev.tabletalk.core.catalog.ValueType;
import java.util.List;
import java.util.Optional;

/**
 * The shop's business tables (customers, orders, products) and its hidden tables (users_auth, api_tokens) as the
 * schema catalog would describe them: columns, keys, exposure and forms.
 */
final class ShopEntities {

    private ShopEntities() {}

    static Entity customers(String schema, FixtureDatabase db) {
        List<Column> columns = List.of(
                ShopColumns.id(),
                ShopColumns.companyId(),
                Column.builder("name", ValueType.TEXT)
                        .nativeType("text")
                        .nullable(false)
                        .build(),
                Column.builder("email", ValueType.TEXT)
                        .nativeType("varchar(200)")
                        .maxLength(200)
                        .exposure(ColumnExposure.MASKED, "personal data")
                        .build(),
                Column.builder("phone", ValueType.TEXT)
                        .nativeType("varchar(40)")
                        .maxLength(40)
                        .exposure(ColumnExposure.MASKED, "personal data")
                        .build(),
                Column.builder("status", ValueType.TEXT)
                        .nativeType("varchar(16)")
                        .nullable(false)
                        .defaultExpression("'active'")
                        .maxLength(16)
                        .enumValues(List.of("active", "inactive", "blocked"))
                        .build(),
                Column.builder("credit_limit", ValueType.DECIMAL)
                        .nativeType("numeric(12,2)")
                        .precision(12)
                        .scale(2)
                        .build(),
                Column.builder("notes", ValueType.TEXT).nativeType("text").build(),
                Column.builder("password_hash", ValueType.TEXT)
                        .nativeType("text")
                        .exposure(ColumnExposure.HIDDEN, "secret")
                        .build(),
                Column.builder("created_at", ShopColumns.timestampType(db))
                        .nativeType("timestamp")
                        .nullable(false)
                        .defaultExpression("current_timestamp")
                        .build(),
                Column.builder("version", ValueType.INTEGER)
                        .nativeType("integer")
                        .nullable(false)
                        .defaultExpression("1")
                        .range(NumericRange.of(Integer.MIN_VALUE, Integer.MAX_VALUE))
                        .build());
        Form form = new Form(
                ShopColumns.fields("name"),
                ShopColumns.fields("email", "phone", "status", "credit_limit", "notes"),
                ShopColumns.fields(
                        "id",
                        "company_id",
                        "name",
                        "email",
                        "phone",
                        "status",
                        "credit_limit",
                        "notes",
                        "created_at",
                        "version"),
                ShopColumns.fields("id", "name", "status", "credit_limit", "notes", "created_at", "version"),
                ShopColumns.fields("name", "email", "phone", "status", "credit_limit", "notes"));
        return ShopColumns.table(
                schema, "customers", columns, List.of(List.of("company_id", "email")), List.of(), form);
    }

    static Entity orders(String schema, FixtureDatabase db) {
        List<Column> columns = List.of(
                ShopColumns.id(),
                ShopColumns.companyId(),
                Column.builder("customer_id", ValueType.INTEGER)
                        .nativeType("bigint")
                        .nullable(false)
                        .range(NumericRange.of(Long.MIN_VALUE, Long.MAX_VALUE))
                        .build(),
                Column.builder("total", ValueType.DECIMAL)
                        .nativeType("numeric(12,2)")
                        .nullable(false)
                        .precision(12)
                        .scale(2)
                        .build(),
                Column.builder("status", ValueType.TEXT)
                        .nativeType("varchar(20)")
                        .nullable(false)
                        .maxLength(20)
                        .defaultExpression("'new'")
                        .build(),
                Column.builder("created_at", ShopColumns.timestampType(db))
                        .nativeType("timestamp")
                        .nullable(false)
                        .defaultExpression("current_timestamp")
                        .build());
        Form form = new Form(
                ShopColumns.fields("customer_id", "total"),
                ShopColumns.fields("status"),
                ShopColumns.fields("id", "company_id", "customer_id", "total", "status", "created_at"),
                ShopColumns.fields("id", "customer_id", "total", "status", "created_at"),
                ShopColumns.fields("status"));
        return ShopColumns.table(
                schema,
                "orders",
                columns,
                List.of(),
                List.of(new ForeignKey(
                        "orders_customer_fk", List.of("customer_id"), schema, "customers", List.of("id"))),
                form);
    }

    static Entity products(String schema) {
        List<Column> columns = List.of(
                ShopColumns.id(),
                ShopColumns.companyId(),
                Column.builder("sku", ValueType.TEXT)
                        .nativeType("varchar(32)")
                        .nullable(false)
                        .maxLength(32)
                        .build(),
                Column.builder("name", ValueType.TEXT)
                        .nativeType("text")
                        .nullable(false)
                        .build(),
                Column.builder("price", ValueType.DECIMAL)
                        .nativeType("numeric(10,2)")
                        .nullable(false)
                        .precision(10)
                        .scale(2)
                        .defaultExpression("0")
                        .build(),
                Column.builder("stock", ValueType.INTEGER)
                        .nativeType("integer")
                        .nullable(false)
                        .defaultExpression("0")
                        .range(NumericRange.of(0, Integer.MAX_VALUE))
                        .build());
        Form form = new Form(
                ShopColumns.fields("sku", "name"),
                ShopColumns.fields("price", "stock"),
                ShopColumns.fields("id", "company_id", "sku", "name", "price", "stock"),
                ShopColumns.fields("id", "sku", "name", "price", "stock"),
                ShopColumns.fields("name", "sku", "price", "stock"));
        return ShopColumns.table(schema, "products", columns, List.of(List.of("company_id", "sku")), List.of(), form);
    }

    static Entity usersAuth(String schema) {
        List<Column> columns = List.of(
                Column.builder("user_id", ValueType.TEXT)
                        .nativeType("varchar(20)")
                        .nullable(false)
                        .build(),
                Column.builder("password_hash", ValueType.TEXT)
                        .nativeType("text")
                        .nullable(false)
                        .build());
        return new Entity(
                schema,
                "users_auth",
                EntityKind.TABLE,
                columns,
                List.of("user_id"),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Exposure.HIDDEN,
                "authentication data",
                Form.empty());
    }

    static Entity apiTokens(String schema) {
        List<Column> columns = List.of(
                Column.builder("id", ValueType.INTEGER)
                        .nativeType("bigint")
                        .nullable(false)
                        .build(),
                Column.builder("token", ValueType.TEXT)
                        .nativeType("text")
                        .nullable(false)
                        .build());
        return new Entity(
                schema,
                "api_tokens",
                EntityKind.TABLE,
                columns,
                List.of("id"),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Exposure.HIDDEN,
                "credentials",
                Form.empty());
    }
}
