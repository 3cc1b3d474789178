package nl.switchboard.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;

/**
 * Structured (JSON) log lines, masked as the text lines are (SecretMaskingTest, through the bus's own
 * logging configuration): in the message, in the exception and its stack, and still JSON.
 */
class MaskedLogEncoderTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyFieldOfAJsonLineIsMaskedAndTheLineStaysJsonWithTheEventId() throws Exception {
        LoggerContext context = new LoggerContext();
        // Spring Boot's JSON formatters read the application's name and version from it
        context.putObject(Environment.class.getName(), new MockEnvironment().withProperty("spring.application.name", "switchboard"));
        MaskedLogEncoder encoder = new MaskedLogEncoder();
        encoder.setContext(context);
        encoder.setStructuredFormat("ecs");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger("switchboard.test"), Level.WARN,
                "login \"quoted\" password=Geheim123! for ivr", new IllegalStateException("refused hash=abc123def"), null);
        event.setMDCPropertyMap(Map.of("ce_id", "0b0f1c2d"));

        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);

        assertThat(line).endsWith("}\n").doesNotContain("Geheim123!", "abc123def");
        JsonNode fields = json.readTree(line);
        assertThat(fields.path("message").asText()).isEqualTo("login \"quoted\" password=**** for ivr");
        assertThat(fields.at("/error/message").asText()).isEqualTo("refused hash=****");
        assertThat(fields.at("/error/stack_trace").asText()).contains("IllegalStateException: refused hash=****",
                "at nl.switchboard.ops.MaskedLogEncoderTest");
        assertThat(fields.path("ce_id").asText()).isEqualTo("0b0f1c2d");
        assertThat(fields.at("/log/level").asText()).isEqualTo("WARN");
    }
}
