package nl.switchboard.belfabriek;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small XML-RPC codec, hardened (STACK.md: the maintained libraries are gone or unsafe): no DOCTYPE
 * at all, so no entities, external or expanded; a cap on size and nesting depth; the encoding the
 * request declares (iso-8859-1 or UTF-8) is honoured; values are plain Java values, never
 * deserialised objects. Answers are written in iso-8859-1, as the vendor's server writes them, with
 * characters outside it as character references.
 */
public final class XmlRpcCodec {

    static final int MAX_BYTES = 64 * 1024;
    static final int MAX_DEPTH = 32;
    private static final Charset ANSWER_CHARSET = StandardCharsets.ISO_8859_1;

    private final XMLInputFactory factory;

    public XmlRpcCodec() {
        factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
    }

    public MethodCall parseCall(InputStream body) {
        return read(body, "request", xml -> {
            nextChild(xml, 1);
            expect(xml, "methodCall");
            String methodName = null;
            List<Object> params = new ArrayList<>();
            while (nextChildOrEnd(xml, 1)) {
                switch (xml.getLocalName()) {
                    case "methodName" -> methodName = xml.getElementText().trim();
                    case "params" -> {
                        while (nextChildOrEnd(xml, 2)) {
                            expect(xml, "param");
                            nextChild(xml, 3);
                            expect(xml, "value");
                            params.add(value(xml, 4));
                            skipToEnd(xml, 2);
                        }
                    }
                    default -> throw new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, "Unexpected element <" + xml.getLocalName() + ">");
                }
            }
            if (methodName == null || methodName.isEmpty()) {
                throw new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, "No methodName");
            }
            return new MethodCall(methodName, params);
        });
    }

    /** The value of a methodResponse; a fault is thrown as {@link XmlRpcFault} with the server's code and string. */
    public Object parseResponse(InputStream body) {
        return read(body, "response", xml -> {
            nextChild(xml, 1);
            expect(xml, "methodResponse");
            nextChild(xml, 2);
            if (xml.getLocalName().equals("fault")) {
                nextChild(xml, 3);
                expect(xml, "value");
                if (value(xml, 4) instanceof Map<?, ?> fault && fault.get("faultCode") instanceof Integer code) {
                    throw new XmlRpcFault(code, String.valueOf(fault.get("faultString")));
                }
                throw new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, "A fault without faultCode");
            }
            expect(xml, "params");
            nextChild(xml, 3);
            expect(xml, "param");
            nextChild(xml, 4);
            expect(xml, "value");
            return value(xml, 5);
        });
    }

    private interface Reading<T> {
        T read(XMLStreamReader xml) throws XMLStreamException;
    }

    /** Reads a capped document; anything the parser objects to becomes a fault in XML-RPC terms. */
    private <T> T read(InputStream body, String what, Reading<T> reading) {
        byte[] bytes = readCapped(body);
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(bytes));
            try {
                return reading.read(xml);
            } finally {
                xml.close();
            }
        } catch (XmlRpcFault fault) {
            throw fault;
        } catch (XMLStreamException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            if (message.contains("encoding")) {
                throw new XmlRpcFault(XmlRpcFault.UNSUPPORTED_ENCODING, "Unsupported encoding: " + message);
            }
            throw new XmlRpcFault(XmlRpcFault.PARSE_ERROR, "Malformed XML-RPC " + what + ": " + message);
        }
    }

    /** A methodCall with one struct parameter, as the Belfabriek API takes it. */
    public byte[] call(String methodName, Map<String, ?> struct) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<methodCall>\n<methodName>");
        escape(xml, methodName);
        xml.append("</methodName>\n<params>\n<param>\n");
        writeValue(xml, struct);
        xml.append("</param>\n</params>\n</methodCall>\n");
        return xml.toString().getBytes(ANSWER_CHARSET);
    }

    /** A methodResponse with one struct parameter. */
    public byte[] response(Map<String, ?> struct) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<methodResponse>\n<params>\n<param>\n");
        writeValue(xml, struct);
        xml.append("</param>\n</params>\n</methodResponse>\n");
        return xml.toString().getBytes(ANSWER_CHARSET);
    }

    public byte[] fault(int code, String message) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>\n<methodResponse>\n<fault>\n");
        Map<String, Object> struct = new LinkedHashMap<>();
        struct.put("faultCode", code);
        struct.put("faultString", message);
        writeValue(xml, struct);
        xml.append("</fault>\n</methodResponse>\n");
        return xml.toString().getBytes(ANSWER_CHARSET);
    }

    private Object value(XMLStreamReader xml, int depth) throws XMLStreamException {
        if (depth > MAX_DEPTH) {
            throw new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, "Values nested deeper than " + MAX_DEPTH);
        }
        StringBuilder text = new StringBuilder();
        Object typed = null;
        boolean hasType = false;
        while (true) {
            int event = next(xml);
            if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                text.append(xml.getText());
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                if (hasType) {
                    throw new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, "A <value> holds one value");
                }
                hasType = true;
                typed = typed(xml, depth);
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                return hasType ? typed : text.toString();
            }
        }
    }

    private Object typed(XMLStreamReader xml, int depth) throws XMLStreamException {
        String type = xml.getLocalName();
        return switch (type) {
            case "string" -> xml.getElementText();
            case "i4", "int" -> {
                try {
                    yield Integer.valueOf(xml.getElementText().trim());
                } catch (NumberFormatException e) {
                    throw new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, "Not an integer in <" + type + ">");
                }
            }
            case "boolean" -> {
                String value = xml.getElementText().trim();
                if (!value.equals("0") && !value.equals("1")) {
                    throw new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, "A boolean is 0 or 1");
                }
                yield value.equals("1");
            }
            case "double" -> {
                try {
                    yield Double.valueOf(xml.getElementText().trim());
                } catch (NumberFormatException e) {
                    throw new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, "Not a number in <double>");
                }
            }
            case "struct" -> {
                Map<String, Object> struct = new LinkedHashMap<>();
                while (nextChildOrEnd(xml, depth + 1)) {
                    expect(xml, "member");
                    String name = null;
                    Object value = null;
                    while (nextChildOrEnd(xml, depth + 2)) {
                        if (xml.getLocalName().equals("name")) {
                            name = xml.getElementText().trim();
                        } else if (xml.getLocalName().equals("value")) {
                            value = value(xml, depth + 3);
                        } else {
                            throw new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, "Unexpected element <" + xml.getLocalName() + "> in a member");
                        }
                    }
                    if (name == null) {
                        throw new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, "A struct member without name");
                    }
                    struct.put(name, value);
                }
                yield struct;
            }
            case "array" -> {
                List<Object> array = new ArrayList<>();
                nextChild(xml, depth + 1);
                expect(xml, "data");
                while (nextChildOrEnd(xml, depth + 2)) {
                    expect(xml, "value");
                    array.add(value(xml, depth + 3));
                }
                skipToEnd(xml, depth + 1);
                yield array;
            }
            default -> throw new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, "Unsupported value type <" + type + ">");
        };
    }

    /** Moves to the next child start element; false at the parent's end element. */
    private boolean nextChildOrEnd(XMLStreamReader xml, int depth) throws XMLStreamException {
        if (depth > MAX_DEPTH) {
            throw new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, "Elements nested deeper than " + MAX_DEPTH);
        }
        while (true) {
            int event = next(xml);
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
            if ((event == XMLStreamConstants.CHARACTERS) && !xml.isWhiteSpace()) {
                throw new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, "Unexpected text between elements");
            }
        }
    }

    private void nextChild(XMLStreamReader xml, int depth) throws XMLStreamException {
        if (!nextChildOrEnd(xml, depth)) {
            throw new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, "Element missing");
        }
    }

    private void skipToEnd(XMLStreamReader xml, int depth) throws XMLStreamException {
        while (nextChildOrEnd(xml, depth)) {
            throw new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, "Unexpected element <" + xml.getLocalName() + ">");
        }
    }

    /** Every event, refusing a document type declaration wherever it comes. */
    private static int next(XMLStreamReader xml) throws XMLStreamException {
        if (!xml.hasNext()) {
            throw new XmlRpcFault(XmlRpcFault.PARSE_ERROR, "Unexpected end of the request");
        }
        int event = xml.next();
        if (event == XMLStreamConstants.DTD || event == XMLStreamConstants.ENTITY_REFERENCE) {
            throw new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, "A DOCTYPE or entity is not allowed in XML-RPC");
        }
        return event;
    }

    private static void expect(XMLStreamReader xml, String element) {
        if (!xml.getLocalName().equals(element)) {
            throw new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, "Expected <" + element + ">, found <" + xml.getLocalName() + ">");
        }
    }

    private static byte[] readCapped(InputStream body) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = body.read(buffer)) != -1) {
                bytes.write(buffer, 0, read);
                if (bytes.size() > MAX_BYTES) {
                    throw new XmlRpcFault(XmlRpcFault.INVALID_REQUEST, "Request larger than " + MAX_BYTES + " bytes");
                }
            }
            if (bytes.size() == 0) {
                throw new XmlRpcFault(XmlRpcFault.PARSE_ERROR, "Empty request");
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new XmlRpcFault(XmlRpcFault.PARSE_ERROR, "Request could not be read");
        }
    }

    private static void writeValue(StringBuilder xml, Object value) {
        xml.append("<value>");
        if (value instanceof Map<?, ?> struct) {
            xml.append("<struct>\n");
            struct.forEach((name, member) -> {
                xml.append("<member><name>");
                escape(xml, name.toString());
                xml.append("</name>");
                writeValue(xml, member);
                xml.append("</member>\n");
            });
            xml.append("</struct>");
        } else if (value instanceof Integer number) {
            xml.append("<i4>").append(number).append("</i4>");
        } else if (value instanceof Boolean flag) {
            xml.append("<boolean>").append(flag ? 1 : 0).append("</boolean>");
        } else {
            xml.append("<string>");
            escape(xml, value == null ? "" : value.toString());
            xml.append("</string>");
        }
        xml.append("</value>\n");
    }

    private static void escape(StringBuilder xml, String text) {
        CharsetEncoder latin1 = ANSWER_CHARSET.newEncoder();
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> xml.append("&lt;");
                case '>' -> xml.append("&gt;");
                case '&' -> xml.append("&amp;");
                case '"' -> xml.append("&quot;");
                default -> {
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
                        return; // not allowed in XML 1.0
                    }
                    if (Character.isBmpCodePoint(c) && latin1.canEncode((char) c)) {
                        xml.append((char) c);
                    } else {
                        xml.append("&#").append(c).append(';');
                    }
                }
            }
        });
    }
}
