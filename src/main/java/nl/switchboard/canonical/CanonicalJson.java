package nl.switchboard.canonical;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.camel.component.jackson.JacksonDataFormat;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one serializer of the canonical message. Routes refer to it as the data format {@code canonical};
 * Java code that builds event data uses the same mapper ({@code canonicalObjectMapper}).
 */
@Configuration(proxyBeanMethods = false)
public class CanonicalJson {

    /**
     * Amounts stay exact: JSON numbers with a fraction are read as BigDecimal and written without an
     * exponent, never through a binary double, and keep their scale (25.00 stays 25.00). Times are ISO-8601 with their offset, as CloudEvents asks.
     */
    @Bean
    ObjectMapper canonicalObjectMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    }

    @Bean("canonical")
    JacksonDataFormat canonicalDataFormat(ObjectMapper canonicalObjectMapper) {
        JacksonDataFormat format = new JacksonDataFormat(canonicalObjectMapper, CanonicalEvent.class);
        format.setContentTypeHeader(false);
        return format;
    }
}
