package dev.tabletalk.statejdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tabletalk.core.error.ConfigurationException;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SharedKeyTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String URL = "jdbc:postgresql://db:5432/shop?user=ada&password=Hush-42";

    @Test
    void aSealedUrlOpensWithTheSameKeyOnlyAndRevealsNothing() {
        SharedKey key = SharedKey.fromBase64(KEY);
        String sealed = key.seal(URL);

        assertThat(sealed).startsWith("v1:").doesNotContain("Hush-42").doesNotContain("db:5432");
        assertThat(key.seal(URL)).as("a fresh nonce every time").isNotEqualTo(sealed);
        assertThat(SharedKey.fromBase64(KEY).open(sealed)).isEqualTo(URL);

        byte[] other = new byte[32];
        other[0] = 1;
        SharedKey otherKey = SharedKey.fromBase64(Base64.getEncoder().encodeToString(other));
        assertThatThrownBy(() -> otherKey.open(sealed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another sharedState.key");
        String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A=") ? "B=" : "A=");
        assertThatThrownBy(() -> key.open(tampered)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> key.open(URL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aKeyIsThirtyTwoBytesOfBase64AndNeverShown() {
        assertThatThrownBy(() -> SharedKey.fromBase64(Base64.getEncoder().encodeToString(new byte[16])))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> SharedKey.fromBase64("not base64 at all!"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining("not base64 at all!");
        assertThat(SharedKey.fromBase64(KEY).toString()).doesNotContain(KEY);
    }
}
