package nl.switchboard.allegro.telefoon;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.xml.ws.BindingProvider;

import org.apache.cxf.binding.soap.SoapHeader;
import org.apache.cxf.headers.Header;
import org.apache.cxf.jaxb.JAXBDataBinding;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.w3c.dom.Element;

import nl.switchboard.allegro.telefoon.ws.AllegroGetVrijOpneembareReserveringen;
import nl.switchboard.allegro.telefoon.ws.AllegroGetVrijOpneembareReserveringenResponse;
import nl.switchboard.allegro.telefoon.ws.AllegroLogin;
import nl.switchboard.allegro.telefoon.ws.AllegroLoginResponse;
import nl.switchboard.allegro.telefoon.ws.AllegroOpnameReservering;
import nl.switchboard.allegro.telefoon.ws.AllegroOpnameReserveringResponse;
import nl.switchboard.allegro.telefoon.ws.AllegroTelefoonGetKlant;
import nl.switchboard.allegro.telefoon.ws.AllegroTelefoonGetKlantResponse;
import nl.switchboard.allegro.telefoon.ws.ITelefoonService;

/** A SOAP client of the TelefoonService over HTTP, as an IVR uses it: it keeps the session of its last login. */
public final class TelefoonClient {

    private final ITelefoonService port;
    private String session;

    public TelefoonClient(String address) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(ITelefoonService.class);
        factory.setAddress(address);
        port = (ITelefoonService) factory.create();
    }

    AllegroLoginResponse login(String aanmeldcode, String wachtwoord, int relatiecode) {
        AllegroLogin request = new AllegroLogin();
        request.setAanmeldcode(aanmeldcode);
        request.setWachtwoord(wachtwoord);
        request.setRelatiecode(relatiecode);
        sendSession(null);
        AllegroLoginResponse response = port.allegroLogin(request);
        session = receivedSession();
        return response;
    }

    public AllegroLoginResponse login(int relatiecode) {
        return login("ivr", "demo-wachtwoord", relatiecode);
    }

    String session() {
        return session;
    }

    /** Sends the given guid instead of the session's; null sends no header at all. */
    TelefoonClient withSession(String guid) {
        session = guid;
        return this;
    }

    AllegroTelefoonGetKlantResponse getKlant() {
        sendSession(session);
        return port.allegroTelefoonGetKlant(new AllegroTelefoonGetKlant());
    }

    AllegroGetVrijOpneembareReserveringenResponse getReserveringen() {
        sendSession(session);
        return port.allegroGetVrijOpneembareReserveringen(new AllegroGetVrijOpneembareReserveringen());
    }

    public AllegroOpnameReserveringResponse opname(int relatiecode, int nummer, String bedrag, String welkeRekening) {
        AllegroOpnameReservering request = new AllegroOpnameReservering();
        request.setRelatiecode(relatiecode);
        request.setVolgnummerReservering(nummer);
        request.setBedrag(new BigDecimal(bedrag));
        request.setWelkeRekening(welkeRekening);
        sendSession(session);
        return port.allegroOpnameReservering(request);
    }

    private void sendSession(String guid) {
        Map<String, Object> context = ((BindingProvider) port).getRequestContext();
        if (guid == null) {
            context.remove(Header.HEADER_LIST);
            return;
        }
        try {
            List<Header> headers = new ArrayList<>();
            headers.add(new SoapHeader(SessionHeader.NAME, guid, new JAXBDataBinding(String.class)));
            context.put(Header.HEADER_LIST, headers);
        } catch (jakarta.xml.bind.JAXBException e) {
            throw new IllegalStateException(e);
        }
    }

    private String receivedSession() {
        Object headers = ((BindingProvider) port).getResponseContext().get(Header.HEADER_LIST);
        if (headers instanceof List<?> list) {
            for (Object header : list) {
                if (header instanceof Header h && SessionHeader.NAME.equals(h.getName())) {
                    return h.getObject() instanceof Element e ? e.getTextContent() : String.valueOf(h.getObject());
                }
            }
        }
        return null;
    }
}
