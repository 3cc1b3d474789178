package nl.switchboard.deadletter;

import java.util.List;
import java.util.Map;

import jakarta.jms.JMSException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import nl.switchboard.ops.ApiErrors;

/**
 * Dead letters for operators without the console (README, "Replaying a dead letter"): list the
 * dead-letter queues, the messages of one with reason and origin, and replay one or all of them to
 * where they came from. Role OPERATOR.
 */
@RestController
@RequestMapping("/api/dead-letters")
public class DeadLetterApi {

    private final DeadLetters deadLetters;

    public DeadLetterApi(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    public List<DeadLetters.Queue> queues() throws JMSException {
        return deadLetters.queues();
    }

    @GetMapping("/{queue}")
    public Map<String, Object> messages(@PathVariable String queue) throws JMSException {
        List<DeadLetters.Message> messages = deadLetters.messages(queue);
        return Map.of("queue", queue, "count", messages.size(), "messages", messages);
    }

    @PostMapping("/{queue}/replay")
    public Map<String, Object> replayAll(@PathVariable String queue) throws JMSException {
        return Map.of("queue", queue, "replayed", deadLetters.replayAll(queue));
    }

    @PostMapping("/{queue}/{messageId}/replay")
    public ResponseEntity<Map<String, Object>> replay(@PathVariable String queue, @PathVariable long messageId)
            throws JMSException {
        if (!deadLetters.replay(queue, messageId)) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND)
                    .body(Map.of("error", "No message " + messageId + " in " + queue));
        }
        return ResponseEntity.ok(Map.of("queue", queue, "messageId", messageId, "replayed", 1));
    }

    @ExceptionHandler(UnknownDeadLetterQueue.class)
    ResponseEntity<Map<String, String>> unknownQueue(UnknownDeadLetterQueue e) {
        return ApiErrors.error(HttpStatus.NOT_FOUND, e.getMessage());
    }
}
