package nl.switchboard.allegro.telefoon;

import java.io.StringReader;
import java.util.concurrent.atomic.AtomicInteger;

import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import javax.xml.validation.ValidatorHandler;

/**
 * A JDK schema of one withdrawal ({@link #VALID}), as the bus wraps the TelefoonService's, counting the
 * validators and validator handlers it builds.
 */
final class CountingSchema extends Schema {

    static final String VALID = "<t:Opname xmlns:t='urn:t'><t:Bedrag>25.00</t:Bedrag></t:Opname>";
    static final String INVALID = "<t:Opname xmlns:t='urn:t'><t:Bedrag>1.234</t:Bedrag></t:Opname>";

    private final Schema schema;
    final AtomicInteger handlers = new AtomicInteger();
    final AtomicInteger validators = new AtomicInteger();

    CountingSchema() {
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            schema = factory.newSchema(new StreamSource(new StringReader("""
                    <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="urn:t" elementFormDefault="qualified">
                      <xs:element name="Opname"><xs:complexType><xs:sequence>
                        <xs:element name="Bedrag"><xs:simpleType><xs:restriction base="xs:decimal">
                          <xs:fractionDigits value="2"/></xs:restriction></xs:simpleType></xs:element>
                      </xs:sequence></xs:complexType></xs:element>
                    </xs:schema>""")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Validator newValidator() {
        validators.incrementAndGet();
        return schema.newValidator();
    }

    @Override
    public ValidatorHandler newValidatorHandler() {
        handlers.incrementAndGet();
        return schema.newValidatorHandler();
    }
}
