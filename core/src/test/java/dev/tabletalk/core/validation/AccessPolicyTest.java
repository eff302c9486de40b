package dev.tabletalk.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.plan.Intent;
import dev.tabletalk.core.policy.ReadOnlyMode;
import dev.tabletalk.core.policy.RolePolicy;
import dev.tabletalk.core.reply.RefusalCode;
import dev.tabletalk.core.user.UserContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    private static final UserContext TENANT_EDITOR = UserContext.of("u-1", "editor", "101");
    private static final UserContext EDITOR_WITHOUT_TENANT = UserContext.of("u-2", "editor");

    private static final Entity ORDERS = entity(
            "orders",
            Exposure.READ_WRITE,
            Column.builder("tenant_id", ValueType.INTEGER).build());
    private static final Entity COUNTRIES = entity("countries", Exposure.READ_WRITE);
    private static final Entity REPORT = entity(
            "report",
            Exposure.READ_ONLY,
            Column.builder("tenant_id", ValueType.INTEGER).build());
    private static final EntityCatalog CATALOG = EntityCatalog.of(List.of(ORDERS, COUNTRIES, REPORT));

    private final ReadOnlyMode readOnly = ReadOnlyMode.off();
    private final AccessPolicy policy = new AccessPolicy(RolePolicy.defaults(), readOnly, "tenant_id");

    private static Entity entity(String name, Exposure exposure, Column... extra) {
        List<Column> columns =
                new ArrayList<>(List.of(Column.builder("id", ValueType.INTEGER).build()));
        columns.addAll(List.of(extra));
        return new Entity(
                "public",
                name,
                EntityKind.TABLE,
                columns,
                List.of("id"),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                exposure,
                "table",
                Form.empty());
    }

    private Optional<Problem> refusal(Intent intent, Entity entity, UserContext user) {
        return policy.refusal(intent, entity, entity.name(), user, CATALOG);
    }

    @Test
    void theRoleIsCheckedFirst() {
        readOnly.set(true);

        assertThat(refusal(Intent.UPDATE, ORDERS, UserContext.of("u-3", "viewer", "101")))
                .map(Problem::message)
                .contains("Your role (viewer) may not change orders.");
    }

    @Test
    void readOnlyModeRefusesWritesOnly() {
        readOnly.set(true);

        assertThat(refusal(Intent.CREATE, ORDERS, TENANT_EDITOR))
                .map(Problem::code)
                .contains(RefusalCode.READ_ONLY_MODE);
        assertThat(refusal(Intent.READ, ORDERS, TENANT_EDITOR)).isEmpty();
    }

    @Test
    void sharedEntitiesAreReadOnlyForTenantCallers() {
        assertThat(refusal(Intent.CREATE, COUNTRIES, TENANT_EDITOR))
                .map(Problem::message)
                .contains("countries is shared by every tenant, so it can be read but not added to here.");
        assertThat(refusal(Intent.READ, COUNTRIES, TENANT_EDITOR)).isEmpty();
        assertThat(refusal(Intent.UPDATE, COUNTRIES, EDITOR_WITHOUT_TENANT)).isEmpty();
    }

    @Test
    void readOnlyEntitiesAreNeverWritten() {
        assertThat(refusal(Intent.UPDATE, REPORT, TENANT_EDITOR))
                .map(Problem::message)
                .contains("report can be read but not changed here.");
    }

    @Test
    void tenantOwnedEntitiesNeedATenant() {
        assertThat(refusal(Intent.READ, ORDERS, EDITOR_WITHOUT_TENANT))
                .map(Problem::code)
                .contains(RefusalCode.TENANT_REQUIRED);
        assertThat(refusal(Intent.UPDATE, ORDERS, TENANT_EDITOR)).isEmpty();
    }
}
