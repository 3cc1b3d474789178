package nl.switchboard.flexfone;

import java.util.UUID;

import org.apache.camel.component.servlet.CamelHttpTransportServlet;
import org.apache.camel.component.servlet.ServletComponent;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The PBX's requests (/flexfone/*) go to Camel's own servlet, whose routes run on Tomcat's request
 * thread. Through platform-http, Spring MVC handed every request to a task thread and completed it by a
 * second, asynchronous dispatch through the servlet filters (bench/p2: a tenth of the bus's CPU).
 */
@Configuration(proxyBeanMethods = false)
public class PbxServlet {

    /**
     * Camel finds a servlet by name in a registry per JVM: a name of this application's own keeps two
     * buses in one JVM (as in the tests) from sharing, or refusing, each other's servlet.
     */
    private final String name = "pbx-" + UUID.randomUUID();

    @Bean
    ServletRegistrationBean<CamelHttpTransportServlet> pbxCamelServlet() {
        ServletRegistrationBean<CamelHttpTransportServlet> servlet =
                new ServletRegistrationBean<>(new CamelHttpTransportServlet(), "/flexfone/*");
        servlet.setName(name);
        servlet.setLoadOnStartup(1);
        return servlet;
    }

    /** The servlet: component of the routes, bound to that servlet. */
    @Bean("servlet")
    ServletComponent servletComponent() {
        ServletComponent component = new ServletComponent();
        component.setServletName(name);
        return component;
    }
}
