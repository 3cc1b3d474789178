package nl.switchboard.portier;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The Portier desk page: static/portier/index.html, which works through {@link PortierDeskApi}. */
@Controller
public class PortierDeskPage {

    @GetMapping({"/portier", "/portier/"})
    public String desk() {
        return "forward:/portier/index.html";
    }
}
