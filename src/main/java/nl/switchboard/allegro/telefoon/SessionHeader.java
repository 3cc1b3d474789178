package nl.switchboard.allegro.telefoon;

import java.util.List;

import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import jakarta.servlet.http.HttpServletRequest;

import org.apache.camel.Exchange;
import org.apache.camel.component.cxf.common.message.CxfConstants;
import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.headers.Header;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.AbstractHTTPDestination;
import org.springframework.stereotype.Component;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import nl.switchboard.allegro.ParameterValues;
import nl.switchboard.allegro.telefoon.ws.AllegroLogin;
import nl.switchboard.allegro.telefoon.ws.AllegroLoginResponse;

/**
 * The {@code sessionguid} SOAP header of the TelefoonService: written into the answer of AllegroLogin,
 * read from the request of every other operation. The routes call this before the operation itself.
 */
@Component
public class SessionHeader {

    public static final String NAMESPACE = "urn:TelefoonServiceIntf-ITelefoonService";
    public static final QName NAME = new QName(NAMESPACE, "sessionguid");
    /** Camel header with the relatiecode the session belongs to. */
    public static final String RELATIECODE = "AllegroRelatiecode";
    /** Camel header with the session's guid. */
    public static final String SESSION = "AllegroSession";

    private final TelefoonSessions sessions;
    private final TelefoonService service;
    private final Document documents;

    public SessionHeader(TelefoonSessions sessions, TelefoonService service) throws ParserConfigurationException {
        this.sessions = sessions;
        this.service = service;
        this.documents = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
    }

    /** Logs in and, on success, answers the new session in the response header. */
    public AllegroLoginResponse login(AllegroLogin request, Exchange exchange) {
        TelefoonService.LoginResult result = service.login(request, clientAddress(exchange),
                exchange.getProperty(TelefoonService.PARAMETERS, ParameterValues.class));
        if (result.sessionGuid() == null) {
            exchange.getIn().removeHeader(Header.HEADER_LIST);
        } else {
            exchange.getIn().setHeader(Header.HEADER_LIST, List.of(new SoapHeader(NAME, element(result.sessionGuid()))));
        }
        return result.response();
    }

    /** Sets {@value #RELATIECODE} and {@value #SESSION} from a live session, or fails with a SOAP fault. */
    public void requireSession(Exchange exchange) {
        String guid = read(exchange);
        int relatiecode = sessions.require(guid);
        exchange.getIn().setHeader(RELATIECODE, relatiecode);
        exchange.getIn().setHeader(SESSION, guid.trim());
        // the request's headers are not echoed in the answer
        exchange.getIn().removeHeader(Header.HEADER_LIST);
    }

    private static String read(Exchange exchange) {
        List<?> headers = exchange.getIn().getHeader(Header.HEADER_LIST, List.class);
        if (headers == null) {
            return null;
        }
        for (Object header : headers) {
            if (header instanceof Header soapHeader && NAME.equals(soapHeader.getName())) {
                Object value = soapHeader.getObject();
                return value instanceof Element element ? element.getTextContent() : String.valueOf(value);
            }
        }
        return null;
    }

    private synchronized Element element(String guid) {
        Element element = documents.createElementNS(NAMESPACE, "sessionguid");
        element.setTextContent(guid);
        return element;
    }

    static String clientAddress(Exchange exchange) {
        Message message = exchange.getIn().getHeader(CxfConstants.CAMEL_CXF_MESSAGE, Message.class);
        return message == null ? "unknown" : clientAddress(message);
    }

    /** The address the SOAP request came from, as CXF's message has it. */
    static String clientAddress(Message message) {
        return message.get(AbstractHTTPDestination.HTTP_REQUEST) instanceof HttpServletRequest request
                ? request.getRemoteAddr() : "unknown";
    }
}
