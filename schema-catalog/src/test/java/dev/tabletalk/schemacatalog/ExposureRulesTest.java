package dev.tabletalk.schemacatalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.ValueType;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

@Tag("invariant-6")
class ExposureRulesTest {

    private final ExposureRules defaults = new ExposureRules(CatalogOptions.defaults());

    private static TableMeta plain(String name) {
        return Tables.table(name).identity("id").column("note", ValueType.TEXT).primaryKey("id").build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alembic_version", "flyway_schema_history", "databasechangelog", "DATABASECHANGELOGLOCK",
        "schema_migrations", "ar_internal_metadata", "django_migrations", "knex_migrations", "knex_migrations_lock",
        "__EFMigrationsHistory", "goose_db_version", "_prisma_migrations", "app_schema_history"})
    void hidesMigrationAndFrameworkTables(String name) {
        ExposureRules.Decision decision = defaults.table(plain(name));
        assertThat(decision.exposure()).isEqualTo(Exposure.HIDDEN);
        assertThat(decision.reason()).contains("migration");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sessions", "user_sessions", "django_session", "tokens", "personal_access_tokens",
        "api_keys", "apikeys", "api_tokens", "oauth_clients", "oauth_access_tokens", "credentials",
        "password_resets", "password_reset_tokens", "secrets", "users_auth", "user_mfa", "webauthn_credentials"})
    void hidesAuthAndSecretTables(String name) {
        ExposureRules.Decision decision = defaults.table(plain(name));
        assertThat(decision.exposure()).isEqualTo(Exposure.HIDDEN);
        assertThat(decision.reason()).contains("authentication or secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"customers", "orders", "users", "session_types_x", "token_ring_devices", "airports",
        "ai", "tokenomics", "authors", "secretary"})
    void keepsOrdinaryTablesThatMerelyResembleHiddenOnes(String name) {
        assertThat(defaults.table(plain(name)).exposure()).isEqualTo(Exposure.READ_WRITE);
    }

    @Test
    void hidesTableTalksOwnTablesAndSystemSchemas() {
        assertThat(defaults.table(plain("ai_audit_log")).reason()).contains("TableTalk");
        TableMeta system = new TableMeta("pg_catalog", "pg_class", dev.tabletalk.core.catalog.EntityKind.TABLE, null);
        assertThat(defaults.table(system).exposure()).isEqualTo(Exposure.HIDDEN);
        assertThat(defaults.table(system).reason()).contains("system schema");
    }

    @Test
    void viewsAndTablesWithoutPrimaryKeyAreReadOnly() {
        assertThat(defaults.table(Tables.view("sales_by_store").column("total", ValueType.DECIMAL).build()))
                .isEqualTo(new ExposureRules.Decision(Exposure.READ_ONLY, "a view: read-only"));
        ExposureRules.Decision noKey = defaults.table(Tables.table("log").column("line", ValueType.TEXT).build());
        assertThat(noKey.exposure()).isEqualTo(Exposure.READ_ONLY);
        assertThat(noKey.reason()).contains("no primary key");
    }

    @Test
    void configuredPatternsOverrideTheDefaultsAndDenyWins() {
        ExposureRules rules = new ExposureRules(CatalogOptions.builder()
                .allowTables(List.of("sessions", "public.schema_migrations"))
                .denyTables(List.of("tmp_*", "/audit_\\d+/", "sessions"))
                .readOnlyTables(List.of("re:.*_archive"))
                .build());
        assertThat(rules.table(plain("schema_migrations")).exposure()).isEqualTo(Exposure.READ_WRITE);
        assertThat(rules.table(plain("schema_migrations")).reason()).contains("allow pattern");
        assertThat(rules.table(plain("sessions")).exposure()).isEqualTo(Exposure.HIDDEN);
        assertThat(rules.table(plain("TMP_import")).reason()).contains("deny pattern tmp_*");
        assertThat(rules.table(plain("audit_2024")).exposure()).isEqualTo(Exposure.HIDDEN);
        assertThat(rules.table(plain("audit_x")).exposure()).isEqualTo(Exposure.READ_WRITE);
        assertThat(rules.table(plain("orders_archive")).exposure()).isEqualTo(Exposure.READ_ONLY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"password", "password_hash", "passwordHash", "encrypted_password", "salt", "pw_salt",
        "secret", "client_secret", "api_key", "apiKey", "private_key", "otp_code", "totp_secret", "refresh_token",
        "resetToken", "access_key", "remember_token", "pin", "card_cvv", "sha256_hash", "UserPassword"})
    void hidesColumnsWhoseNamesSaySecret(String name) {
        Column column = defaults.column(plain("users"), Column.builder(name, ValueType.TEXT).build());
        assertThat(column.exposure()).isEqualTo(ColumnExposure.HIDDEN);
        assertThat(column.reason()).startsWith("the name says it holds a secret");
    }

    @ParameterizedTest
    @ValueSource(strings = {"email", "phone", "first_name", "keyword", "primary_key_hint", "monkey", "passenger",
        "hashtag_count", "saltwater", "shipping_date"})
    void keepsOrdinaryColumnsVisible(String name) {
        Column column = defaults.column(plain("users"), Column.builder(name, ValueType.TEXT).build());
        assertThat(column.exposure()).isEqualTo(ColumnExposure.VISIBLE);
    }

    @Test
    void masksConfiguredAndDefaultPatternsButEmailStaysVisibleByDefault() {
        TableMeta users = plain("users");
        assertThat(defaults.column(users, Column.builder("ssn", ValueType.TEXT).build()).exposure())
                .isEqualTo(ColumnExposure.MASKED);
        assertThat(defaults.column(users, Column.builder("email", ValueType.TEXT).build()).exposure())
                .isEqualTo(ColumnExposure.VISIBLE);
        ExposureRules masking = new ExposureRules(CatalogOptions.builder()
                .maskedColumns(List.of("email", "*phone*"))
                .allowColumns(List.of("users.api_key"))
                .denyColumns(List.of("public.users.note"))
                .build());
        assertThat(masking.column(users, Column.builder("Email", ValueType.TEXT).build()).exposure())
                .isEqualTo(ColumnExposure.MASKED);
        assertThat(masking.column(users, Column.builder("mobile_phone", ValueType.TEXT).build()).reason())
                .contains("*phone*");
        assertThat(masking.column(users, Column.builder("api_key", ValueType.TEXT).build()).exposure())
                .isEqualTo(ColumnExposure.VISIBLE);
        assertThat(masking.column(users, Column.builder("note", ValueType.TEXT).build()).exposure())
                .isEqualTo(ColumnExposure.HIDDEN);
    }
}
