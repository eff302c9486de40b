package dev.tabletalk.schemacatalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in rules that tell from a column's name alone that it holds a secret (hidden) or
 * personal data (masked). Matching is word-aware: a name is split into words (snake_case,
 * camelCase, kebab-case, and letters apart from digits, so {@code cvv2} is cvv) and the rules
 * look at whole words and at adjacent pairs of words, never at substrings. So {@code passenger},
 * {@code passage}, {@code compass}, {@code business}, {@code single}, {@code author} and
 * {@code tokenizer_name} stay visible.
 *
 * <p>Decisions that need judgement, made on purpose:
 * <ul>
 *   <li>{@code session} alone is no secret ({@code session_count}, {@code session_length}); the
 *       identifier of a session is ({@code session_id}, {@code session_key}, {@code sessionid}).
 *   <li>{@code pass}, {@code cookie}, {@code auth} and {@code authorization} are secrets as the
 *       last word, the thing the column holds ({@code db_pass}, {@code auth_cookie}), not as a
 *       qualifier ({@code pass_rate}, {@code cookie_consent}, {@code auth_method},
 *       {@code authorization_status}); a travel or ticket pass ({@code boarding_pass}) is no secret.
 *   <li>{@code key} and {@code code} are secrets only after a word that makes them one
 *       ({@code stripe_key}, {@code reset_code}), never alone ({@code sort_key}, {@code postal_code}).
 *   <li>Names written as one lower-case word ({@code userpassword}, {@code resetcode},
 *       {@code sessionid}) are caught for the pairs above and for password, passwd, secret, api key
 *       and private key anywhere in the name ({@code secretary} excepted).
 * </ul>
 * Plain loops and hash sets, no regular expressions: this runs for every column of every load.
 */
final class SensitiveNames {

    private SensitiveNames() {}

    /** Words that mark a column as a secret wherever they stand in its name. */
    private static final Set<String> SECRET_WORDS = Set.of(
            "password",
            "passwords",
            "passwd",
            "pwd",
            "pwds",
            "pw",
            "passcode",
            "passcodes",
            "passphrase",
            "hash",
            "hashed",
            "salt",
            "secret",
            "secrets",
            "token",
            "tokens",
            "otp",
            "totp",
            "hotp",
            "credential",
            "credentials",
            "apikey",
            "apikeys",
            "privatekey",
            "cvv",
            "cvc",
            "cvn",
            "pin",
            "jwt",
            "jwts",
            "bearer",
            "ciphertext",
            "sessionid",
            "sessid");

    /** Words that are secrets when they are the last word: what the column holds. */
    private static final Set<String> SECRET_NOUNS = Set.of("pass", "cookie", "cookies", "auth", "authorization");

    /** Words before {@code pass} that make it a ticket rather than a secret. */
    private static final Set<String> TICKET_WORDS = Set.of("boarding", "bus", "season", "day", "ski", "free", "hall");

    /** Word pairs (first word -> the second words it makes a secret): stripe key, reset code, mfa seed. */
    private static final Map<String, Set<String>> SECRET_PAIRS = pairs(Map.of(
            Set.of("key", "keys"),
                    Set.of(
                            "api",
                            "private",
                            "access",
                            "secret",
                            "signing",
                            "sign",
                            "encryption",
                            "encrypt",
                            "decryption",
                            "ssh",
                            "stripe",
                            "hmac",
                            "shared",
                            "master",
                            "aws",
                            "gpg",
                            "pgp",
                            "rsa",
                            "client",
                            "app",
                            "session",
                            "auth",
                            "webhook",
                            "license",
                            "licence",
                            "recovery",
                            "crypto",
                            "root",
                            "deploy",
                            "mfa"),
            Set.of("code", "codes"),
                    Set.of(
                            "reset",
                            "auth",
                            "verification",
                            "verify",
                            "recovery",
                            "backup",
                            "security",
                            "confirmation",
                            "confirm",
                            "activation",
                            "mfa",
                            "sms",
                            "login",
                            "access",
                            "unlock",
                            "pairing",
                            "authorization",
                            "authentication"),
            Set.of("answer", "answers"), Set.of("security", "secret"),
            Set.of("seed"), Set.of("mfa", "authenticator", "wallet", "mnemonic", "recovery"),
            Set.of("id", "key", "data", "payload"), Set.of("session"),
            Set.of("value", "data", "string", "header"), Set.of("cookie", "authorization", "auth")));

    /** A word before any other word that makes what follows a secret: encrypted_data, encrypted_ssn. */
    private static final Set<String> SECRET_PREFIXES = Set.of("encrypted");

    /** Names written as one word that are the pairs above: resetcode, stripekey, sessionid. */
    private static final Set<String> SECRET_COMPOUNDS = compounds(SECRET_PAIRS);

