package dev.tabletalk.testkit.fakes;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.EntityCatalog;
import dev.tabletalk.core.catalog.EntityKind;
import dev.tabletalk.core.catalog.Exposure;
import dev.tabletalk.core.catalog.Form;
import dev.tabletalk.core.catalog.ValueType;
import dev.tabletalk.core.port.out.SchemaCatalog;
import dev.tabletalk.testkit.contract.SchemaCatalogContract;
import dev.tabletalk.testkit.fixtures.Catalogs;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

class StaticSchemaCatalogTest extends SchemaCatalogContract {

    private final StaticSchemaCatalog catalog = new StaticSchemaCatalog(Catalogs.shop());

    @Override
    protected SchemaCatalog catalog() {
        return catalog;
    }

    @Override
    protected String exposedEntity() {
        return "customers";
    }

    @Override
    protected String hiddenColumn() {
        return "password_hash";
    }

    @Override
    protected String hiddenEntity() {
        return "users_auth";
    }

    @Override
    protected void createTable(String name) {
        List<Entity> entities = new ArrayList<>(catalog.current().entities());
        entities.add(new Entity(
                "public",
                name,
                EntityKind.TABLE,
                List.of(Column.builder("id", ValueType.INTEGER).nullable(false).build()),
                List.of("id"),
                List.of(),
                List.of(),
                List.of(),
                Optional.empty(),
                Exposure.READ_WRITE,
                "test table",
                Form.empty()));
        catalog.changeSchemaTo(EntityCatalog.of(entities));
    }
}
