package nl.switchboard.allegro.telefoon;

import java.util.HashSet;
import java.util.Set;

import javax.xml.validation.Schema;
import javax.xml.validation.TypeInfoProvider;
import javax.xml.validation.Validator;
import javax.xml.validation.ValidatorHandler;

import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;

/**
 * A schema whose validator handlers are used again by the thread that last used them, and its validators
 * likewise ({@link ThreadReusedValidator}). JAXB asks for a new handler for every message it reads or
 * writes, and the JDK builds each from scratch (bench/p4: 4.4 % of the IVR flow's CPU, 10 % of an
 * operation's alone). The JDK's handler resets itself at every {@code startDocument}, so one that has
 * validated a document to its end can validate the next.
 *
 * <p>A handler serves one document per {@link #newValidatorHandler()}; it goes back to its thread only
 * when that document ended without an error and its caller changed no feature or property, with the
 * caller's handlers taken off. One abandoned mid-document (an invalid message) is dropped. The JDK's
 * handler keeps every namespace prefix and URI it has met in a symbol table it never empties, so one
 * that has met more than {@value #MAX_NAMESPACES} different declarations is dropped too: a caller
 * inventing prefixes cannot make it grow.
 */
final class ThreadReusedSchema extends Schema {

    static final int MAX_NAMESPACES = 32;

    private final Schema schema;
    private final ThreadLocal<IdleHandler> idle = new ThreadLocal<>();
    private final ThreadLocal<ThreadReusedValidator.IdleValidator> idleValidator = new ThreadLocal<>();

    ThreadReusedSchema(Schema schema) {
        this.schema = schema;
    }

    @Override
    public Validator newValidator() {
        return new ThreadReusedValidator(schema, idleValidator);
    }

    @Override
    public ValidatorHandler newValidatorHandler() {
        IdleHandler reusable = idle.get();
        if (reusable == null) {
            return new OneDocument(schema.newValidatorHandler(), new HashSet<>());
        }
        idle.remove();
        return new OneDocument(reusable.handler(), reusable.namespaces());
    }

    private record IdleHandler(ValidatorHandler handler, Set<String> namespaces) {
    }

    /** Hands the caller's events to the handler until its document ends, then gives the handler back. */
    private final class OneDocument extends ValidatorHandler {

        private ValidatorHandler handler;
        private final Set<String> namespaces;
        private boolean reconfigured;

        OneDocument(ValidatorHandler handler, Set<String> namespaces) {
            this.handler = handler;
            this.namespaces = namespaces;
        }

        private ValidatorHandler handler() {
            if (handler == null) {
                throw new IllegalStateException("this validator handler has validated its one document");
            }
            return handler;
        }

        @Override
        public void endDocument() throws SAXException {
            ValidatorHandler finished = handler();
            finished.endDocument();
            handler = null;
            if (!reconfigured && namespaces.size() <= MAX_NAMESPACES && idle.get() == null) {
                finished.setContentHandler(null);
                finished.setErrorHandler(null);
                finished.setResourceResolver(null);
                idle.set(new IdleHandler(finished, namespaces));
            }
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            namespaces.add(prefix + ' ' + uri);
            handler().startPrefixMapping(prefix, uri);
        }

        @Override
        public void setFeature(String name, boolean value) throws SAXNotRecognizedException, SAXNotSupportedException {
            reconfigured = true;
            handler().setFeature(name, value);
        }

        @Override
        public void setProperty(String name, Object object) throws SAXNotRecognizedException, SAXNotSupportedException {
            reconfigured = true;
            handler().setProperty(name, object);
        }

        @Override
        public boolean getFeature(String name) throws SAXNotRecognizedException, SAXNotSupportedException {
            return handler().getFeature(name);
        }

        @Override
        public Object getProperty(String name) throws SAXNotRecognizedException, SAXNotSupportedException {
            return handler().getProperty(name);
        }

        @Override
        public void setContentHandler(ContentHandler receiver) {
            handler().setContentHandler(receiver);
        }

        @Override
        public ContentHandler getContentHandler() {
            return handler().getContentHandler();
        }

        @Override
        public void setErrorHandler(ErrorHandler errorHandler) {
            handler().setErrorHandler(errorHandler);
        }

        @Override
        public ErrorHandler getErrorHandler() {
            return handler().getErrorHandler();
        }

        @Override
        public void setResourceResolver(LSResourceResolver resourceResolver) {
            handler().setResourceResolver(resourceResolver);
        }

        @Override
        public LSResourceResolver getResourceResolver() {
            return handler().getResourceResolver();
        }

        @Override
        public TypeInfoProvider getTypeInfoProvider() {
            return handler().getTypeInfoProvider();
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            handler().setDocumentLocator(locator);
        }

        @Override
        public void startDocument() throws SAXException {
            handler().startDocument();
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            handler().endPrefixMapping(prefix);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            handler().startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            handler().endElement(uri, localName, qName);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            handler().characters(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            handler().ignorableWhitespace(ch, start, length);
        }

        @Override
        public void processingInstruction(String target, String data) throws SAXException {
            handler().processingInstruction(target, data);
        }

        @Override
        public void skippedEntity(String name) throws SAXException {
            handler().skippedEntity(name);
        }
    }
}
