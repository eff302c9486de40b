package dev.tabletalk.httpjavalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.reply.ReplyWire;
import dev.tabletalk.jsonsupport.StrictJson;
import dev.tabletalk.testkit.fixtures.WireSamples;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void decimalsArePrintedPlainAsTheCliPrintsThem() {
        String json =
                new String(StrictJson.write(ReplyWire.toMap(WireSamples.decimalsReply())), StandardCharsets.UTF_8);

        // the CLI's TableTalkCliTest expects the same text for the same reply
        assertThat(json).contains(WireSamples.DECIMAL_ROWS_JSON);
    }
}
