package nl.switchboard.allegro.telefoon;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.transform.Result;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;

import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;

/**
 * A validator that checks each DOM node with the JDK validator its thread used last. CXF asks its schema
 * for a new validator for every SOAP header it checks (the TelefoonService's sessionguid, three of an IVR
 * flow's four calls), and the JDK builds each from scratch (bench/p4: GetKlant alone took 307-323 µs of
 * CPU a call with a new validator per header, 249-252 µs with this).
 *
 * <p>A JDK validator starts every validation afresh, so it can serve one caller after another. It goes
 * back to its thread after a validation that ended without an error, with the caller's handlers taken
 * off; one that failed is dropped. It keeps every name it has met (of elements, attributes and namespaces,
 * and the attributes of the node's ancestors, where it looks for namespace declarations) in a symbol table
 * it never empties, so one that has met more than {@value #MAX_NAMES} different names is dropped too. A
 * caller that changes a feature or property, or validates anything but a DOM node, gets a validator of its
 * own.
 */
final class ThreadReusedValidator extends Validator {

    static final int MAX_NAMES = 64;

    private final Schema schema;
    private final ThreadLocal<IdleValidator> idle;
    private ErrorHandler errorHandler;
    private LSResourceResolver resourceResolver;
    private Validator own;

    ThreadReusedValidator(Schema schema, ThreadLocal<IdleValidator> idle) {
        this.schema = schema;
        this.idle = idle;
    }

    /** A validator waiting for its thread's next validation, with the names it has met. */
    record IdleValidator(Validator validator, Set<String> names) {
    }

    @Override
    public void validate(Source source, Result result) throws SAXException, IOException {
        if (own != null || !(source instanceof DOMSource dom) || dom.getNode() == null) {
            own().validate(source, result);
            return;
        }
        IdleValidator reusable = idle.get();
        idle.remove();
        Validator validator = reusable == null ? schema.newValidator() : reusable.validator();
        Set<String> names = reusable == null ? new HashSet<>() : reusable.names();
        collectNames(dom.getNode(), names);
        validator.setErrorHandler(errorHandler);
        validator.setResourceResolver(resourceResolver);
        validator.validate(source, result);
        validator.setErrorHandler(null);
        validator.setResourceResolver(null);
        if (names.size() <= MAX_NAMES && idle.get() == null) {
            idle.set(new IdleValidator(validator, names));
        }
    }

    private Validator own() {
        if (own == null) {
            own = schema.newValidator();
            own.setErrorHandler(errorHandler);
            own.setResourceResolver(resourceResolver);
        }
        return own;
    }

    private static void collectNames(Node node, Set<String> names) {
        for (Node ancestor = node.getParentNode(); ancestor != null && names.size() <= MAX_NAMES;
             ancestor = ancestor.getParentNode()) {
            NamedNodeMap attributes = ancestor.getAttributes();
            for (int i = 0; attributes != null && i < attributes.getLength(); i++) {
                names.add(attributes.item(i).getNodeName());
                names.add(attributes.item(i).getNodeValue());
            }
        }
        collectNamesBelow(node, names);
    }

    private static void collectNamesBelow(Node node, Set<String> names) {
        if (names.size() > MAX_NAMES) {
            return;
        }
        if (node.getNodeType() == Node.ELEMENT_NODE || node.getNodeType() == Node.ATTRIBUTE_NODE) {
            names.add(node.getNodeName());
            if (node.getNamespaceURI() != null) {
                names.add(node.getNamespaceURI());
            }
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(node.getNamespaceURI())) {
                names.add(node.getNodeValue());
            }
        }
        NamedNodeMap attributes = node.getAttributes();
        for (int i = 0; attributes != null && i < attributes.getLength(); i++) {
            collectNamesBelow(attributes.item(i), names);
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            collectNamesBelow(child, names);
        }
    }

    @Override
    public void reset() {
        errorHandler = null;
        resourceResolver = null;
        own = null;
    }

    @Override
    public void setErrorHandler(ErrorHandler errorHandler) {
        this.errorHandler = errorHandler;
        if (own != null) {
            own.setErrorHandler(errorHandler);
        }
    }

    @Override
    public ErrorHandler getErrorHandler() {
        return errorHandler;
    }

    @Override
    public void setResourceResolver(LSResourceResolver resourceResolver) {
        this.resourceResolver = resourceResolver;
        if (own != null) {
            own.setResourceResolver(resourceResolver);
        }
    }

    @Override
    public LSResourceResolver getResourceResolver() {
        return resourceResolver;
    }

    @Override
    public void setFeature(String name, boolean value) throws SAXNotRecognizedException, SAXNotSupportedException {
        own().setFeature(name, value);
    }

    @Override
    public boolean getFeature(String name) throws SAXNotRecognizedException, SAXNotSupportedException {
        return own().getFeature(name);
    }

    @Override
    public void setProperty(String name, Object object) throws SAXNotRecognizedException, SAXNotSupportedException {
        own().setProperty(name, object);
    }

    @Override
    public Object getProperty(String name) throws SAXNotRecognizedException, SAXNotSupportedException {
        return own().getProperty(name);
    }
}
