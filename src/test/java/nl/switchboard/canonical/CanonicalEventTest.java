package nl.switchboard.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class CanonicalEventTest {

    private final ObjectMapper mapper = new CanonicalJson().canonicalObjectMapper();

    @Test
    void theSameFactGetsTheSameIdAndAnotherFactAnother() {
        String first = CanonicalEvent.factId("/flexfone", "call.answered", "call-1");
        assertThat(CanonicalEvent.factId("/flexfone", "call.answered", "call-1")).isEqualTo(first);
        assertThat(CanonicalEvent.factId("/flexfone", "call.ended", "call-1")).isNotEqualTo(first);
        assertThat(CanonicalEvent.factId("/flexfone", "call.answered", "call-2")).isNotEqualTo(first);
        assertThat(CanonicalEvent.factId("/other", "call.answered", "call-1")).isNotEqualTo(first);
    }

    @Test
    void serialisesAsAStructuredCloudEventWithExactAmounts() throws Exception {
        CanonicalEvent event = CanonicalEvent.of("/allegro/telefoon", "allegro.withdrawal.requested", "mutation-7",
                "4599", OffsetDateTime.parse("2026-11-22T14:00:00+01:00"),
                mapper.valueToTree(Map.of("amount", new BigDecimal("25.00"))));

        String json = mapper.writeValueAsString(event);

        assertThat(json).isEqualTo("{\"specversion\":\"1.0\",\"id\":\"" + event.id() + "\","
                + "\"source\":\"/allegro/telefoon\",\"type\":\"allegro.withdrawal.requested\","
                + "\"time\":\"2026-11-22T14:00:00+01:00\",\"subject\":\"4599\","
                + "\"datacontenttype\":\"application/json\",\"data\":{\"amount\":25.00}}");
        CanonicalEvent read = mapper.readValue(json, CanonicalEvent.class);
        assertThat(read).isEqualTo(event);
        assertThat(read.data().get("amount").decimalValue()).isEqualByComparingTo("25.00");
        assertThat(read.data().get("amount").decimalValue().scale()).isEqualTo(2);
    }

    @Test
    void refusesAnEnvelopeWithoutTheRequiredAttributes() {
        assertThatThrownBy(() -> mapper.readValue("{\"specversion\":\"1.0\",\"source\":\"/x\",\"type\":\"t\"}",
                CanonicalEvent.class)).hasMessageContaining("CloudEvent id");
        assertThatThrownBy(() -> mapper.readValue("{\"specversion\":\"0.3\",\"id\":\"1\",\"source\":\"/x\",\"type\":\"t\"}",
                CanonicalEvent.class)).hasMessageContaining("specversion");
    }
}
