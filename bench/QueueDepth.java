import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;

/**
 * What waits on queues of the bus's broker: a benchmark's rate counts only if the consumers keep up
 * with it, else part of its work is left for later. Arguments: broker URL, user, password, queues.
 * Prints "queue <name> <messages>" per queue.
 */
public class QueueDepth {

    public static void main(String[] args) throws Exception {
        ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(args[0], args[1], args[2]);
        try (ClientSessionFactory core = factory.getServerLocator().createSessionFactory();
             ClientSession session = core.createSession(args[1], args[2], false, true, true, false, 1)) {
            for (int i = 3; i < args.length; i++) {
                System.out.printf("queue %s %d%n", args[i], session.queueQuery(SimpleString.of(args[i])).getMessageCount());
            }
        }
    }
}
