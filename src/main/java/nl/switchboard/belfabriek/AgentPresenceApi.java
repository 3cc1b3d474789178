package nl.switchboard.belfabriek;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** REST (role OPERATOR): an agent's presence (available, paused, logged-out) and status. */
@RestController
@RequestMapping("/api/agents")
public class AgentPresenceApi {

    private final AgentStatusProjection agents;

    public AgentPresenceApi(AgentStatusProjection agents) {
        this.agents = agents;
    }

    @GetMapping("/{extension}")
    public ResponseEntity<AgentStatus> status(@PathVariable String extension) {
        return ResponseEntity.of(agents.read(extension));
    }

    /** {"presence": "paused"} */
    @PostMapping("/{extension}/presence")
    public ResponseEntity<AgentStatus> presence(@PathVariable String extension, @RequestBody JsonNode request) {
        if (agents.read(extension).isEmpty()) {
            return ResponseEntity.notFound().build();
        }
        agents.setPresence(extension, request.path("presence").asText(""));
        return ResponseEntity.of(agents.read(extension));
    }
}
