package nl.switchboard.allegro.telefoon;

import static nl.switchboard.allegro.telefoon.CountingSchema.INVALID;
import static nl.switchboard.allegro.telefoon.CountingSchema.VALID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import javax.xml.parsers.SAXParserFactory;
import javax.xml.validation.ValidatorHandler;

import org.junit.jupiter.api.Test;
import org.xml.sax.Attributes;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/** The reusing schema around the JDK's own validation, its handlers fed by a SAX parser as JAXB feeds them. */
class ThreadReusedSchemaTest {

    private final CountingSchema built = new CountingSchema();
    private final ThreadReusedSchema schema = new ThreadReusedSchema(built);

    @Test
    void aThreadValidatesDocumentAfterDocumentWithOneHandler() throws Exception {
        for (int document = 0; document < 3; document++) {
            validate(schema.newValidatorHandler(), VALID);
        }

        assertThat(built.handlers).hasValue(1);
    }

    @Test
    void aHandlerLeftInTheMiddleOfAnInvalidDocumentIsNotUsedAgain() throws Exception {
        validate(schema.newValidatorHandler(), VALID);
        assertThatThrownBy(() -> validate(schema.newValidatorHandler(), INVALID)).isInstanceOf(SAXParseException.class);

        assertThatCode(() -> validate(schema.newValidatorHandler(), VALID)).doesNotThrowAnyException();
        assertThat(built.handlers).hasValue(2);
        assertThatThrownBy(() -> validate(schema.newValidatorHandler(), INVALID)).isInstanceOf(SAXParseException.class);
    }

    @Test
    void aHandlerInUseIsNotHandedOutAgain() throws Exception {
        validate(schema.newValidatorHandler(), VALID);

        ValidatorHandler first = schema.newValidatorHandler();
        ValidatorHandler second = schema.newValidatorHandler();
        first.startDocument();
        validate(second, VALID);
        first.endDocument();

        assertThat(built.handlers).hasValue(2);
    }

    @Test
    void aHandlerServesOneDocument() throws Exception {
        ValidatorHandler handler = schema.newValidatorHandler();
        validate(handler, VALID);

        assertThatThrownBy(handler::startDocument).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theNextCallerGetsNoneOfThePreviousCallersHandlers() throws Exception {
        ValidatorHandler lenient = schema.newValidatorHandler();
        List<String> elementsSeen = new ArrayList<>();
        lenient.setContentHandler(new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes) {
                elementsSeen.add(localName);
            }
        });
        lenient.setErrorHandler(new IgnoringErrors());
        validate(lenient, INVALID);

        assertThatThrownBy(() -> validate(schema.newValidatorHandler(), INVALID)).isInstanceOf(SAXParseException.class);
        assertThat(elementsSeen).containsExactly("Opname", "Bedrag");
        assertThat(built.handlers).hasValue(1);
    }

    @Test
    void aHandlerThatMetTooManyNamespacesIsDropped() throws Exception {
        validate(schema.newValidatorHandler(), VALID.replace("<t:Opname ", "<t:Opname" + declarations(2, ThreadReusedSchema.MAX_NAMESPACES) + " "));
        validate(schema.newValidatorHandler(), VALID);
        assertThat(built.handlers).as("t and %d more", ThreadReusedSchema.MAX_NAMESPACES - 1).hasValue(1);

        validate(schema.newValidatorHandler(), VALID.replace("<t:Opname ", "<t:Opname" + declarations(1, 1) + " "));
        validate(schema.newValidatorHandler(), VALID);
        assertThat(built.handlers).as("one more").hasValue(2);
    }

    @Test
    void aHandlerWhoseCallerChangedAFeatureIsDropped() throws Exception {
        ValidatorHandler reconfigured = schema.newValidatorHandler();
        reconfigured.setFeature("http://xml.org/sax/features/namespace-prefixes", true);
        validate(reconfigured, VALID);

        validate(schema.newValidatorHandler(), VALID);

        assertThat(built.handlers).hasValue(2);
    }

    @Test
    void eachThreadHasItsOwnHandler() throws Exception {
        ExecutorService otherThread = Executors.newSingleThreadExecutor();
        try {
            validate(schema.newValidatorHandler(), VALID);
            otherThread.submit(() -> validate(schema.newValidatorHandler(), VALID)).get();
            validate(schema.newValidatorHandler(), VALID);
            otherThread.submit(() -> validate(schema.newValidatorHandler(), VALID)).get();
        } finally {
            otherThread.shutdown();
        }

        assertThat(built.handlers).hasValue(2);
    }

    private static String declarations(int first, int last) {
        return IntStream.rangeClosed(first, last).mapToObj(n -> " xmlns:p" + n + "='urn:p" + n + "'").collect(Collectors.joining());
    }

    private static Void validate(ValidatorHandler handler, String xml) throws Exception {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        XMLReader reader = factory.newSAXParser().getXMLReader();
        reader.setContentHandler(handler);
        reader.parse(new InputSource(new StringReader(xml)));
        return null;
    }

    private static final class IgnoringErrors implements ErrorHandler {
        @Override
        public void warning(SAXParseException exception) {
        }

        @Override
        public void error(SAXParseException exception) {
        }

        @Override
        public void fatalError(SAXParseException exception) {
        }
    }
}
