package nl.switchboard.ops;

import java.util.Map;

import jakarta.jms.JMSException;

import org.apache.camel.CamelExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jms.JmsException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import nl.switchboard.broker.BrokerDiskFull;

/** How the bus's REST API refuses a request: a status and {"error": reason}, never a stack trace. */
@RestControllerAdvice
public class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    /** Input that does not make sense: 400 with what is wrong. */
    @ExceptionHandler(IllegalArgumentException.class)
    ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
        return error(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    /** A body that is not the JSON the endpoint takes: 400, not the framework's own error page. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Map<String, String>> unreadableBody(HttpMessageNotReadableException e) {
        return error(HttpStatus.BAD_REQUEST, "Request body is not valid JSON for this endpoint");
    }

    /** A path or query value of the wrong kind (letters where a number belongs). */
    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, String>> wrongKind(MethodArgumentTypeMismatchException e) {
        return error(HttpStatus.BAD_REQUEST, "'" + e.getName() + "' has the wrong form: " + e.getValue());
    }

    /** The broker did not answer (down, or refused the bus): 503, the call may be repeated later. */
    @ExceptionHandler(JMSException.class)
    ResponseEntity<Map<String, String>> brokerUnavailable(JMSException e) {
        return error(HttpStatus.SERVICE_UNAVAILABLE, "Broker not reachable: " + e.getMessage());
    }

    /**
     * The database cannot be reached: 503, the call may be repeated later. The cause, which names the
     * SQL, goes to the log, not to the caller.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    ResponseEntity<Map<String, String>> databaseUnavailable(RuntimeException e) {
        LOG.error("Answered 503, the database cannot be reached: {}", e.toString());
        return error(HttpStatus.SERVICE_UNAVAILABLE, "Database not reachable; try again later");
    }

    /**
     * A send through a route that the broker refused (down, or its disk full): 503, the call may be
     * repeated later. Any other failure of a route is not the caller's to repeat and stays a 500.
     */
    @ExceptionHandler(CamelExecutionException.class)
    ResponseEntity<Map<String, String>> routeFailed(CamelExecutionException e) {
        if (e.getCause() instanceof BrokerDiskFull full) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, full.getMessage());
        }
        if (e.getCause() instanceof JmsException refused) {
            return error(HttpStatus.SERVICE_UNAVAILABLE, "Broker not reachable: " + refused.getMostSpecificCause().getMessage());
        }
        throw e;
    }

    public static ResponseEntity<Map<String, String>> error(HttpStatus status, String reason) {
        return ResponseEntity.status(status).body(Map.of("error", reason));
    }
}
