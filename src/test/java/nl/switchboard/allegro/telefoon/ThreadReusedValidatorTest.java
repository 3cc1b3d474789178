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

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Validator;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;

/**
 * The reusing schema's validators around the JDK's own, given an element of a larger document as CXF
 * gives the SOAP header it checks.
 */
class ThreadReusedValidatorTest {

    private final CountingSchema built = new CountingSchema();
    private final ThreadReusedSchema schema = new ThreadReusedSchema(built);

    @Test
    void aThreadValidatesNodeAfterNodeWithOneValidator() throws Exception {
        for (int header = 0; header < 3; header++) {
            schema.newValidator().validate(header(VALID));
        }

        assertThat(built.validators).hasValue(1);
    }

    @Test
    void aValidatorThatFoundAnErrorIsNotUsedAgainAndTheNextStillFindsErrors() throws Exception {
        schema.newValidator().validate(header(VALID));
        assertThatThrownBy(() -> schema.newValidator().validate(header(INVALID))).isInstanceOf(SAXParseException.class);

        assertThatCode(() -> schema.newValidator().validate(header(VALID))).doesNotThrowAnyException();
        assertThat(built.validators).hasValue(2);
        assertThatThrownBy(() -> schema.newValidator().validate(header(INVALID))).isInstanceOf(SAXParseException.class);
    }

    @Test
    void theNextCallerGetsNoneOfThePreviousCallersHandlers() throws Exception {
        List<String> ignored = new ArrayList<>();
        Validator first = schema.newValidator();
        first.setErrorHandler(new IgnoringErrors(ignored));
        first.validate(header(INVALID));
        List<String> ignoredByFirst = List.copyOf(ignored);
        assertThat(ignoredByFirst).isNotEmpty();

        assertThatThrownBy(() -> schema.newValidator().validate(header(INVALID))).isInstanceOf(SAXParseException.class);
        assertThat(ignored).isEqualTo(ignoredByFirst);
        assertThat(built.validators).hasValue(1);
    }

    @Test
    void aValidatorThatMetTooManyNamesIsDropped() throws Exception {
        // seven names besides the declarations' two each: xmlns:e and urn:e on the envelope, and t:Opname,
        // t:Bedrag, xmlns:t, urn:t and the namespace of declarations in the header
        int declarations = (ThreadReusedValidator.MAX_NAMES - 7) / 2;
        schema.newValidator().validate(header(declaredOnTheEnvelope(declarations)));
        schema.newValidator().validate(header(VALID));
        assertThat(built.validators).as("%d names", 7 + 2 * declarations).hasValue(1);

        schema.newValidator().validate(header(declaredOnTheEnvelope(1 + declarations)));
        schema.newValidator().validate(header(VALID));
        assertThat(built.validators).as("one more").hasValue(2);
    }

    @Test
    void aCallerThatChangesAFeatureOrValidatesAStreamHasAValidatorOfItsOwn() throws Exception {
        Validator reconfigured = schema.newValidator();
        reconfigured.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        reconfigured.validate(header(VALID));
        Validator streaming = schema.newValidator();
        streaming.validate(new StreamSource(new StringReader(VALID)));
        assertThatThrownBy(() -> streaming.validate(new StreamSource(new StringReader(INVALID))))
                .isInstanceOf(SAXParseException.class);

        schema.newValidator().validate(header(VALID));
        schema.newValidator().validate(header(VALID));

        assertThat(built.validators).hasValue(3);
    }

    @Test
    void eachThreadHasItsOwnValidator() throws Exception {
        ExecutorService otherThread = Executors.newSingleThreadExecutor();
        try {
            schema.newValidator().validate(header(VALID));
            otherThread.submit(() -> {
                schema.newValidator().validate(header(VALID));
                return null;
            }).get();
            schema.newValidator().validate(header(VALID));
            otherThread.submit(() -> {
                schema.newValidator().validate(header(VALID));
                return null;
            }).get();
        } finally {
            otherThread.shutdown();
        }

        assertThat(built.validators).hasValue(2);
    }

    /** An envelope whose own namespace declarations the validator reads as those of the header's context. */
    private static String declaredOnTheEnvelope(int declarations) {
        return "<e:Envelope xmlns:e='urn:e'" + IntStream.rangeClosed(1, declarations)
                .mapToObj(n -> " xmlns:p" + n + "='urn:p" + n + "'").collect(Collectors.joining())
                + ">" + VALID + "</e:Envelope>";
    }

    /** The document's Opname element, as a DOM source within its document. */
    private static DOMSource header(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
        Element opname = (Element) document.getElementsByTagNameNS("urn:t", "Opname").item(0);
        return new DOMSource(opname);
    }

    private record IgnoringErrors(List<String> ignored) implements ErrorHandler {
        @Override
        public void warning(SAXParseException exception) {
        }

        @Override
        public void error(SAXParseException exception) {
            ignored.add(exception.getMessage());
        }

        @Override
        public void fatalError(SAXParseException exception) {
            ignored.add(exception.getMessage());
        }
    }
}
