package nl.switchboard.ops;

import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * Who may call what over HTTP. The protocols that carry their own authentication stay open to their
 * callers: SOAP (sessions of the TelefoonService), PBX callbacks (secret token), XML-RPC (account pin)
 * and the health check. Everything else needs a user: the Portier desk the role PORTIER or OPERATOR,
 * the rest OPERATOR. Browsers log in with a form and are protected against CSRF; scripts send HTTP
 * Basic credentials, which a forged cross-site request cannot carry.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityUsers.class)
public class WebSecurity {

    private static final Logger LOG = LoggerFactory.getLogger(WebSecurity.class);

    private static final String[] OWN_AUTHENTICATION = {
        "/ws/**", "/soap/**", "/wsdl/**", "/flexfone/**", "/xmlrpc", "/xml/**"
    };

    /**
     * The protocol paths, answered to machines that authenticate themselves: without session, login,
     * CSRF token or saved request, which cost a PBX callback or a SOAP call as much as its own work
     * (bench/p2), and which none of these callers use. The security headers stay.
     */
    @Bean
    @Order(1)
    SecurityFilterChain protocolFilterChain(HttpSecurity http) throws Exception {
        // by the path within the application: most of these paths belong to CXF's servlets, not to Spring MVC
        http.securityMatcher(new OrRequestMatcher(Arrays.stream(OWN_AUTHENTICATION)
                        .map(PathPatternRequestMatcher.withDefaults()::matcher).toArray(RequestMatcher[]::new)))
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .securityContext(AbstractHttpConfigurer::disable)
                .csrf(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/portier", "/portier/**", "/api/portier/**").hasAnyRole("PORTIER", "OPERATOR")
                        .anyRequest().hasRole("OPERATOR"))
                .httpBasic(Customizer.withDefaults())
                .formLogin(Customizer.withDefaults())
                .csrf(csrf -> csrf
                        .csrfTokenRepository(CookieCsrfTokenRepository.withHttpOnlyFalse())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .ignoringRequestMatchers(request -> request.getHeader("Authorization") != null))
                .addFilterAfter(new CsrfCookieFilter(), BasicAuthenticationFilter.class);
        return http.build();
    }

    @Bean
    UserDetailsService users(SecurityUsers configured, PasswordEncoder passwordEncoder) {
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager();
        for (SecurityUsers.User user : configured.users()) {
            users.createUser(User.withUsername(user.name())
                    .password(user.password())
                    .roles(user.roles().toArray(String[]::new))
                    .build());
        }
        if (configured.users().isEmpty()) {
            LOG.warn("No users configured (switchboard.security.users): the REST API, the Portier desk and the "
                    + "actuator endpoints other than health refuse every call");
        }
        return users;
    }

    /**
     * Spring Security wraps each of its filters in an observation on every request: about a third of a
     * small request's cost (bench/p1), for metrics no one reads. http.server.requests stays.
     */
    @Bean
    SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Understands {bcrypt}, {pbkdf2}, {noop}, ... prefixes on configured passwords. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }
}
