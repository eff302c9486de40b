package dev.tabletalk.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The environment variable of each setting: {@code TABLETALK_} and the key path in upper snake case
 * ({@code limits.maxRows} is {@code TABLETALK_LIMITS_MAX_ROWS}), plus the older names that keep working.
 */
public final class EnvironmentNames {

    /** The older names, by key path, tried after the canonical name. */
    static final Map<String, List<String>> ALIASES = Map.of(
            "database.url", List.of("TABLETALK_DB_URL"),
            "database.password", List.of("TABLETALK_DB_PASSWORD"),
            "admin.token", List.of("TABLETALK_ADMIN_TOKEN"),
            "http.auth.jwt.issuer", List.of("TABLETALK_JWT_ISSUER"),
            "http.auth.jwt.audience", List.of("TABLETALK_JWT_AUDIENCE"),
            "http.auth.jwt.secret", List.of("TABLETALK_JWT_SECRET"),
            "http.auth.jwt.jwks", List.of("TABLETALK_JWT_JWKS"),
            "http.auth.hmac.keys", List.of("TABLETALK_HMAC_KEYS"));

    /** Older names whose value is the path of a file holding the setting, by key path. */
    static final Map<String, String> FILE_ALIASES = Map.of(
            "http.auth.jwt.secret", "TABLETALK_JWT_SECRET_FILE",
            "http.auth.hmac.keys", "TABLETALK_HMAC_KEYS_FILE");

    private EnvironmentNames() {}

    /** {@code limits.maxRows} -> {@code TABLETALK_LIMITS_MAX_ROWS}. */
    public static String of(String key) {
        StringBuilder name = new StringBuilder("TABLETALK_");
        char previous = '_';
        for (char c : key.toCharArray()) {
            if (c == '.') {
                name.append('_');
            } else if (Character.isUpperCase(c) && Character.isLowerCase(previous)) {
                name.append('_').append(c);
            } else {
                name.append(Character.toUpperCase(c));
            }
            previous = c == '.' ? '_' : c;
        }
        return name.toString().toUpperCase(Locale.ROOT);
    }

    /** Every name a setting is read from, canonical first. */
    public static List<String> all(String key) {
        List<String> aliases = ALIASES.getOrDefault(key, List.of());
        if (aliases.isEmpty()) {
            return List.of(of(key));
        }
        java.util.ArrayList<String> names = new java.util.ArrayList<>();
        names.add(of(key));
        names.addAll(aliases);
        if (FILE_ALIASES.containsKey(key)) {
            names.add(FILE_ALIASES.get(key));
        }
        return List.copyOf(names);
    }
}
