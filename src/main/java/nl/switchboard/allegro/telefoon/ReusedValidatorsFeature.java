package nl.switchboard.allegro.telefoon;

import javax.xml.validation.Schema;

import org.apache.cxf.Bus;
import org.apache.cxf.endpoint.Server;
import org.apache.cxf.feature.AbstractPortableFeature;
import org.apache.cxf.service.model.ServiceInfo;
import org.apache.cxf.ws.addressing.EndpointReferenceUtils;

/**
 * Gives a CXF server's schema validation a {@link ThreadReusedSchema}: CXF keeps the schema it built
 * from the WSDL on the service model and asks there for it at every message.
 */
final class ReusedValidatorsFeature implements AbstractPortableFeature {

    @Override
    public void initialize(Server server, Bus bus) {
        ServiceInfo service = server.getEndpoint().getService().getServiceInfos().get(0);
        Schema schema = EndpointReferenceUtils.getSchema(service, bus);
        if (schema != null && !(schema instanceof ThreadReusedSchema)) {
            service.setProperty(Schema.class.getName(), new ThreadReusedSchema(schema));
        }
    }
}
