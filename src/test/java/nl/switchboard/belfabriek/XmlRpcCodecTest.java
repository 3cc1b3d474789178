package nl.switchboard.belfabriek;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class XmlRpcCodecTest {

    private final XmlRpcCodec codec = new XmlRpcCodec();

    @Test
    void readsAStructOfStringsInTheDeclaredIso88591Encoding() {
        MethodCall call = parse("""
                <?xml version="1.0" encoding="iso-8859-1"?>
                <methodCall><methodName>ivr.getAgentAvail</methodName><params><param><value><struct>
                <member><name>accountCode</name><value><string>Zoë Müller</string></value></member>
                <member><name>extensionId</name><value>201</value></member>
                </struct></value></param></params></methodCall>""", StandardCharsets.ISO_8859_1);

        assertThat(call.methodName()).isEqualTo("ivr.getAgentAvail");
        assertThat(call.params()).containsExactly(Map.of("accountCode", "Zoë Müller", "extensionId", "201"));
    }

    @Test
    void readsUtf8AndTheOtherValueTypes() {
        MethodCall call = parse("""
                <?xml version="1.0" encoding="UTF-8"?>
                <methodCall><methodName>x</methodName><params>
                <param><value><string>Zoë</string></value></param>
                <param><value><i4>7</i4></value></param>
                <param><value><boolean>1</boolean></value></param>
                <param><value><array><data><value><int>1</int></value><value>two</value></data></array></value></param>
                </params></methodCall>""", StandardCharsets.UTF_8);

        assertThat(call.params()).containsExactly("Zoë", 7, true, List.of(1, "two"));
    }

    @Test
    void refusesExternalEntities() {
        assertFault("""
                <?xml version="1.0"?><!DOCTYPE m [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <methodCall><methodName>&xxe;</methodName></methodCall>""", XmlRpcFault.INVALID_REQUEST, "DOCTYPE");
    }

    @Test
    void refusesBillionLaughs() {
        assertFault("""
                <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
                <methodCall><methodName>&lol3;</methodName></methodCall>""", XmlRpcFault.INVALID_REQUEST, "DOCTYPE");
    }

    @Test
    void refusesDeepNestingAndOversizeRequests() {
        String deep = "<value><array><data>".repeat(40) + "<value>x</value>" + "</data></array></value>".repeat(40);
        assertFault("<methodCall><methodName>x</methodName><params><param>" + deep + "</param></params></methodCall>",
                XmlRpcFault.INVALID_REQUEST, "nested deeper");
        String big = "<methodCall><methodName>x</methodName><params><param><value><string>" + "a".repeat(70_000)
                + "</string></value></param></params></methodCall>";
        assertFault(big, XmlRpcFault.INVALID_REQUEST, "larger than");
    }

    @Test
    void malformedRequestsAreFaultsNotExceptions() {
        assertFault("<methodCall><methodName>x</methodName>", XmlRpcFault.PARSE_ERROR, "");
        assertFault("not xml", XmlRpcFault.PARSE_ERROR, "");
        assertFault("<methodCall><params/></methodCall>", XmlRpcFault.INVALID_REQUEST, "No methodName");
        assertFault("<methodCall><methodName>x</methodName><params><param><value><i4>seven</i4></value></param></params></methodCall>",
                XmlRpcFault.INVALID_REQUEST, "integer");
        assertFault("<methodCall><methodName>x</methodName><params><param><value><base64>AA==</base64></value></param></params></methodCall>",
                XmlRpcFault.INVALID_REQUEST, "Unsupported value type");
    }

    @Test
    void writesAnswersInIso88591WithReferencesForOtherCharacters() {
        byte[] answer = codec.response(Map.of("name", "Zoë <€>"));

        String text = new String(answer, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?>")
                .contains("<member><name>name</name><value><string>Zoë &lt;&#8364;&gt;</string></value>");
        assertThat(answer).contains((byte) 0xEB);
    }

    @Test
    void writesFaultsWithCodeAndString() {
        String fault = new String(codec.fault(-32601, "Unknown method"), StandardCharsets.ISO_8859_1);

        assertThat(fault).contains("<fault>").contains("<name>faultCode</name><value><i4>-32601</i4></value>")
                .contains("<name>faultString</name><value><string>Unknown method</string></value>");
    }

    private MethodCall parse(String xml, Charset charset) {
        return codec.parseCall(new ByteArrayInputStream(xml.getBytes(charset)));
    }

    private void assertFault(String xml, int code, String message) {
        assertThatThrownBy(() -> parse(xml, StandardCharsets.UTF_8))
                .isInstanceOfSatisfying(XmlRpcFault.class, f -> assertThat(f.code()).isEqualTo(code))
                .hasMessageContaining(message);
    }
}
