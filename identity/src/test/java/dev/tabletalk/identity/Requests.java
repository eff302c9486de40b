package dev.tabletalk.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.user.UserContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Builds identity requests from header pairs and reads verifications, for the verifier tests. */
final class Requests {

    private Requests() {}

    /** A POST to /chat with this body and these headers (name, value, name, value, ...; a name may repeat). */
    static IdentityRequest post(String body, String... headers) {
        Map<String, List<String>> byName = new TreeMap<>();
        for (int i = 0; i < headers.length; i += 2) {
            byName.computeIfAbsent(headers[i].toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(headers[i + 1]);
        }
        return new IdentityRequest(
                "POST",
                "/chat",
                name -> byName.get(name.toLowerCase(Locale.ROOT)),
                body.getBytes(StandardCharsets.UTF_8));
    }

    static String context(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String editorOf101() {
        return context("{\"user_id\":\"u-1001\",\"user_role\":\"editor\",\"company_id\":101}");
    }

    static UserContext verified(Verification verification) {
        assertThat(verification).isInstanceOf(Verification.Verified.class);
        return ((Verification.Verified) verification).user();
    }

    static IdentityFailure refused(Verification verification) {
        assertThat(verification).isInstanceOf(Verification.Refused.class);
        return ((Verification.Refused) verification).failure();
    }
}
