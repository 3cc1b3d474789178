package nl.switchboard.allegro.telefoon;

import java.util.HashMap;
import java.util.Map;

import javax.xml.namespace.QName;
import javax.xml.stream.XMLEventFactory;

import com.ctc.wstx.stax.WstxEventFactory;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.transport.servlet.CXFServlet;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import nl.switchboard.allegro.telefoon.ws.ITelefoonService;

/**
 * The TelefoonService endpoints: {@code /ws/TelefoonService} (CXF's servlet, cxf.path) and, for IVRs
 * configured against the Delphi AllegroTelefoon.exe, {@code /soap/ITelefoonService}. Both serve the
 * contract-first WSDL with schema validation.
 */
@Configuration(proxyBeanMethods = false)
public class TelefoonEndpoints {

    /**
     * CXF buffers every answer to validate it, asking for a new XMLEventFactory each time; unless this
     * property names one, each ask searches the classpath for a provider (bench/p4: a tenth of the CPU of
     * a SOAP call). It names the provider that search finds, Woodstox, unless the JVM was given another.
     */
    static {
        if (System.getProperty(XMLEventFactory.class.getName()) == null) {
            System.setProperty(XMLEventFactory.class.getName(), WstxEventFactory.class.getName());
        }
    }

    private static final QName SERVICE = new QName(SessionHeader.NAMESPACE, "ITelefoonServiceservice");
    private static final QName PORT = new QName(SessionHeader.NAMESPACE, "ITelefoonServicePort");

    @Bean
    CxfEndpoint telefoonServiceEndpoint() {
        return endpoint("/TelefoonService");
    }

    @Bean
    CxfEndpoint delphiTelefoonServiceEndpoint() {
        return endpoint("/ITelefoonService");
    }

    /** The Delphi server's path prefix, served by a second CXF servlet on the same bus. */
    @Bean
    ServletRegistrationBean<CXFServlet> delphiSoapServlet() {
        ServletRegistrationBean<CXFServlet> servlet = new ServletRegistrationBean<>(new CXFServlet(), "/soap/*");
        servlet.setName("delphiSoapServlet");
        servlet.setLoadOnStartup(1);
        return servlet;
    }

    private static CxfEndpoint endpoint(String address) {
        CxfEndpoint endpoint = new CxfEndpoint();
        endpoint.setAddress(address);
        endpoint.setServiceClass(ITelefoonService.class);
        endpoint.setWsdlURL("classpath:wsdl/TelefoonService.wsdl");
        endpoint.setServiceNameAsQName(SERVICE);
        endpoint.setPortNameAsQName(PORT);
        endpoint.setDataFormat(DataFormat.POJO);
        // requests and answers are both checked against the WSDL's schema: a malformed request gets a
        // SOAP fault before any route sees it, and an answer can never break the contract
        endpoint.setSchemaValidationEnabled(true);
        endpoint.getFeatures().add(new ReusedValidatorsFeature());
        endpoint.setProperties(new HashMap<>(Map.of(FaultListener.class.getName(), new ClientFaultLog())));
        return endpoint;
    }
}