    /** Words that mark personal data wherever they stand: shown masked. */
    private static final Set<String> PERSONAL_WORDS = Set.of(
            "passport",
            "passports",
            "ssn",
            "sin",
            "nino",
            "dob",
            "birthday",
            "birthdate",
            "birth",
            "salary",
            "salaries",
            "wage",
            "wages",
            "iban");

    /** Word pairs that mark personal data: national insurance, driver license, social security. */
    private static final Map<String, Set<String>> PERSONAL_PAIRS = pairs(Map.of(
            Set.of("insurance", "id"), Set.of("national"),
            Set.of("security"), Set.of("social"),
            Set.of("license", "licence", "licenses", "licences"), Set.of("driver", "drivers", "driving"),
            Set.of("id", "number"), Set.of("tax", "taxpayer")));

    private static final Set<String> PERSONAL_COMPOUNDS = compounds(PERSONAL_PAIRS);

    /** Lower-case one-word spellings of two-factor authentication, read as {@code mfa}. */
    private static final Map<String, String> ALIASES = Map.of("2fa", "mfa", "twofa", "mfa", "tfa", "mfa");

    /** Why the name says the column holds a secret (e.g. {@code "stripe key"}), or null. */
    static String secret(String columnName, Names.Cache names) {
        List<String> words = parts(names.words(columnName));
        int last = words.size() - 1;
        for (int i = 0; i <= last; i++) {
            String word = words.get(i);
            String previous = i > 0 ? words.get(i - 1) : "";
            if (SECRET_WORDS.contains(word) || SECRET_COMPOUNDS.contains(word)) {
                return word;
            }
            if (i == last && SECRET_NOUNS.contains(word) && !(word.equals("pass") && TICKET_WORDS.contains(previous))) {
                return word;
            }
            if (i < last && SECRET_PREFIXES.contains(word)) {
                return word + " " + words.get(i + 1);
            }
            if (i > 0 && SECRET_PAIRS.getOrDefault(word, Set.of()).contains(previous)) {
                return previous + " " + word;
            }
        }
        return squashedSecret(names.squash(columnName));
    }

    /** Why the name says the column holds personal data (e.g. {@code "driver license"}), or null. */
    static String personal(String columnName, Names.Cache names) {
        List<String> words = parts(names.words(columnName));
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (PERSONAL_WORDS.contains(word) || PERSONAL_COMPOUNDS.contains(word)) {
                return word;
            }
            if (i > 0 && PERSONAL_PAIRS.getOrDefault(word, Set.of()).contains(words.get(i - 1))) {
                return words.get(i - 1) + " " + word;
            }
        }
        return null;
    }

    /** The safety net for names in one word: userpassword, myapikey, clientsecret (not secretary). */
    private static String squashedSecret(String squashed) {
        for (String fragment : List.of("password", "passwd", "apikey", "privatekey")) {
            if (squashed.contains(fragment)) {
                return fragment;
            }
        }
        int secret = squashed.indexOf("secret");
        if (secret >= 0 && !squashed.startsWith("ar", secret + "secret".length())) {
            return "secret";
        }
        if (squashed.endsWith("token") || squashed.endsWith("tokens") || squashed.endsWith("hash")) {
            return squashed.endsWith("hash") ? "hash" : "token";
        }
        return null;
    }

    /** Words with letters and digits apart and the digits dropped: cvv2 -> cvv, sha256 -> sha; 2fa -> mfa. */
    static List<String> parts(List<String> words) {
        List<String> parts = new ArrayList<>(words.size() + 1);
        for (String word : words) {
            String alias = ALIASES.get(word);
            if (alias != null) {
                parts.add(alias);
                continue;
            }
            int start = -1;
            for (int i = 0; i <= word.length(); i++) {
                boolean letter = i < word.length() && !Character.isDigit(word.charAt(i));
                if (letter && start < 0) {
                    start = i;
                } else if (!letter && start >= 0) {
                    parts.add(word.substring(start, i));
                    start = -1;
                }
            }
        }
        return parts;
    }

    /** second word -> first words, from (second words, first words) entries. */
    private static Map<String, Set<String>> pairs(Map<Set<String>, Set<String>> entries) {
        HashMap<String, Set<String>> pairs = new HashMap<>();
        entries.forEach((seconds, firsts) -> seconds.forEach(
                second -> pairs.computeIfAbsent(second, k -> new HashSet<>()).addAll(firsts)));
        HashMap<String, Set<String>> frozen = new HashMap<>();
        pairs.forEach((second, firsts) -> frozen.put(second, Set.copyOf(firsts)));
        return Map.copyOf(frozen);
    }

    private static Set<String> compounds(Map<String, Set<String>> pairs) {
        Set<String> compounds = new HashSet<>();
        pairs.forEach((second, firsts) -> firsts.forEach(first -> compounds.add(first + second)));
        return Set.copyOf(compounds);
    }
}
