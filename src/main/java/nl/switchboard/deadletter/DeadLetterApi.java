package nl.switchboard.deadletter;

import java.util.List;
import java.util.Map;

import jakarta.jms.JMSException;

import com.fasterxml.jackson.annotation.JsonInclude;
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

    /** The messages of one dead-letter queue. */
    public record QueueMessages(String queue, int count, List<DeadLetters.Message> messages) {
    }

    /** What a replay moved back: one message (messageId) or all of the queue. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Replayed(String queue, Long messageId, int replayed) {
    }

    private final DeadLetters deadLetters;

    public DeadLetterApi(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    public List<DeadLetters.Queue> queues() throws JMSException {
        return deadLetters.queues();
    }

    @GetMapping("/{queue}")
    public QueueMessages messages(@PathVariable String queue) throws JMSException {
        List<DeadLetters.Message> messages = deadLetters.messages(queue);
        return new QueueMessages(queue, messages.size(), messages);
    }

    @PostMapping("/{queue}/replay")
    public Replayed replayAll(@PathVariable String queue) throws JMSException {
        return new Replayed(queue, null, deadLetters.replayAll(queue));
    }

    @PostMapping("/{queue}/{messageId}/replay")
    public ResponseEntity<?> replay(@PathVariable String queue, @PathVariable long messageId)
            throws JMSException {
        if (!deadLetters.replay(queue, messageId)) {
            return ApiErrors.error(HttpStatus.NOT_FOUND, "No message " + messageId + " in " + queue);
        }
        return ResponseEntity.ok(new Replayed(queue, messageId, 1));
    }

    @ExceptionHandler(UnknownDeadLetterQueue.class)
    ResponseEntity<Map<String, String>> unknownQueue(UnknownDeadLetterQueue e) {
        return ApiErrors.error(HttpStatus.NOT_FOUND, e.getMessage());
    }
}
