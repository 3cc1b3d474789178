package nl.switchboard.flexfone;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.camel.Headers;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

import nl.switchboard.data.GroupCommit;

/**
 * Flexfone Integrationsmodul (seed 001): the PBX calls {@code /flexfone/module/<name>} during a call and
 * acts on the plain-text answer. Which lookup and which answer is configuration (mappings/ and
 * routes/); this runs the module's lookup within its budget, answers the fallback when the lookup is
 * slow, fails or finds nothing, and records the request by the PBX's unique call id.
 */
@Component
@EnableConfigurationProperties(FlexfoneModules.class)
public class IntegrationModules {

    private static final Logger LOG = LoggerFactory.getLogger(IntegrationModules.class);
    public static final String SOURCE = "/flexfone/module";

    private final FlexfoneModules configuration;
    private final PbxAccess access;
    private final ProducerTemplate producer;
    private final GroupCommit records;
    private final CallInputRelay relay;
    private final Clock clock;

    public IntegrationModules(FlexfoneModules configuration, PbxAccess access, ProducerTemplate producer,
                              GroupCommit records, CallInputRelay relay, Clock clock) {
        this.configuration = configuration;
        this.access = access;
        this.producer = producer;
        this.records = records;
        this.relay = relay;
        this.clock = clock;
    }

    public String answer(@Headers Map<String, Object> request) {
        Map<String, String> parameters = PbxRequest.parameters(request);
        access.requireToken(parameters.get("token"));
        String name = PbxRequest.pathName(request);
        FlexfoneModules.Module module = configuration.modules().get(name);
        if (module == null) {
            throw new CallbackRejected(404, "Unknown module '" + name + "'");
        }
        Duration budget = module.budget() != null ? module.budget() : configuration.moduleBudget();
        long deadline = System.nanoTime() + budget.toNanos();
        String answer = lookup(name, module, budget, parameters);
        boolean fallback = answer.isEmpty();
        if (fallback) {
            answer = module.fallback();
        }
        record(name, deadline, parameters, module.secretInput() ? "****" : parameters.getOrDefault("input", ""), answer,
                fallback);
        return answer;
    }

    private String lookup(String name, FlexfoneModules.Module module, Duration budget, Map<String, String> parameters) {
        Map<String, Object> variables = new HashMap<>(parameters);
        variables.remove("token");
        Future<Object> result = producer.asyncRequestBodyAndHeaders("direct:" + module.route(), null, variables);
        try {
            return PbxAnswer.of(result.get(budget.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            result.cancel(true);
            LOG.warn("Module {} took longer than {} ms: answered its fallback", name, budget.toMillis());
        } catch (ExecutionException e) {
            LOG.warn("Module {} failed ({}): answered its fallback", name, e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "";
    }

    /**
     * The caller is waiting: a failure to record is logged, never made the PBX's problem. Without
     * uniquecallid there is nothing to correlate, so nothing is recorded. The PBX waits for the row's
     * commit (shared with other calls under way: {@link GroupCommit}) for what is left of the module's
     * budget; a database slower than that gets the row when it answers, and the PBX its answer in time.
     * {@link CallInputRelay} publishes the row as call.input afterwards, or, when the row could not be
     * written (the database away), the request itself.
     */
    private void record(String module, long deadline, Map<String, String> parameters, String input, String answer,
                        boolean fallback) {
        String callId = parameters.get("uniquecallid");
        if (callId == null || callId.isBlank()) {
            LOG.warn("Module {} called without uniquecallid: add uniquecallid=[uniquecallid] to its URL in the PBX", module);
            return;
        }
        CallInput request = new CallInput(callId, module, parameters.get("callerid"), parameters.get("callername"), input,
                answer, fallback, OffsetDateTime.now(clock));
        CompletableFuture<Void> recorded = records.submit("INSERT INTO bus.flexfone_call_input (call_id, module, caller_id, "
                        + "caller_name, input, answer, fallback, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                request.callId(), request.module(), request.callerId(), request.callerName(), request.input(),
                request.answer(), request.fallback(), request.receivedAt());
        recorded.whenComplete((written, failure) -> {
            if (failure != null) {
                // off the group commit's thread, which the broker must not hold up
                CompletableFuture.runAsync(() -> publishUnrecorded(request, failure));
            }
        });
        try {
            recorded.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.warn("Module {} answered call {} before its recording was committed: its budget was used up", module, callId);
        } catch (ExecutionException e) {
            // logged when it completed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Without its row there is no outbox to publish the request later: it goes to the broker now. */
    private void publishUnrecorded(CallInput request, Throwable failure) {
        try {
            relay.publishUnrecorded(request);
            LOG.warn("Module {} answered '{}' for call {}, but recording it failed ({}): call.input published without "
                    + "a record", request.module(), request.answer(), request.callId(), failure.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Module {} answered '{}' for call {}, but neither recording it ({}) nor publishing call.input ({}) "
                    + "succeeded", request.module(), request.answer(), request.callId(), failure.getMessage(), e.getMessage());
        }
    }
}
