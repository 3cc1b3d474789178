package nl.switchboard.belfabriek;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;

import nl.switchboard.ops.SharedSecret;

/**
 * The Belfabriek Agent Availability API (seed 002) served by the bus: {@code ivr.getAgentAvail} and
 * {@code general.getExtensionStatus}, each taking one struct of string members. Clients in the wild
 * send the account as accountCode, accountPin or custId and the extension as extensionId or extId.
 */
@Component
public class AgentAvailability {

    private static final Logger LOG = LoggerFactory.getLogger(AgentAvailability.class);

    private static final List<String> ACCOUNT = List.of("accountCode", "accountPin", "custId");
    private static final List<String> EXTENSION = List.of("extensionId", "extId");

    private final XmlRpcCodec codec = new XmlRpcCodec();
    private final AgentStatusProjection agents;
    private final String accountPin;

    public AgentAvailability(AgentStatusProjection agents, @Value("${switchboard.belfabriek.account-pin:}") String accountPin) {
        this.agents = agents;
        this.accountPin = accountPin;
    }

    /** The XML-RPC answer (iso-8859-1 bytes) to a request: a methodResponse or a fault, never an exception. */
    public byte[] answer(InputStream request) {
        try {
            MethodCall call = codec.parseCall(request);
            return switch (call.methodName()) {
                case "ivr.getAgentAvail" -> {
                    AgentStatus agent = agent(call);
                    Map<String, Object> struct = new LinkedHashMap<>();
                    struct.put("available", agent.available() ? 1 : 0);
                    struct.put("availReason", agent.availReason());
                    struct.put("extension", agent.number());
                    yield codec.response(struct);
                }
                case "general.getExtensionStatus" -> codec.response(Map.of("Available", agent(call).status()));
                default -> throw new XmlRpcFault(XmlRpcFault.METHOD_NOT_FOUND, "Unknown method " + call.methodName()
                        + ": use ivr.getAgentAvail or general.getExtensionStatus");
            };
        } catch (XmlRpcFault fault) {
            return codec.fault(fault.code(), fault.getMessage());
        } catch (DataAccessResourceFailureException | CannotCreateTransactionException e) {
            LOG.error("Agent availability answered a fault, the database cannot be reached: {}", e.toString());
            return codec.fault(XmlRpcFault.APPLICATION_ERROR, "Agent status unavailable; try again later");
        }
    }

    private AgentStatus agent(MethodCall call) {
        if (call.params().size() != 1 || !(call.params().get(0) instanceof Map<?, ?> struct)) {
            throw new XmlRpcFault(XmlRpcFault.INVALID_PARAMS, "Expected one struct parameter");
        }
        String account = member(struct, ACCOUNT);
        String extension = member(struct, EXTENSION);
        if (!SharedSecret.matches(accountPin, account)) {
            throw new XmlRpcFault(XmlRpcFault.ACCESS_DENIED, "Wrong account pin");
        }
        return agents.read(extension)
                .orElseThrow(() -> new XmlRpcFault(XmlRpcFault.INVALID_PARAMS, "Unknown extension " + extension));
    }

    private static String member(Map<?, ?> struct, List<String> names) {
        for (String name : names) {
            Object value = struct.get(name);
            if (value != null) {
                if (!(value instanceof String text)) {
                    throw new XmlRpcFault(XmlRpcFault.INVALID_PARAMS, name + " must be a string");
                }
                if (!text.isBlank()) {
                    return text.trim();
                }
            }
        }
        throw new XmlRpcFault(XmlRpcFault.INVALID_PARAMS, "Missing parameter " + String.join(" or ", names));
    }
}
