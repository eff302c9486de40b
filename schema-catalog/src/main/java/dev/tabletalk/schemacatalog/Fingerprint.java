package dev.tabletalk.schemacatalog;

import dev.tabletalk.core.catalog.Column;
import dev.tabletalk.core.catalog.Entity;
import dev.tabletalk.core.catalog.ForeignKey;
import dev.tabletalk.core.catalog.Index;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A SHA-256 fingerprint of the catalog: the options it was built with, then every name, type,
 * key, index and exposure decision, fed to the digest field by field (record {@code toString()}
 * of 30,000 columns costs hundreds of milliseconds). Reasons and forms are left out: they follow
 * from the structure and the options.
 */
final class Fingerprint {

    private Fingerprint() {}

    static String of(List<Entity> entities, String optionsBasis) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JDK", e);
        }
        digest.update(optionsBasis.getBytes(StandardCharsets.UTF_8));
        StringBuilder text = new StringBuilder(4096);
        for (Entity entity : entities) {
            text.setLength(0);
            add(
                    text,
                    entity.schema(),
                    entity.name(),
                    entity.kind().name(),
                    entity.exposure().name(),
                    entity.comment().orElse(""));
            text.append("pk").append(entity.primaryKey()).append("uk").append(entity.uniqueKeys());
            for (Column c : entity.columns()) {
                field(text, c.name());
                field(text, c.nativeType());
                field(text, c.defaultExpression().orElse(""));
                field(text, c.comment().orElse(""));
                text.append(c.type().ordinal())
                        .append(c.nullable() ? 'n' : 'N')
                        .append(c.generation().ordinal())
                        .append(c.exposure().ordinal())
                        .append(c.maxLength().orElse(-1))
                        .append(',')
                        .append(c.precision().orElse(-1))
                        .append(',')
                        .append(c.scale().orElse(-1))
                        .append(';');
                if (c.isEnum()) {
                    text.append(c.enumValues());
                }
            }
            for (Index index : entity.indexes()) {
                add(text, index.name(), index.unique() ? "unique" : "");
                text.append(index.columns());
            }
            for (ForeignKey key : entity.foreignKeys()) {
                add(text, key.name(), key.targetSchema(), key.targetEntity());
                text.append(key.columns()).append(key.targetColumns());
            }
            text.append('\n');
            digest.update(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    private static void add(StringBuilder text, String... values) {
        for (String value : values) {
            field(text, value);
        }
    }

    private static void field(StringBuilder text, String value) {
        // length-prefixed, so no value can forge a boundary
        text.append(value.length()).append(':').append(value);
    }
}
