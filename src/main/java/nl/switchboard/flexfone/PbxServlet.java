package nl.switchboard.flexfone;

import org.apache.camel.component.servlet.CamelHttpTransportServlet;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The PBX's requests (/flexfone/*) go to Camel's own servlet, whose routes run on Tomcat's request
 * thread. Through platform-http, Spring MVC handed every request to a task thread and completed it by a
 * second, asynchronous dispatch through the servlet filters (bench/p2: a tenth of the bus's CPU). The
 * servlet has Camel's default name, which the routes' servlet: endpoints look for.
 */
@Configuration(proxyBeanMethods = false)
public class PbxServlet {

    @Bean
    ServletRegistrationBean<CamelHttpTransportServlet> pbxCamelServlet() {
        ServletRegistrationBean<CamelHttpTransportServlet> servlet =
                new ServletRegistrationBean<>(new CamelHttpTransportServlet(), "/flexfone/*");
        servlet.setName("CamelServlet");
        servlet.setLoadOnStartup(1);
        return servlet;
    }
}
