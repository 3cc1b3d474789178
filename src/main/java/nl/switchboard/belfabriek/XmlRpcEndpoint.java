package nl.switchboard.belfabriek;

import org.apache.camel.ProducerTemplate;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The XML-RPC HTTP endpoint, at the bus's path and the vendor's. It hands the request on as raw bytes:
 * the encoding is the one the XML declares (iso-8859-1 from most clients), which Camel's platform-http
 * would otherwise decode as text first and break.
 */
@RestController
public class XmlRpcEndpoint {

    private static final MediaType TEXT_XML_LATIN1 = MediaType.parseMediaType("text/xml;charset=iso-8859-1");

    private final ProducerTemplate producer;

    public XmlRpcEndpoint(ProducerTemplate producer) {
        this.producer = producer;
    }

    @PostMapping({"/xmlrpc", "/xml/agent/xml.asp"})
    public ResponseEntity<byte[]> call(@RequestBody(required = false) byte[] request) {
        byte[] answer = producer.requestBody("direct:belfabriek-agent-availability", request == null ? new byte[0] : request,
                byte[].class);
        return ResponseEntity.ok().contentType(TEXT_XML_LATIN1).body(answer);
    }
}
