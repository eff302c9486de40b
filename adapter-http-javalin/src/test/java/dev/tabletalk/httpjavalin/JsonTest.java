package dev.tabletalk.httpjavalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tabletalk.core.conversation.Stage;
import dev.tabletalk.core.reply.Reply;
import dev.tabletalk.core.reply.ReplyPart;
import dev.tabletalk.core.reply.ReplyWire;
import dev.tabletalk.core.rows.RowSet;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void decimalsArePrintedPlainAsTheCliPrintsThem() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("tiny", new BigDecimal("1.2E-7"));
        row.put("large", new BigDecimal("1E+21"));
        Reply reply = new Reply("s_1", Stage.IDLE, "Decimals.", List.of(
                new ReplyPart.Rows("rates", new RowSet(List.of("tiny", "large"), List.of(row), false))));

        String json = new String(Json.write(ReplyWire.toMap(reply)), StandardCharsets.UTF_8);

        // the same text the CLI's TableTalkCliTest expects for the same row
        assertThat(json).contains("\"rows\":[{\"tiny\":0.00000012,\"large\":1000000000000000000000}]");
    }
}
