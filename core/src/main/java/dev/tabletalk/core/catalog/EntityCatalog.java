package dev.tabletalk.core.catalog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An immutable snapshot of the target database's entities, with a fingerprint of the
 * schema it was read from.
 *
 * <p>Each exposed entity has one <em>reference</em>: the name that plans, planners and people
 * use for it. It is the plain name when that is unique among all entities, and
 * {@code schema.name} otherwise (two tables of one name in two schemas). Hidden entities have
 * no reference: every lookup answers for them exactly as for names that do not exist.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class EntityCatalog {

    private final List<Entity> entities;
    private final String fingerprint;
    private final Map<String, Entity> byReference;
    private final Map<Entity, String> referenceByEntity;
    private final Map<String, List<Entity>> byFoldedReference;
    private final Map<String, Entity> byQualifiedName;
    private final Map<String, List<Entity>> byPlainName;
    /** Set on a catalog made by {@link #forCaller}: the tenancies it was cut with. */
    private final Tenancies appliedTenancies;

    /** Set on a catalog made by {@link #withColumnGrants}: the grants it was cut with. */
    private final Map<String, Set<String>> appliedGrants;

    private volatile Tenancies tenancies;
    private volatile CallerViews callerViews;
    private final Map<Map<String, Set<String>>, EntityCatalog> grantViews = new ConcurrentHashMap<>();

    private EntityCatalog(List<Entity> entities, String fingerprint) {
        this(entities, fingerprint, null, Map.of());
    }

    private EntityCatalog(
            List<Entity> entities,
            String fingerprint,
            Tenancies appliedTenancies,
            Map<String, Set<String>> appliedGrants) {
        this.appliedTenancies = appliedTenancies;
        this.appliedGrants = appliedGrants;
        this.tenancies = appliedTenancies;
        this.entities = List.copyOf(entities);
        this.fingerprint = Objects.requireNonNull(fingerprint, "fingerprint");
        Map<String, Integer> nameCounts = new HashMap<>();
        for (Entity entity : this.entities) {
            nameCounts.merge(entity.name(), 1, Integer::sum);
        }
        Map<String, Entity> references = new LinkedHashMap<>();
        // by identity: record hashing walks every column, which dominates on big schemas
        Map<Entity, String> reverse = new IdentityHashMap<>();
        Map<String, List<Entity>> folded = new HashMap<>();
        for (Entity entity : this.entities) {
            if (!entity.exposure().isVisible()) {
                continue;
            }
            String reference = nameCounts.get(entity.name()) == 1 ? entity.name() : entity.qualifiedName();
            if (references.putIfAbsent(reference, entity) != null) {
                throw new IllegalArgumentException("two entities share the reference " + reference);
            }
            reverse.put(entity, reference);
            folded.computeIfAbsent(fold(reference), k -> new ArrayList<>()).add(entity);
            if (!reference.equals(entity.qualifiedName())) {
                folded.computeIfAbsent(fold(entity.qualifiedName()), k -> new ArrayList<>())
                        .add(entity);
                references.putIfAbsent(entity.qualifiedName(), entity);
            }
        }
        this.byReference = Map.copyOf(references);
        this.referenceByEntity = Collections.unmodifiableMap(reverse);
        Map<String, List<Entity>> frozen = new HashMap<>();
        folded.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        this.byFoldedReference = Map.copyOf(frozen);
        Map<String, Entity> qualified = new HashMap<>();
        Map<String, List<Entity>> plain = new HashMap<>();
        for (Entity entity : this.entities) {
            qualified.putIfAbsent(entity.qualifiedName(), entity);
            plain.computeIfAbsent(entity.name(), k -> new ArrayList<>()).add(entity);
        }
        this.byQualifiedName = Map.copyOf(qualified);
        Map<String, List<Entity>> plainFrozen = new HashMap<>();
        plain.forEach((k, v) -> plainFrozen.put(k, List.copyOf(v)));
        this.byPlainName = Map.copyOf(plainFrozen);
    }

    /** A catalog of these entities, fingerprinted from their structure and exposure. */
    public static EntityCatalog of(List<Entity> entities) {
        return new EntityCatalog(entities, fingerprintOf(entities));
    }

    /** A catalog with a fingerprint computed elsewhere (e.g. from the database's own catalog). */
    public static EntityCatalog of(List<Entity> entities, String fingerprint) {
        return new EntityCatalog(entities, fingerprint);
    }

    /** Every entity, hidden ones included: the operator's view. */
    public List<Entity> entities() {
        return entities;
    }

    /** The entities a conversation may name, in catalog order. */
    public List<Entity> exposedEntities() {
        return entities.stream().filter(e -> e.exposure().isVisible()).toList();
    }

    public String fingerprint() {
        return fingerprint;
    }

    /**
     * An exposed entity by its reference (exact, or {@code schema.name}, or a unique
     * case-insensitive match). Hidden and unknown names both give an empty result.
     */
    public Optional<Entity> find(String reference) {
        Objects.requireNonNull(reference, "reference");
        Entity exact = byReference.get(reference);
        if (exact != null) {
            return Optional.of(exact);
        }
        List<Entity> candidates = byFoldedReference.getOrDefault(fold(reference), List.of());
        return candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty();
    }

    /** The reference of an exposed entity of this catalog (the same instance, as {@link #find} returns it). */
    public String referenceOf(Entity entity) {
        String reference = referenceByEntity.get(entity);
        if (reference == null && entity.exposure().isVisible()) {
            // an equal entity that is not this catalog's instance: fall back to its qualified name
            reference = Optional.ofNullable(byReference.get(entity.name()))
                    .filter(entity::equals)
                    .map(e -> entity.name())
                    .orElseGet(() -> byReference.containsKey(entity.qualifiedName())
                                    && byReference.get(entity.qualifiedName()).equals(entity)
                            ? entity.qualifiedName()
                            : null);
        }
        if (reference == null) {
            throw new IllegalArgumentException("not an exposed entity of this catalog: " + entity.qualifiedName());
        }
        return reference;
    }

    /**
     * The entity a foreign key of {@code from} points at, hidden or not: by the key's schema, else in
     * {@code from}'s schema, else the only entity of that name. Empty when it is not in this catalog.
     */
    public Optional<Entity> target(Entity from, ForeignKey key) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(key, "key");
        if (!key.targetSchema().isEmpty()) {
            Entity qualified = byQualifiedName.get(key.targetSchema() + "." + key.targetEntity());
            if (qualified != null) {
                return Optional.of(qualified);
            }
        } else if (!from.schema().isEmpty()) {
            Entity sameSchema = byQualifiedName.get(from.schema() + "." + key.targetEntity());
            if (sameSchema != null) {
                return Optional.of(sameSchema);
            }
        }
        List<Entity> named = byPlainName.getOrDefault(key.targetEntity(), List.of()).stream()
                .filter(e -> key.targetSchema().isEmpty()
                        || e.schema().isEmpty()
                        || e.schema().equals(key.targetSchema()))
                .toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    /** The tenancy of every entity for this tenant column, decided once per catalog and column. */
    public Tenancies tenancies(String tenantColumn) {
        Objects.requireNonNull(tenantColumn, "tenantColumn");
        Tenancies known = tenancies;
        if (known != null && known.tenantColumn().equals(tenantColumn)) {
            return known;
        }
        Tenancies decided = Tenancies.of(this, tenantColumn);
        tenancies = decided;
        return decided;
    }

    /**
     * This catalog as a caller sees it, with the tenancy applied to exposure. For a caller with a tenant:
     * {@code hidden} entities are hidden (they answer like names that do not exist) and {@code shared} ones are
     * read-only. For a caller without one, {@code hidden} entities are hidden too, so a view cannot stand in for
     * the tenant tables such a caller may not use. The result keeps this catalog's fingerprint, is cached, and
     * is its own caller view (calling this again on it returns it unchanged).
     */
    public EntityCatalog forCaller(boolean hasTenant, String tenantColumn) {
        Objects.requireNonNull(tenantColumn, "tenantColumn");
        if (appliedTenancies != null) {
            if (!appliedTenancies.tenantColumn().equals(tenantColumn)) {
                throw new IllegalArgumentException("this caller view was cut for the tenant column "
                        + appliedTenancies.tenantColumn() + ", not " + tenantColumn);
            }
            return this;
        }
        CallerViews views = callerViews;
        if (views == null || !views.tenantColumn().equals(tenantColumn)) {
            Tenancies decided = tenancies(tenantColumn);
            views = new CallerViews(tenantColumn, cut(decided, true), cut(decided, false));
            callerViews = views;
        }
        return hasTenant ? views.withTenant() : views.withoutTenant();
    }

    /** The tenancies this catalog was cut with by {@link #forCaller}, if it is a caller view. */
    public Optional<Tenancies> appliedTenancies() {
        return Optional.ofNullable(appliedTenancies);
    }

    private EntityCatalog cut(Tenancies decided, boolean hasTenant) {
        List<Entity> cut = new ArrayList<>(entities.size());
        for (Entity entity : entities) {
            Tenancy tenancy = decided.of(entity);
            if (!entity.exposure().isVisible()) {
                cut.add(entity);
            } else if (tenancy instanceof Tenancy.Hidden hidden) {
                cut.add(entity.withExposure(Exposure.HIDDEN, "hidden from tenant-scoped callers: " + hidden.reason()));
            } else if (hasTenant && tenancy instanceof Tenancy.Shared shared && entity.isWritable()) {
                cut.add(entity.withExposure(
                        Exposure.READ_ONLY, "shared by all tenants, so read-only for them: " + shared.reason()));
            } else {
                cut.add(entity);
            }
        }
        return new EntityCatalog(cut, fingerprint, decided, appliedGrants);
    }

    /**
     * This catalog as a role with column grants sees it: on each entity named in {@code grants} (by reference or
     * qualified name), every column outside its granted set, except the primary key's, is hidden, and its form
     * loses it, so it answers exactly like a column that does not exist (invariant 6). Tenancy is kept as this
     * catalog decided it (hiding a tenant or key column from a role changes no row's owner). The result has a
     * fingerprint of its own (a view with other columns is another view), is cached, and is unchanged by the same
     * grants again.
     *
     * @param grants per entity reference or qualified name, the column names a role may see (compared ignoring case)
     */
    public EntityCatalog withColumnGrants(Map<String, Set<String>> grants) {
        Objects.requireNonNull(grants, "grants");
        if (grants.isEmpty() || grants.equals(appliedGrants)) {
            return this;
        }
        if (appliedTenancies == null) {
            throw new IllegalStateException("a role's grants apply to a caller's view: call forCaller first");
        }
        return grantViews.computeIfAbsent(Map.copyOf(grants), this::granted);
    }

    private EntityCatalog granted(Map<String, Set<String>> grants) {
        List<Entity> cut = new ArrayList<>(entities.size());
        for (Entity entity : entities) {
            String reference = referenceByEntity.get(entity);
            Set<String> granted = reference == null ? null : grants.get(reference);
            if (granted == null && reference != null) {
                granted = grants.get(entity.qualifiedName());
            }
            cut.add(granted == null ? entity : restricted(entity, granted));
        }
        // the grants' own order is a map's: sort them so that equal grants give one fingerprint
        String granted = new TreeMap<>(grants).toString();
        return new EntityCatalog(cut, fingerprint + "-" + digest(granted), appliedTenancies, grants);
    }

    private static Entity restricted(Entity entity, Set<String> granted) {
        Set<String> folded = new HashSet<>();
        granted.forEach(name -> folded.add(fold(name)));
        List<Column> columns = new ArrayList<>(entity.columns().size());
        Set<String> kept = new HashSet<>();
        for (Column column : entity.columns()) {
            boolean keep = column.isHidden()
                    || folded.contains(fold(column.name()))
                    || entity.primaryKey().contains(column.name());
            if (keep) {
                kept.add(column.name());
                columns.add(column);
            } else {
                columns.add(column.withExposure(ColumnExposure.HIDDEN, "not granted to the caller's role"));
            }
        }
        Form form = entity.form();
        Form narrowed = new Form(
                only(form.createRequired(), kept),
                only(form.createOptional(), kept),
                only(form.read(), kept),
                only(form.filter(), kept),
                only(form.update(), kept));
        return entity.withColumns(columns).withForm(narrowed);
    }

    private static List<FormField> only(List<FormField> fields, Set<String> kept) {
        return fields.stream().filter(field -> kept.contains(field.column())).toList();
    }

    private record CallerViews(String tenantColumn, EntityCatalog withTenant, EntityCatalog withoutTenant) {}

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    private static String fingerprintOf(List<Entity> entities) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Entity entity : entities) {
                digest.update(entity.toString().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) '\n');
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "EntityCatalog[" + entities.size() + " entities, fingerprint " + fingerprint + "]";
    }
}
