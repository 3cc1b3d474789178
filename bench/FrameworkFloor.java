import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * Baseline of bench/p6: the bus's own classpath (Spring Boot, Camel, CXF, Artemis, H2, Quartz, Security)
 * started with Spring Boot's auto-configuration alone, without a class, route, migration or broker.xml of
 * the bus: what the frameworks cost before the bus adds anything. Ready when its HTTP port answers.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class FrameworkFloor {

    public static void main(String[] args) {
        SpringApplication.run(FrameworkFloor.class, args);
    }
}
