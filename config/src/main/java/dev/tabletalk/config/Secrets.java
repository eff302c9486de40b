package dev.tabletalk.config;

/** Which settings are secrets: never written in clear in the file, never shown. */
final class Secrets {

    static final String MASK = "***";

    private Secrets() {}

    /** Whether the value at this key path is a secret. */
    static boolean isSecret(String key) {
        return key.startsWith("http.auth.hmac.keys.")
                || ConfigSchema.get()
                                .setting(key)
                                .map(ConfigSchema.Setting::isSecret)
                                .orElse(false)
                        && !key.equals("http.auth.hmac.keys");
    }
}
