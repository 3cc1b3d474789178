package nl.switchboard.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.Map;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * The console's log lines, secrets masked (logback-spring.xml): Spring Boot's text pattern, whose
 * message and exception the masking converters write, or, with {@code logging.structured.format.console}
 * set (ecs, logstash, gelf), Spring Boot's structured logging, one JSON object a line with the
 * CloudEvent id among its fields. Boot's JSON formatters write the message and the stack trace
 * themselves, so every string of the finished object is masked instead: after JSON's own escaping is
 * undone, so that the masking reads the text it reads in a text line, and a mask never breaks the JSON.
 */
public class MaskedLogEncoder extends EncoderBase<ILoggingEvent> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private String pattern;
    private String structuredFormat;
    private Charset charset;
    private Encoder<ILoggingEvent> encoder;

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    /** Empty for the text pattern. */
    public void setStructuredFormat(String structuredFormat) {
        this.structuredFormat = structuredFormat;
    }

    public void setCharset(Charset charset) {
        this.charset = charset;
    }

    @Override
    public void start() {
        if (structuredFormat == null || structuredFormat.isBlank()) {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(pattern);
            text.setCharset(charset);
            encoder = text;
        } else {
            StructuredLogEncoder structured = new StructuredLogEncoder();
            structured.setFormat(structuredFormat);
            structured.setCharset(charset);
            encoder = structured;
        }
        encoder.setContext(getContext());
        encoder.start();
        super.start();
    }

    @Override
    public void stop() {
        encoder.stop();
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return encoder.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        byte[] line = encoder.encode(event);
        return encoder instanceof StructuredLogEncoder ? masked(line) : line;
    }

    @Override
    public byte[] footerBytes() {
        return encoder.footerBytes();
    }

    private byte[] masked(byte[] jsonLine) {
        try {
            JsonNode object = JSON.readTree(new String(jsonLine, charset));
            return (JSON.writeValueAsString(masked(object)) + "\n").getBytes(charset);
        } catch (IOException e) {
            throw new UncheckedIOException("A structured log line that is not JSON", e);
        }
    }

    private static JsonNode masked(JsonNode node) {
        if (node instanceof TextNode text) {
            String value = text.textValue();
            String masked = SecretMasking.mask(value);
            return masked.equals(value) ? node : TextNode.valueOf(masked);
        }
        if (node instanceof ObjectNode object) {
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                field.setValue(masked(field.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, masked(array.get(i)));
            }
        }
        return node;
    }
}
