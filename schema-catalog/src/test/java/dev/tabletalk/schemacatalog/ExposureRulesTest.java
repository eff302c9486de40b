package dev.tabletalk.schemacatalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.ColumnExposure;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.ValueType;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Tag("invariant-6")
class ExposureRulesTest {

    private final ExposureRules defaults = new ExposureRules(CatalogOptions.defaults());

    private static TableMeta plain(String name) {
        return Tables.table(name)
                .identity("id")
                .column("note", ValueType.TEXT)
                .primaryKey("id")
                .build();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "alembic_version",
                "flyway_schema_history",
                "databasechangelog",
                "DATABASECHANGELOGLOCK",
                "schema_migrations",
                "ar_internal_metadata",
                "django_migrations",
                "knex_migrations",
                "knex_migrations_lock",
                "__EFMigrationsHistory",
                "goose_db_version",
                "_prisma_migrations",
                "app_schema_history"
            })
    void hidesMigrationAndFrameworkTables(String name) {
        ExposureRules.Decision decision = defaults.table(plain(name));
        assertThat(decision.exposure()).isEqualTo(Exposure.HIDDEN);
        assertThat(decision.reason()).contains("migration");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sessions",
                "user_sessions",
                "django_session",
                "tokens",
                "personal_access_tokens",
                "api_keys",
                "apikeys",
                "api_tokens",
                "oauth_clients",
                "oauth_access_tokens",
                "credentials",
                "password_resets",
                "password_reset_tokens",
                "secrets",
                "users_auth",
                "user_mfa",
                "webauthn_credentials"
            })
    void hidesAuthAndSecretTables(String name) {
        ExposureRules.Decision decision = defaults.table(plain(name));
        assertThat(decision.exposure()).isEqualTo(Exposure.HIDDEN);
        assertThat(decision.reason()).contains("authentication or secret");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "access_keys",
                "ssh_keys",
                "user_passwords",
                "AccessKeys",
                "SshKeys",
                "UserPasswords",
                "passwords",
                "hmac_keys",
                "deploy_keys",
                "recovery_codes",
                "backup_codes",
                "UserSessions",
                "ApiTokens",
                "private_keys",
                "signing_keys"
            })
    void hidesKeyPasswordAndCodeTablesInAnySpelling(String name) {
        ExposureRules.Decision decision = defaults.table(plain(name));
        assertThat(decision.exposure()).as(name).isEqualTo(Exposure.HIDDEN);
        assertThat(decision.reason()).contains("authentication or secret");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "customers",
                "orders",
                "users",
                "session_types_x",
                "passengers",
                "passports",
                "keys",
                "key_accounts",
                "monkeys",
                "compass_readings",
                "business_units",
                "access_logs",
                "SessionTypes",
                "codes",
                "token_ring_devices",
                "airports",
                "ai",
                "tokenomics",
                "authors",
                "secretary",
                "discount_codes",
                "password_policies_x"
            })
    void keepsOrdinaryTablesThatMerelyResembleHiddenOnes(String name) {
        assertThat(defaults.table(plain(name)).exposure()).isEqualTo(Exposure.READ_WRITE);
    }

    @Test
    void hidesTableTalksOwnTablesAndSystemSchemas() {
        assertThat(defaults.table(plain("ai_audit_log")).reason()).contains("TableTalk");
        TableMeta system = new TableMeta("pg_catalog", "pg_class", EntityKind.TABLE, null);
        assertThat(defaults.table(system).exposure()).isEqualTo(Exposure.HIDDEN);
        assertThat(defaults.table(system).reason()).contains("system schema");
    }

    @Test
    void viewsAndTablesWithoutPrimaryKeyAreReadOnly() {
        assertThat(defaults.table(Tables.view("sales_by_store")
                        .column("total", ValueType.DECIMAL)
                        .build()))
                .isEqualTo(new ExposureRules.Decision(Exposure.READ_ONLY, "a view: read-only"));
        ExposureRules.Decision noKey = defaults.table(
                Tables.table("log").column("line", ValueType.TEXT).build());
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
    @ValueSource(
            strings = {
                "password",
                "password_hash",
                "passwordHash",
                "encrypted_password",
                "salt",
                "pw_salt",
                "secret",
                "client_secret",
                "api_key",
                "apiKey",
                "private_key",
                "otp_code",
                "totp_secret",
                "refresh_token",
                "resetToken",
                "access_key",
                "remember_token",
                "pin",
                "card_cvv",
                "sha256_hash",
                "UserPassword"
            })
    void hidesColumnsWhoseNamesSaySecret(String name) {
        Column column = defaults.column(
                plain("users"), Column.builder(name, ValueType.TEXT).build());
        assertThat(column.exposure()).isEqualTo(ColumnExposure.HIDDEN);
        assertThat(column.reason()).startsWith("the name says it holds a secret");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "email",
                "phone",
                "first_name",
                "keyword",
                "primary_key_hint",
                "monkey",
                "passenger",
                "hashtag_count",
                "saltwater",
                "shipping_date"
            })
    void keepsOrdinaryColumnsVisible(String name) {
        Column column = defaults.column(
                plain("users"), Column.builder(name, ValueType.TEXT).build());
        assertThat(column.exposure()).isEqualTo(ColumnExposure.VISIBLE);
    }

    @Test
    void masksConfiguredAndDefaultPatternsButEmailStaysVisibleByDefault() {
        TableMeta users = plain("users");
        assertThat(defaults.column(users, Column.builder("ssn", ValueType.TEXT).build())
                        .exposure())
                .isEqualTo(ColumnExposure.MASKED);
        assertThat(defaults.column(
                                users, Column.builder("email", ValueType.TEXT).build())
                        .exposure())
                .isEqualTo(ColumnExposure.VISIBLE);
        ExposureRules masking = new ExposureRules(CatalogOptions.builder()
                .maskedColumns(List.of("email", "*phone*"))
                .allowColumns(List.of("users.api_key"))
                .denyColumns(List.of("public.users.note"))
                .build());
        assertThat(masking.column(users, Column.builder("Email", ValueType.TEXT).build())
                        .exposure())
                .isEqualTo(ColumnExposure.MASKED);
        assertThat(masking.column(
                                users,
                                Column.builder("mobile_phone", ValueType.TEXT).build())
                        .reason())
                .contains("*phone*");
        assertThat(masking.column(
                                users, Column.builder("api_key", ValueType.TEXT).build())
                        .exposure())
                .isEqualTo(ColumnExposure.VISIBLE);
        assertThat(masking.column(users, Column.builder("note", ValueType.TEXT).build())
                        .exposure())
                .isEqualTo(ColumnExposure.HIDDEN);
    }

    /**
     * The built-in name rules, word by word: secrets hidden, personal data masked, and names that
     * merely contain a secret word as a substring visible.
     */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // secrets: hidden
        "pw, HIDDEN",
        "pass, HIDDEN",
        "passcode, HIDDEN",
        "encrypted_pw, HIDDEN",
        "mfa_seed, HIDDEN",
        "mfaSeed, HIDDEN",
        "MFA_SEED, HIDDEN",
        "recovery_codes, HIDDEN",
        "backup_codes, HIDDEN",
        "security_answer, HIDDEN",
        "securityAnswers, HIDDEN",
        "reset_code, HIDDEN",
        "resetCode, HIDDEN",
        "auth_code, HIDDEN",
        "verification_code, HIDDEN",
        "session_id, HIDDEN",
        "sessionId, HIDDEN",
        "SESSIONID, HIDDEN",
        "jwt, HIDDEN",
        "cookie, HIDDEN",
        "auth_cookie, HIDDEN",
        "cookie_value, HIDDEN",
        "bearer, HIDDEN",
        "bearer_token, HIDDEN",
        "authorization, HIDDEN",
        "Authorization_Header, HIDDEN",
        "stripe_key, HIDDEN",
        "stripeKey, HIDDEN",
        "hmac_key, HIDDEN",
        "shared_key, HIDDEN",
        "cvv2, HIDDEN",
        "CVV2, HIDDEN",
        "security_code, HIDDEN",
        "user_pass, HIDDEN",
        "db-pass, HIDDEN",
        "pw_hash, HIDDEN",
        "password2, HIDDEN",
        "2fa_seed, HIDDEN",
        "totp_seed, HIDDEN",
        "resetcode, HIDDEN",
        "stripekey, HIDDEN",
        "userpassword, HIDDEN",
        "encrypted_ssn, HIDDEN",
        "session_key, HIDDEN",
        "ssh_private_key, HIDDEN",
        "client_secret, HIDDEN",
        "master_key, HIDDEN",
        // personal data: masked
        "passport, MASKED",
        "passport_number, MASKED",
        "passportNo, MASKED",
        "sin, MASKED",
        "employee_sin, MASKED",
        "sinNumber, MASKED",
        "national_insurance_number, MASKED",
        "nationalInsuranceNumber, MASKED",
        "driver_license, MASKED",
        "driverLicense, MASKED",
        "DRIVERS_LICENSE_NO, MASKED",
        "driving_licence, MASKED",
        "birthday, MASKED",
        "Birthday, MASKED",
        "date_of_birth, MASKED",
        "customer_dob, MASKED",
        "salary, MASKED",
        "annual_salary, MASKED",
        "baseSalary, MASKED",
        "ssn, MASKED",
        "social_security_no, MASKED",
        // visible: a secret or personal word only as a substring, or a harmless qualifier
        "passenger, VISIBLE",
        "passenger_count, VISIBLE",
        "passage, VISIBLE",
        "compass, VISIBLE",
        "compass_heading, VISIBLE",
        "sinister, VISIBLE",
        "business, VISIBLE",
        "business_name, VISIBLE",
        "single, VISIBLE",
        "is_single, VISIBLE",
        "using_default, VISIBLE",
        "session_count, VISIBLE",
        "sessionCount, VISIBLE",
        "session_length, VISIBLE",
        "author, VISIBLE",
        "author_id, VISIBLE",
        "authored_at, VISIBLE",
        "tokenizer_name, VISIBLE",
        "cookie_consent, VISIBLE",
        "pass_rate, VISIBLE",
        "passed, VISIBLE",
        "boarding_pass, VISIBLE",
        "bypass_reason, VISIBLE",
        "auth_method, VISIBLE",
        "authorization_status, VISIBLE",
        "postal_code, VISIBLE",
        "country_code, VISIBLE",
        "sort_key, VISIBLE",
        "keyboard_layout, VISIBLE",
        "ssh_public_key, VISIBLE",
        "security_question, VISIBLE",
        "mfa_enabled, VISIBLE",
        "random_seed, VISIBLE",
        "is_encrypted, VISIBLE",
        "secretary_name, VISIBLE",
        "hashtag, VISIBLE",
        "spin_count, VISIBLE",
        "pinned, VISIBLE",
        "cvs_path, VISIBLE",
        "sports, VISIBLE",
        "birch_count, VISIBLE",
        "passover_date, VISIBLE",
        "encompass, VISIBLE",
        "wager_id, VISIBLE",
        "sinking_fund, VISIBLE",
        "jwtx_flag, VISIBLE",
        "bearing, VISIBLE",
        "seedling_count, VISIBLE"
    })
    void classifiesNamesWordByWord(String name, ColumnExposure expected) {
        Column column = defaults.column(
                plain("people"), Column.builder(name, ValueType.TEXT).build());
        assertThat(column.exposure()).as("%s (%s)", name, column.reason()).isEqualTo(expected);
        if (expected == ColumnExposure.HIDDEN) {
            assertThat(column.reason()).startsWith("the name says it holds a secret");
        }
    }

    @Test
    void theBuiltInPersonalDataMaskAppliesBesideConfiguredMasksAndAnAllowPatternLiftsIt() {
        TableMeta people = plain("people");
        ExposureRules configured = new ExposureRules(
                CatalogOptions.builder().maskedColumns(List.of("email")).build());
        assertThat(configured
                        .column(
                                people,
                                Column.builder("salary", ValueType.DECIMAL).build())
                        .reason())
                .isEqualTo("the name says it holds personal data (salary): shown masked, never filtered by");
        ExposureRules allowing = new ExposureRules(CatalogOptions.builder()
                .allowColumns(List.of("people.salary", "session_id"))
                .build());
        assertThat(allowing.column(
                                people,
                                Column.builder("salary", ValueType.DECIMAL).build())
                        .exposure())
                .isEqualTo(ColumnExposure.VISIBLE);
        assertThat(allowing.column(
                                people,
                                Column.builder("session_id", ValueType.TEXT).build())
                        .exposure())
                .isEqualTo(ColumnExposure.VISIBLE);
    }
}
